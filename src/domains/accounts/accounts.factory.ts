/**
 * Accounts for tests, demo data and benchmarks: buildAccount gives a valid create input
 * (unique name and domain unless overridden); buildAccountRow gives a row for bulk inserts.
 */
import { newId } from "../../platform/db/columns";
import { accountStatuses, type CreateAccountInput, defaultTiers } from "./accounts.inputs";
import type { NewAccount } from "./accounts.schema";

let seq = 0;

export function buildAccount(overrides: Partial<CreateAccountInput> = {}): CreateAccountInput {
  seq += 1;
  const slug = `${seq}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    name: `Client ${slug}`,
    domain: `client-${slug}.example`,
    tier: defaultTiers[seq % defaultTiers.length],
    segment: seq % 2 === 0 ? "Legal" : "Healthcare",
    tags: seq % 3 === 0 ? ["cloud"] : ["security"],
    size: 10 + (seq % 500),
    ...overrides,
  };
}

/** A row to insert directly (no audit, no checks): for seeding thousands of accounts. */
export function buildAccountRow(
  workspaceId: string,
  ownerId: string,
  now: Date,
  overrides: Partial<NewAccount> = {},
): NewAccount {
  seq += 1;
  const status = accountStatuses[seq % accountStatuses.length] ?? "prospect";
  const at = new Date(now.getTime() + seq * 1000);
  return {
    id: newId(),
    workspaceId,
    ownerId,
    name: `Client ${seq.toString().padStart(6, "0")}`,
    domain: `client-${seq}.example`,
    status,
    statusHistory: [{ status, changedAt: at.toISOString() }],
    tier: defaultTiers[seq % defaultTiers.length] ?? null,
    segment: `Segment ${seq % 20}`,
    tags: [`tag-${seq % 50}`],
    size: seq % 5000,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
