/**
 * What every request carries: the app's dependencies (database, clock, config, logger)
 * and, once authenticated, who is asking. Handlers pass these to domain functions as
 * arguments instead of reaching for globals, so each test gets its own db and clock.
 */
import type { Logger } from "pino";
import type { Role } from "../auth/auth.schema";
import type { Config } from "../config";
import type { DatabaseKind, Db } from "../db/client";

export type Clock = () => Date;

export type AppDeps = {
  db: Db;
  dbKind: DatabaseKind;
  config: Config;
  now: Clock;
  logger: Logger;
  version: string;
  /** Called after a transaction enqueued jobs, so the runner picks them up at once. */
  onJobsEnqueued?: () => void;
};

/** The signed-in member, as resolved from a session cookie or an API token. */
export type Actor = {
  workspaceId: string;
  memberId: string;
  userId: string;
  role: Role;
  via: "session" | "token";
  /** Set for session auth: the CSRF token writes must echo. */
  csrfToken?: string;
  sessionTokenHash?: string;
  tokenId?: string;
};

/** What domain functions receive: the db to use (maybe a transaction), the clock and actor. */
export type Ctx = {
  db: Db;
  now: Clock;
  workspaceId: string;
  actor: { memberId: string | null; role: Role | "system"; via: string };
  requestId?: string;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    actor: Actor | undefined;
    /** Set by handlers whose answer carries a secret shown once (see idempotency.ts). */
    secretInResponse?: boolean;
  };
};
