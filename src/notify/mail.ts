/**
 * Sends alert e-mails over SMTP with nodemailer. Settings come from the environment (SMTP_URL, or
 * SMTP_HOST/PORT/USER/PASSWORD, and MAIL_FROM); without them e-mail is off and rules that need it
 * are refused at start (load.ts). Each message carries the delivery id as its Message-ID, so a
 * retried send that did reach the server shows up as the same message to mail clients.
 */
import { createTransport, type SMTPTransportOptions } from "nodemailer";
import type { Env } from "../config/env.ts";
import type { EmailMessage } from "./email.ts";
import { smtpError } from "./outcome.ts";
import { HEADER_DELIVERY } from "./signature.ts";

export interface SmtpSettings {
  transport: SMTPTransportOptions;
  from: string;
}

/** Null when e-mail is not configured. */
export function smtpSettings(env: Env): SmtpSettings | null {
  if (!env.MAIL_FROM || !(env.SMTP_URL || env.SMTP_HOST)) return null;
  const timeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };
  if (env.SMTP_URL) return { transport: { url: env.SMTP_URL, ...timeouts }, from: env.MAIL_FROM };
  const port = env.SMTP_PORT ?? 587;
  return {
    from: env.MAIL_FROM,
    transport: {
      host: env.SMTP_HOST,
      port,
      secure: env.SMTP_SECURE ?? port === 465,
      ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } } : {}),
      ...timeouts,
    },
  };
}

export interface MailInput {
  deliveryId: string;
  to: readonly string[];
  message: EmailMessage;
}

export function createMailSender(settings: SmtpSettings) {
  const transporter = createTransport(settings.transport);
  return {
    async send(input: MailInput): Promise<{ messageId: string }> {
      try {
        const info = await transporter.sendMail({
          from: settings.from,
          to: [...input.to],
          subject: input.message.subject,
          text: input.message.text,
          messageId: `<${input.deliveryId}@presswatch>`,
          headers: { [HEADER_DELIVERY]: input.deliveryId },
        });
        return { messageId: String(info.messageId) };
      } catch (error) {
        throw smtpError(error);
      }
    },
    close: () => transporter.close(),
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
