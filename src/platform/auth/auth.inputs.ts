/**
 * Input schemas of the auth and members API, shared by the routes and the web forms so
 * both apply the same rules. Imports only zod: the browser bundles this file.
 */
import { z } from "zod";
import { roles } from "./auth.roles";

export const MIN_PASSWORD_LENGTH = 10;

const email = z.email({ error: "Must be an email address" }).max(320);
const required = (max: number) => z.string().trim().min(1, "Required").max(max);
const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024);

export const loginInput = z.strictObject({
  email,
  password: z.string().min(1, "Required").max(1024),
  workspaceId: z.uuid().optional(),
});

export const onboardingInput = z.strictObject({
  workspaceName: required(200),
  name: required(200),
  email,
  password: newPassword,
});

/** An existing user confirms their password; a new one chooses it (checked in the query). */
export const acceptInvitationInput = z.strictObject({
  password: z.string().min(1, "Required").max(1024),
  name: required(200).optional(),
});

/** What the invitation page checks for a new user before sending. */
export const newUserInvitationInput = z.strictObject({
  name: required(200),
  password: newPassword,
});

export const inviteMemberInput = z.strictObject({
  email,
  name: required(200),
  role: z.enum(roles),
});

export const changeMemberInput = z
  .strictObject({
    role: z.enum(roles).optional(),
    status: z.enum(["active", "deactivated"]).optional(),
  })
  .refine((b) => b.role !== undefined || b.status !== undefined, "Send role or status");

export const createTokenInput = z.strictObject({ label: required(100) });
