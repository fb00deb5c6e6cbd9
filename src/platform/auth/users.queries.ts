/** Users: a person's login, shared by their memberships in several workspaces. */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type User, users } from "./auth.schema";

/** Emails match case-insensitively (the unique index is on lower(email)). */
export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return user;
}
