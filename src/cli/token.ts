/**
 * `token create`: an API token acting as a member. The secret is shown once, alone on
 * the last line of stdout, so scripts can take it with `tail -n 1`.
 */
import { z } from "zod";
import { activeMemberships, cliCtx, resolveWorkspace } from "../platform/auth/members.cli";
import { createApiToken } from "../platform/auth/tokens.queries";
import { findUserByEmail } from "../platform/auth/users.queries";
import type { CommandRun } from "./main";
import { openConfiguredDatabase } from "./open-database";

export const run: CommandRun = async (values, io) => {
  const email = String(values.email).trim();
  const label = String(values.label).trim();
  if (!z.email().safeParse(email).success) io.usage(`--email "${email}" is not an email address`);
  if (label.length > 100) io.usage("--label is longer than 100 characters");

  const database = await openConfiguredDatabase(io.config());
  try {
    const db = database.db;
    const user = await findUserByEmail(db, email);
    if (!user) throw new Error(`No user with email ${email}.`);
    const memberships = await activeMemberships(db, user.id);
    if (memberships.length === 0)
      throw new Error(`${email} is not an active member of any workspace.`);
    let membership = memberships[0];
    if (typeof values.workspace === "string") {
      const workspace = await resolveWorkspace(db, values.workspace.trim());
      membership = memberships.find((m) => m.workspace.id === workspace.id);
      if (!membership)
        throw new Error(`${email} is not an active member of workspace "${workspace.name}".`);
    } else if (memberships.length > 1) {
      const list = memberships.map((m) => `"${m.workspace.name}" (${m.workspace.id})`);
      io.usage(`${email} is a member of several workspaces (${list.join(", ")}): pass --workspace`);
    }
    if (!membership) throw new Error("no membership");
    const { member, workspace } = membership;
    const now = io.now();
    const created = await db.transaction((tx) =>
      createApiToken(cliCtx(tx, workspace.id, now), { label, memberId: member.id }),
    );
    io.out(
      `Created API token "${created.label}" (${created.id}) for ${user.email} as ${member.role} of "${workspace.name}". It is shown only once:`,
    );
    io.out(created.token);
  } finally {
    await database.close();
  }
};
