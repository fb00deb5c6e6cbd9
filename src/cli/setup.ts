/**
 * `setup`: creates a workspace and its owner. Run it again to create another workspace;
 * an existing user (same email) becomes its owner and keeps their password.
 */
import { z } from "zod";
import { createWorkspaceWithOwner } from "../platform/auth/members.queries";
import { MIN_PASSWORD_LENGTH } from "../platform/auth/secrets";
import { findUserByEmail } from "../platform/auth/users.queries";
import type { CommandRun } from "./main";
import { openConfiguredDatabase } from "./open-database";

export const run: CommandRun = async (values, io) => {
  const workspaceName = String(values.workspace).trim();
  const email = String(values.email).trim();
  const name = typeof values.name === "string" ? values.name.trim() : "";
  if (workspaceName.length > 200) io.usage("--workspace is longer than 200 characters");
  if (!z.email().safeParse(email).success) io.usage(`--email "${email}" is not an email address`);
  if (name.length > 200) io.usage("--name is longer than 200 characters");

  const database = await openConfiguredDatabase(io.config());
  try {
    const existing = await findUserByEmail(database.db, email);
    let password: string | undefined;
    if (!existing) {
      if (!name) io.usage(`--name is required: ${email} has no account yet`);
      password = await io.readPassword(`Password for ${email}: `, true);
      if (password.length < MIN_PASSWORD_LENGTH)
        throw new Error(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    const created = await createWorkspaceWithOwner(
      database.db,
      { workspaceName, email, name: name || existing?.name || email, password },
      io.now(),
    );
    io.out(
      `Created workspace "${created.workspace.name}" (${created.workspace.id}) with owner ${created.user.email}` +
        (existing ? " (existing user, password unchanged)." : "."),
    );
  } finally {
    await database.close();
  }
};
