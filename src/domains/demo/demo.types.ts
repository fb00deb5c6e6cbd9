/**
 * What the demo generator takes and gives back. The demo workspace (CLI `demo`, the
 * onboarding button) and the benchmark profiles (bench/) share one generator.
 */

/** `demo`: a believable firm with a story, sized by `accounts`; the others: bulk sizes. */
export type DemoProfile = "demo" | "tiny" | "firm" | "large";

export type GenerateFirmOptions = {
  profile: DemoProfile;
  /** Same seed, same firm (names, dates, scores). Default 1. */
  seed?: number;
  /** Only for `demo`: how many accounts (default 40). */
  accounts?: number;
  /** The generator's "today"; default the real clock. Two years of history end here. */
  now?: Date;
  workspaceName?: string;
  /** The owner's login; the password is generated (and returned) when not given. */
  ownerEmail?: string;
  ownerPassword?: string;
  /** Called as each step advances, for a progress line. */
  onProgress?: (progress: { step: string; done: number; total: number }) => void;
};

export type GeneratedFirm = {
  workspaceId: string;
  owner: {
    email: string;
    /** Empty when the email was an existing user's: they keep their own password. */
    password: string;
    memberId: string;
    userId: string;
    /** The email belonged to a user already (who now owns this workspace too). */
    existingUser?: boolean;
  };
  /** What every generated colleague signs in with (the owner's password when it was new). */
  memberPassword?: string;
  /** The member with the most accounts led (the agenda worth measuring). */
  busyMember: { memberId: string; email: string };
  counts: {
    members: number;
    accounts: number;
    contacts: number;
    interactions: number;
    answers: number;
    tasks: number;
  };
  /** Ids and words the benchmark and the tests can use. */
  sample: {
    accountIds: string[];
    /** The drifting accounts of the story: falling scores, alarms, a champion gone. */
    atRiskAccountIds: string[];
    /** Prefixes of names that exist, for search type-ahead. */
    searchPrefixes: string[];
  };
};
