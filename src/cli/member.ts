/**
 * `member add`: makes a user (existing, or new with a password) an active member of a
 * workspace. For operators: it needs no signed-in admin and works when locked out.
 */
import { z } from "zod";
import { type Role, roles } from "../platform/auth/auth.schema";
import { addMemberFromCli, resolveWorkspace } from "../platform/auth/members.cli";
import { findUserByEmail } from "../platform/auth/users.queries";
import type { CommandRun } from "./main";
import { openConfiguredDatabase } from "./open-database";

export const run: CommandRun = async (values, io) => {
  const email = String(values.email).trim();
  const role = String(values.role).trim().toLowerCase();
  const name = typeof values.name === "string" ? values.name.trim() : undefined;
  if (!z.email().safeParse(email).success) io.usage(`--email "${email}" is not an email address`);
  if (!(roles as readonly string[]).includes(role))
    io.usage(`--role must be one of ${roles.join(", ")} (got "${role}")`);
  if (name && name.length > 200) io.usage("--name is longer than 200 characters");

  const database = await openConfiguredDatabase(io.config());
  try {
    const workspace = await resolveWorkspace(database.db, String(values.workspace).trim());
    let password: string | undefined;
    if (!(await findUserByEmail(database.db, email))) {
      if (!name) io.usage(`--name is required: ${email} has no account yet`);
      password = await io.readPassword(`Password for ${email}: `, true);
    }
    const result = await addMemberFromCli(
      database.db,
      { workspaceId: workspace.id, email, role: role as Role, name, password },
      io.now(),
    );
    const verb = result.outcome === "added" ? "Added" : "Activated";
    io.out(
      `${verb} ${result.user.email}${result.newUser ? " (new user)" : ""} as ${result.member.role} of "${workspace.name}" (member ${result.member.id}).`,
    );
  } finally {
    await database.close();
  }
};
