/**
 * Writing the generated rows: multi-row inserts of about a thousand rows (well under
 * PostgreSQL's 65,535 bind parameters at twenty columns a row), one transaction per chunk
 * of accounts, in foreign-key order. Bulk rows are not audited one by one: like an import,
 * the demo is one act (the workspace's creation is audited as onboarding does).
 */
import { sql } from "drizzle-orm";
import { members, users } from "../../platform/auth/auth.schema";
import type { Db } from "../../platform/db/client";
import {
  accounts,
  accountTeamMembers,
  contactAffiliations,
  contactEmails,
  contacts,
  interactionContacts,
  interactionMembers,
  interactionNeeds,
  interactions,
  needs,
  surveyAnswers,
  surveyRequests,
  tasks,
  toneScores,
} from "../../platform/db/schema";
import type { TouchRows } from "./demo.history";
import type { ListeningRows } from "./demo.listening";
import type { MemberPlan } from "./demo.members";
import type { PeopleRows } from "./demo.people";

export const INSERT_ROWS = 1_000;

type Table = Parameters<Db["insert"]>[0];

export async function insertRows<T extends Table>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    await db.insert(table).values(rows.slice(i, i + INSERT_ROWS) as T["$inferInsert"][]);
  }
}

export type ChunkRows = {
  people: PeopleRows[];
  touches: TouchRows[];
  listening: ListeningRows[];
};

/** One chunk of accounts with everything about them, in one transaction. */
export async function writeChunk(db: Db, chunk: ChunkRows): Promise<void> {
  const all = <T>(list: T[][]) => list.flat();
  await db.transaction(async (tx) => {
    await insertRows(
      tx,
      accounts,
      chunk.people.map((p) => p.account),
    );
    await insertRows(tx, accountTeamMembers, all(chunk.people.map((p) => p.team)));
    await insertRows(tx, contacts, all(chunk.people.map((p) => p.contacts)));
    await insertRows(tx, contactEmails, all(chunk.people.map((p) => p.emails)));
    await insertRows(tx, contactAffiliations, all(chunk.people.map((p) => p.affiliations)));
    await insertRows(tx, needs, all(chunk.people.map((p) => p.needs)));
    await insertRows(tx, interactions, all(chunk.touches.map((t) => t.interactions)));
    await insertRows(tx, interactionContacts, all(chunk.touches.map((t) => t.contacts)));
    await insertRows(tx, interactionMembers, all(chunk.touches.map((t) => t.members)));
    await insertRows(tx, interactionNeeds, all(chunk.touches.map((t) => t.needs)));
    await insertRows(tx, toneScores, all(chunk.touches.map((t) => t.tone)));
    await insertRows(tx, surveyRequests, all(chunk.listening.map((l) => l.requests)));
    await insertRows(tx, surveyAnswers, all(chunk.listening.map((l) => l.answers)));
    await insertRows(tx, toneScores, all(chunk.listening.map((l) => l.tone)));
    await insertRows(tx, tasks, all(chunk.listening.map((l) => l.tasks)));
  });
}

/** The firm's colleagues (everyone but the owner) as users and active members, in plan order. */
export async function writeColleagues(
  db: Db,
  workspaceId: string,
  colleagues: MemberPlan[],
  domain: string,
  passwordHash: string,
): Promise<string[]> {
  if (colleagues.length === 0) return [];
  const created = await db
    .insert(users)
    .values(
      colleagues.map((m) => ({
        email: `${m.localPart}@${domain}`,
        name: `${m.firstName} ${m.lastName}`,
        passwordHash,
        createdAt: m.joinedAt,
        updatedAt: m.joinedAt,
      })),
    )
    .returning({ id: users.id, email: users.email });
  const idOf = new Map(created.map((u) => [u.email, u.id]));
  const rows = await db
    .insert(members)
    .values(
      colleagues.map((m) => ({
        workspaceId,
        userId: idOf.get(`${m.localPart}@${domain}`) as string,
        role: m.role,
        status: "active" as const,
        createdAt: m.joinedAt,
        updatedAt: m.joinedAt,
      })),
    )
    .returning({ id: members.id, userId: members.userId });
  const memberOf = new Map(rows.map((r) => [r.userId, r.id]));
  return colleagues.map((m) => memberOf.get(idOf.get(`${m.localPart}@${domain}`) ?? "") as string);
}

const emailTaken = async (db: Db, pattern: string) => {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) like ${pattern}`)
    .limit(1);
  return row !== undefined;
};

/** `<slug>.example`, or `<slug>-2.example`… when a firm of that name exists already. */
export async function freeFirmDomain(db: Db, slug: string): Promise<string> {
  for (let n = 1; ; n++) {
    const domain = n === 1 ? `${slug}.example` : `${slug}-${n}.example`;
    if (!(await emailTaken(db, `%@${domain}`))) return domain;
  }
}

/** demo@rapport.example, or demo+2@rapport.example… when that login exists already. */
export async function freeDemoEmail(db: Db): Promise<string> {
  for (let n = 1; ; n++) {
    const email = n === 1 ? "demo@rapport.example" : `demo+${n}@rapport.example`;
    if (!(await emailTaken(db, email))) return email;
  }
}
