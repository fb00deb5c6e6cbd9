import { describe, expect, it } from "vitest";
import {
  coverageByTeamRole,
  departures,
  type MapAffiliation,
  type MapTeamMember,
  relationshipFlags,
} from "./relationships.rules";

const TODAY = "2026-01-15";
let seq = 0;

function aff(name: string, overrides: Partial<MapAffiliation> = {}): MapAffiliation {
  seq += 1;
  return {
    affiliationId: `aff-${seq}`,
    contactId: `contact-${name}`,
    name,
    title: null,
    level: "operational",
    role: "user",
    authority: null,
    responsibility: null,
    accountability: null,
    startedOn: "2024-01-01",
    endedOn: null,
    ...overrides,
  };
}

const owner: MapTeamMember = { memberId: "m-owner", name: "Olga", role: "lead", isOwner: true };
const sponsor: MapTeamMember = {
  memberId: "m-sponsor",
  name: "Sam",
  role: "executive_sponsor",
  isOwner: false,
};
const fullTeam = [owner, sponsor];

/** A healthy account: two senior people, a champion and a decision maker, a sponsor. */
const healthy = () => [
  aff("Ada", { level: "executive", role: "decision_maker" }),
  aff("Bram", { level: "management", role: "champion" }),
];

const codesOf = (affiliations: MapAffiliation[], team = fullTeam) =>
  relationshipFlags({ affiliations, team, today: TODAY }).map((f) => f.code);
const reasonOf = (code: string, affiliations: MapAffiliation[], team = fullTeam) =>
  relationshipFlags({ affiliations, team, today: TODAY }).find((f) => f.code === code)?.reason;

describe("relationship flags", () => {
  it("raises nothing for two senior contacts with a champion, a decision maker and a sponsor", () => {
    expect(codesOf(healthy())).toEqual([]);
  });

  describe("single_threaded", () => {
    it("is raised when no one is a current contact", () => {
      expect(reasonOf("single_threaded", [])).toBe("No one at the client is a current contact.");
    });

    it("is raised for one current contact and names them", () => {
      const reason = reasonOf("single_threaded", [aff("Ada", { level: "executive" })]);
      expect(reason).toBe("Ada is the only current contact.");
      expect(reasonOf("single_threaded", [aff("Ines")])).toBe(
        "Ines is the only current contact and is not above operational level.",
      );
    });

    it("is raised when no current contact is above operational, counting and naming them", () => {
      const list = [aff("Ada"), aff("Bram", { level: null }), aff("Chloé"), aff("Dmitri")];
      expect(reasonOf("single_threaded", list)).toBe(
        "None of the 4 current contacts (Ada, Bram, Chloé and 1 more) is above operational level.",
      );
    });

    it("says who left when the last senior contact went", () => {
      const list = [
        aff("Ada", { level: "executive", endedOn: "2025-12-01" }),
        aff("Bram", { level: "management", endedOn: "2026-01-10" }),
        aff("Chloé"),
        aff("Dmitri"),
      ];
      expect(reasonOf("single_threaded", list)).toBe(
        "None of the 2 current contacts (Chloé and Dmitri) is above operational level. Bram (management) left on 2026-01-10 and was the last senior contact.",
      );
    });

    it("counts an announced departure as current until the day it happens", () => {
      const leaving = [aff("Ada", { level: "executive", endedOn: "2026-01-16" }), aff("Bram")];
      expect(codesOf(leaving)).not.toContain("single_threaded");
      const leftToday = [aff("Ada", { level: "executive", endedOn: TODAY }), aff("Bram")];
      expect(codesOf(leftToday)).toContain("single_threaded");
    });

    it("counts a person with two affiliations once", () => {
      const twice = [
        aff("Ada", { level: "executive", role: "decision_maker" }),
        aff("Ada", { level: "executive", role: "champion" }),
      ];
      expect(reasonOf("single_threaded", twice)).toBe("Ada is the only current contact.");
      // ...yet both roles count: she is champion and decision maker.
      expect(codesOf(twice, fullTeam)).toEqual(["single_threaded"]);
    });

    it("is not raised for two contacts when one is senior", () => {
      expect(codesOf([aff("Ada", { level: "management" }), aff("Bram")])).not.toContain(
        "single_threaded",
      );
    });
  });

  describe("no_executive_sponsor", () => {
    it("is raised when no one on our team is the executive sponsor, naming the team", () => {
      const delivery: MapTeamMember = {
        memberId: "m-d",
        name: "Dana",
        role: "after_hours",
        isOwner: false,
      };
      expect(reasonOf("no_executive_sponsor", healthy(), [owner, delivery])).toBe(
        "No one on our team is the executive sponsor; the team of 2 members is Olga (lead) and Dana (after hours).",
      );
    });

    it("is not raised when someone on our team is the executive sponsor", () => {
      expect(codesOf(healthy(), [owner, sponsor])).not.toContain("no_executive_sponsor");
    });
  });

  describe("champion_left", () => {
    it("is raised when a champion's affiliation ended and no champion remains", () => {
      const list = [
        ...healthy().map((a) => ({ ...a, role: a.role === "champion" ? null : a.role })),
        aff("Farid", { level: "management", role: "champion", endedOn: "2026-01-05" }),
      ];
      expect(reasonOf("champion_left", list)).toBe(
        "Champion Farid left on 2026-01-05 and no current contact is a champion.",
      );
    });

    it("names the latest of several champions who left, with their number", () => {
      const list = [
        aff("Ada", { level: "executive", role: "decision_maker" }),
        aff("Bram", { level: "management" }),
        aff("Esi", { role: "champion", endedOn: "2025-03-01" }),
        aff("Farid", { role: "champion", endedOn: "2025-09-30" }),
      ];
      expect(reasonOf("champion_left", list)).toBe(
        "Champion Farid left on 2025-09-30 and no current contact is a champion (2 champions ended).",
      );
    });

    it("is not raised when another champion is current, or when there never was one", () => {
      const replaced = [
        ...healthy(),
        aff("Farid", { level: "management", role: "champion", endedOn: "2026-01-05" }),
      ];
      expect(codesOf(replaced)).not.toContain("champion_left");
      const never = healthy().map((a) => ({ ...a, role: a.role === "champion" ? null : a.role }));
      expect(codesOf(never)).not.toContain("champion_left");
      const leavingLater = [
        aff("Ada", { level: "executive", role: "decision_maker" }),
        aff("Bram", { level: "management", role: "champion", endedOn: "2026-03-01" }),
      ];
      expect(codesOf(leavingLater)).not.toContain("champion_left");
    });
  });

  describe("no_decision_maker", () => {
    it("is raised when no current contact is a decision maker, counting them", () => {
      const list = [aff("Ada", { level: "executive" }), aff("Bram", { level: "management" })];
      expect(reasonOf("no_decision_maker", list)).toBe(
        "None of the 2 current contacts (Ada and Bram) is a decision maker.",
      );
      expect(reasonOf("no_decision_maker", [aff("Ines")])).toBe(
        "Ines, the only current contact, is not a decision maker.",
      );
      expect(reasonOf("no_decision_maker", [])).toBe(
        "There is no current contact, so no decision maker.",
      );
    });

    it("names the last decision maker who left", () => {
      const list = [
        aff("Ada", { level: "executive", role: "decision_maker", endedOn: "2025-11-20" }),
        aff("Bram", { level: "management", role: "champion" }),
        aff("Chloé", { level: "executive" }),
      ];
      expect(reasonOf("no_decision_maker", list)).toBe(
        "None of the 2 current contacts (Bram and Chloé) is a decision maker. The last one, Ada, left on 2025-11-20.",
      );
    });

    it("is not raised while a decision maker is current", () => {
      expect(codesOf(healthy())).not.toContain("no_decision_maker");
    });
  });
});

describe("departures", () => {
  it("lists people with no current affiliation left, not those who only changed role", () => {
    const list = [
      aff("Ada", { role: "user", endedOn: "2025-06-30" }),
      aff("Ada", { role: "champion", startedOn: "2025-07-01" }),
      aff("Bram", { endedOn: "2025-12-31" }),
    ];
    expect(departures(list, TODAY).map((a) => a.name)).toEqual(["Bram"]);
  });
});

describe("coverage by team role", () => {
  const team: MapTeamMember[] = [
    { memberId: "owner", name: "O", role: "delivery", isOwner: true },
    { memberId: "lead", name: "L", role: "lead", isOwner: false },
    { memberId: "sponsor", name: "S", role: "executive_sponsor", isOwner: false },
    { memberId: "delivery", name: "D", role: "delivery", isOwner: false },
    { memberId: "support", name: "P", role: "support", isOwner: false },
    { memberId: "night", name: "N", role: "after_hours", isOwner: false },
  ];
  const coveredBy = (a: MapAffiliation) =>
    coverageByTeamRole([a], team)
      .map((link) => {
        expect(link).toMatchObject({ contactId: a.contactId, source: "team_role" });
        return link.memberId;
      })
      .sort();

  it("gives executives to the executive sponsor", () => {
    expect(coveredBy(aff("Ada", { level: "executive" }))).toEqual(["sponsor"]);
  });

  it("gives management, unknown levels and every decision maker to the lead and the owner", () => {
    expect(coveredBy(aff("Bram", { level: "management" }))).toEqual(["lead", "owner"]);
    expect(coveredBy(aff("Cleo", { level: null }))).toEqual(["lead", "owner"]);
    expect(coveredBy(aff("Ada", { level: "executive", role: "decision_maker" }))).toEqual([
      "lead",
      "owner",
      "sponsor",
    ]);
  });

  it("gives operational contacts to delivery and support, never to after-hours", () => {
    // The owner is delivery here too, so covers operational people by that role.
    expect(coveredBy(aff("Ines", { level: "operational" }))).toEqual([
      "delivery",
      "owner",
      "support",
    ]);
  });

  it("lists each member and contact once", () => {
    const twice = [
      aff("Ada", { level: "management", role: "decision_maker" }),
      aff("Ada", { level: "management", role: "champion" }),
    ];
    expect(coverageByTeamRole(twice, team)).toHaveLength(2);
  });
});
