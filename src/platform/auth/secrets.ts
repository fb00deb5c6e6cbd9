/**
 * Passwords (argon2id) and random bearer secrets (session cookies, API tokens,
 * invitation links). Random secrets have 256 bits of entropy, so a fast sha256 is a safe
 * way to store them; passwords are low-entropy and get a slow argon2id hash.
 */
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2;
const argonOptions = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export { MIN_PASSWORD_LENGTH } from "./auth.inputs";

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

/** A hash of nothing anyone knows: verified against when the email is unknown, so both cases take as long. */
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

export function randomSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
