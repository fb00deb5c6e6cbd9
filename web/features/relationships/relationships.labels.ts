/** Words for the relationship map: each flag's short title and what to do about it. */
import type { RelationshipFlag } from "./relationships.api";

type FlagCode = RelationshipFlag["code"];

export const flagTitles: Record<FlagCode, string> = {
  single_threaded: "Single-threaded",
  no_executive_sponsor: "No executive sponsor",
  champion_left: "Champion left",
  no_decision_maker: "No decision maker",
};

/** The next step each flag asks for, shown under the reason the API gives. */
export const flagRemedies: Record<FlagCode, string> = {
  single_threaded:
    "Meet a second person there, ideally someone senior, so the relationship survives one departure.",
  no_executive_sponsor:
    "Ask a senior person on our side to be the executive sponsor and meet their executives.",
  champion_left: "Find who now speaks for us inside the client, and ask the champion who that is.",
  no_decision_maker: "Learn who can say yes to our work, and get to know them before it matters.",
};

export const levelRowLabels = {
  executive: "Executive",
  management: "Management",
  operational: "Operational",
  unknown: "Level not known",
} as const;
