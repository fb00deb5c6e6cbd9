import net, { type AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { pino } from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Ctx } from "../http/context";
import { createJobRegistry, createJobRunner, jobs } from "../jobs";
import { createTestApp, type TestApp } from "../testing/test-app";
import { createMailJobs, MAIL_MAX_ATTEMPTS, requeuePendingMail } from "./mail.jobs";
import { outboxMessages } from "./mail.schema";
import { DELIVER_MAIL_JOB, queueMail } from "./outbox";

const FROM = "Rapport <rapport@northwind.test>";
const HOUR = 60 * 60_000;

type ReceivedMail = { from: string | undefined; to: string[]; raw: string };

/** A real SMTP server on a free local port that keeps what it receives. */
async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const behaviour = { temporaryFailures: 0, rejectedRecipients: new Set<string>() };
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no self-signed certificate for the client to distrust.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!behaviour.rejectedRecipients.has(address.address)) return callback();
      callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        raw += chunk;
      });
      stream.on("end", () => {
        if (behaviour.temporaryFailures > 0) {
          behaviour.temporaryFailures -= 1;
          return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        }
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    behaviour,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An SMTP URL nothing listens on: the port was free a moment ago and is closed again. */
async function findClosedSmtpUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `smtp://127.0.0.1:${port}`;
}

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let workspace: Awaited<ReturnType<TestApp["createWorkspace"]>>;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtpServer();
  workspace = await t.createWorkspace("Northwind Partners");
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});
beforeEach(async () => {
  t.clock.set("2026-01-15T09:00:00Z");
  smtp.received.length = 0;
  await t.db.delete(jobs);
  await t.db.delete(outboxMessages);
});

function createMailRunner(smtpUrl: string | undefined) {
  return createJobRunner({
    db: t.db,
    now: t.clock,
    registry: createJobRegistry(createMailJobs({ smtpUrl, from: FROM })),
    logger: pino({ level: "silent" }),
  });
}

/** Queues a message the way a domain does: inside the transaction of the event causing it. */
async function queueWelcome(to = "ada@northwind.test"): Promise<string> {
  return t.db.transaction((tx) => {
    const ctx: Ctx = {
      db: tx,
      now: t.clock,
      workspaceId: workspace.workspace.id,
      actor: { memberId: workspace.owner.memberId, role: "owner", via: "test" },
    };
    return queueMail(ctx, {
      to,
      subject: "Welcome to Northwind Partners",
      text: "Your workspace is ready. Sign in to meet your accounts.",
      kind: "invitation",
    });
  });
}

async function findMessage(id: string) {
  const [row] = await t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.workspaceId, workspace.workspace.id), eq(outboxMessages.id, id)));
  if (!row) throw new Error(`message ${id} not found`);
  return row;
}

async function findDeliveryJobs() {
  return t.db.select().from(jobs).where(eq(jobs.name, DELIVER_MAIL_JOB));
}

describe("mail delivery", () => {
  it("delivers an outbox message to the SMTP server and marks it sent", async () => {
    const id = await queueWelcome();

    await createMailRunner(smtp.url).runDueJobs();

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(["ada@northwind.test"]);
    expect(mail?.from).toBe("rapport@northwind.test");
    expect(mail?.raw).toMatch(/^Subject: Welcome to Northwind Partners$/m);
    expect(mail?.raw).toMatch(/^To: ada@northwind.test$/m);
    expect(mail?.raw).toContain("Your workspace is ready. Sign in to meet your accounts.");
    const sent = await findMessage(id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(sent.sentAt).toEqual(t.clock());
  });

  it("writes no mail when the event that causes it rolls back", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await queueMail(
          {
            db: tx,
            now: t.clock,
            workspaceId: workspace.workspace.id,
            actor: { memberId: null, role: "system", via: "test" },
          },
          { to: "ghost@northwind.test", subject: "Never", text: "Never sent", kind: "invitation" },
        );
        throw new Error("the invitation failed");
      }),
    ).rejects.toThrow("the invitation failed");

    expect(await t.db.select().from(outboxMessages)).toEqual([]);
    expect(await findDeliveryJobs()).toEqual([]);
  });

  it("retries while SMTP is down, recording attempts and the last error, and fails after the last attempt", async () => {
    const id = await queueWelcome();
    const runner = createMailRunner(await findClosedSmtpUrl());

    await runner.runDueJobs();
    const afterFirst = await findMessage(id);
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, sentAt: null });
    expect(afterFirst.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect((await findDeliveryJobs())[0]).toMatchObject({ status: "queued", attempts: 1 });

    for (let round = 1; round < MAIL_MAX_ATTEMPTS; round++) {
      t.clock.advance(2 * HOUR);
      await runner.runDueJobs();
    }

    const failed = await findMessage(id);
    expect(failed).toMatchObject({ status: "failed", attempts: MAIL_MAX_ATTEMPTS, sentAt: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect((await findDeliveryJobs())[0]).toMatchObject({ status: "failed" });
  });

  it("retries a message the server turned away for now and delivers it on a later attempt", async () => {
    const id = await queueWelcome();
    smtp.behaviour.temporaryFailures = 1;
    const runner = createMailRunner(smtp.url);

    await runner.runDueJobs();
    const deferred = await findMessage(id);
    expect(deferred).toMatchObject({ status: "pending", attempts: 1 });
    expect(deferred.lastError).toMatch(/451|Try again later/);

    t.clock.advance(HOUR);
    await runner.runDueJobs();

    expect(await findMessage(id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(smtp.received).toHaveLength(1);
  });

  it("fails a message at once when the server rejects its recipient", async () => {
    smtp.behaviour.rejectedRecipients.add("nobody@northwind.test");
    const id = await queueWelcome("nobody@northwind.test");

    await createMailRunner(smtp.url).runDueJobs();

    const rejected = await findMessage(id);
    expect(rejected).toMatchObject({ status: "failed", attempts: 1 });
    expect(rejected.lastError).toMatch(/550|No such mailbox/);
    expect((await findDeliveryJobs())[0]).toMatchObject({ status: "failed", attempts: 1 });
  });
});

describe("without SMTP_URL", () => {
  it("keeps messages pending and visible in the outbox, then sends them once SMTP is configured", async () => {
    const id = await queueWelcome();

    await createMailRunner(undefined).runDueJobs();

    expect(await findMessage(id)).toMatchObject({ status: "pending", attempts: 0 });
    expect((await findDeliveryJobs())[0]).toMatchObject({ status: "done" });
    const res = await workspace.owner.client.api.v1.outbox.$get({ query: {} });
    if (res.status !== 200) throw new Error(`outbox answered ${res.status}`);
    const outbox = await res.json();
    expect(outbox.smtpConfigured).toBe(false);
    expect(outbox.data).toEqual([
      expect.objectContaining({ id, status: "pending", toAddress: "ada@northwind.test" }),
    ]);

    // The next start-up has SMTP: pending mail is queued again, once however often it is asked.
    t.clock.advance(HOUR);
    expect(await requeuePendingMail(t.db, t.clock())).toBe(1);
    expect(await requeuePendingMail(t.db, t.clock())).toBe(0);
    await createMailRunner(smtp.url).runDueJobs();

    expect(await findMessage(id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(await requeuePendingMail(t.db, t.clock())).toBe(0);
  });
});
