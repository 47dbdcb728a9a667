/**
 * E-mail delivery end to end: a local SMTP server (smtp-server, on 127.0.0.1, no network) that
 * refuses the first try with a temporary 451 and takes the second; the message is Vietnamese plain
 * text with the expected subject, and the delivery is recorded on the alert.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../../src/config/env.ts";
import { watchlistAlert } from "../../../src/detect/alerts.ts";
import { smtpSettings } from "../../../src/notify/mail.ts";
import { createNotifier } from "../../../src/notify/notifier.ts";
import type { NotificationRecord } from "../../../src/notify/outcome.ts";
import { ruleSchema } from "../../../src/notify/rules.ts";
import { startNotifyWorker } from "../../../workers/roles.ts";
import { notifyServices, waitFor } from "./harness.ts";

const stack = notifyServices("notify-mail");
const messages: Array<{ from: string; to: string[]; raw: string }> = [];
let tries = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      tries += 1;
      if (tries === 1)
        return callback(Object.assign(new Error("mailbox busy, try later"), { responseCode: 451 }));
      messages.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

beforeAll(async () => {
  await stack.alerts.ensureReady();
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await stack.cleanup();
});

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`), as a mail client shows them. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`)
    .replace(/%(?![0-9A-F]{2})/gi, "%25");
  return decodeURIComponent(bytes);
}

function parseMessage(raw: string) {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(unfolded)?.[1] ?? "";
  const body = rest.join("\n\n");
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  return { subject: decodeWords(header("Subject")), contentType: header("Content-Type"), header, text };
}

describe("e-mail notifications", () => {
  it("retries a temporary SMTP refusal and delivers a Vietnamese plain-text message", async () => {
    const port = (smtp.server.address() as AddressInfo).port;
    const env = parseEnv({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: "Presswatch <canhbao@stttt.example.vn>",
    });
    const alert = watchlistAlert(
      { id: "mang-den", name: "Đất đai Măng Đen", agency: "stnmt" },
      { id: "a9", themes: [{ id: "environment" }], agencies: [] },
      new Date("2024-06-06T02:30:00Z"),
    );
    await stack.alerts.put(alert, { refresh: true });
    const rule = ruleSchema.parse({
      id: "dat-dai",
      match: { watchlists: ["mang-den"] },
      channels: [{ type: "email", to: ["vanphong@stnmt.example.vn", "trucban@stttt.example.vn"] }],
    });
    const notifier = createNotifier({
      connection: stack.connection,
      prefix: stack.prefix,
      rules: [rule],
      retry: { attempts: 4, backoffMs: 200 },
    });
    const [id] = await notifier.notify(alert);
    const worker = startNotifyWorker({
      connection: stack.connection,
      prefix: stack.prefix,
      record: (alertId, record) => stack.alerts.recordNotification(alertId, record),
      secrets: {},
      smtp: smtpSettings(env),
      logger: stack.logger,
      labels: {
        themes: { environment: "Tài nguyên và môi trường" },
        agencies: { stnmt: "Sở Tài nguyên và Môi trường" },
      },
      dashboardUrl: "https://pw.example.vn",
    });
    try {
      const record = await waitFor("delivery", async () => {
        const stored = (await stack.alerts.get(alert.id)) as { notifications?: NotificationRecord[] } | null;
        const entry = stored?.notifications?.[0];
        return entry?.state === "delivered" && entry;
      });
      expect(record).toMatchObject({
        id,
        rule: "dat-dai",
        channel: "email",
        target: "trucban@stttt.example.vn, vanphong@stnmt.example.vn",
        attempts: 2,
        last_error: null,
      });
    } finally {
      await worker.stop();
      await notifier.close();
    }

    expect(tries).toBe(2);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.from).toBe("canhbao@stttt.example.vn");
    expect(message!.to.sort()).toEqual(["trucban@stttt.example.vn", "vanphong@stnmt.example.vn"]);
    const parsed = parseMessage(message!.raw);
    expect(parsed.subject).toBe(
      "[Presswatch] Cảnh báo: Chủ đề theo dõi có bài mới — chủ đề Tài nguyên và môi trường (environment)",
    );
    expect(parsed.contentType).toMatch(/^text\/plain; charset=utf-8/i);
    expect(parsed.header("Message-ID")).toBe(`<${id}@presswatch>`);
    expect(parsed.text).toContain("Kính gửi Quý cơ quan,");
    expect(parsed.text).toContain("Cơ quan liên quan: Sở Tài nguyên và Môi trường (stnmt)");
    expect(parsed.text).toContain(`Xem chi tiết: https://pw.example.vn/#/alerts?id=${alert.id}`);
    expect(parsed.text).not.toMatch(/<[a-z]/i);
  });
});
