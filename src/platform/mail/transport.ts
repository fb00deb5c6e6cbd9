/**
 * Sending one message over SMTP (SMTP_URL) with nodemailer. The rest of Rapport sees only
 * MailTransport, so the outbox job does not depend on nodemailer's types.
 */
import { createTransport } from "nodemailer";

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
};

export type MailTransport = {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
};

export function createMailTransport(smtpUrl: string): MailTransport {
  const transporter = createTransport({
    url: smtpUrl,
    // nodemailer waits minutes by default; a stuck server should fail the attempt and let
    // the job runner retry later instead of holding a job (and its lease) for that long.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
      });
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}
