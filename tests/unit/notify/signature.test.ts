import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DeliveryError, smtpError, webhookStatusError } from "../../../src/notify/outcome.ts";
import { webhookBody, webhookHeaders } from "../../../src/notify/payload.ts";
import { signWebhook, verifyWebhook } from "../../../src/notify/signature.ts";
import { tourismSpike } from "./fixtures.ts";

const secret = "s3cret-for-the-chat-receiver";
const at = Date.parse("2024-06-06T02:31:00Z");

function signedRequest() {
  const body = webhookBody({
    deliveryId: "n-0123456789abcdef0123456789abcdef",
    rule: "du-lich",
    alert: tourismSpike,
    dashboardUrl: "https://pw.example.vn/",
  });
  const headers = webhookHeaders({
    secret,
    deliveryId: "n-0123456789abcdef0123456789abcdef",
    body,
    timestamp: Math.floor(at / 1000),
  });
  return { body, headers };
}

describe("webhook signatures", () => {
  it("is HMAC-SHA256 over timestamp.body, as a receiver computes it independently", () => {
    const { body, headers } = signedRequest();
    const timestamp = headers["x-presswatch-timestamp"]!;
    const own = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
    expect(headers["x-presswatch-signature"]).toBe(`sha256=${own}`);
    expect(headers["x-presswatch-delivery"]).toBe("n-0123456789abcdef0123456789abcdef");
    expect(JSON.parse(body)).toMatchObject({
      event: "alert.raised",
      rule: "du-lich",
      alert: { id: tourismSpike.id, themes: ["tourism"] },
      alert_url: `https://pw.example.vn/#/alerts?id=${tourismSpike.id}`,
    });
  });

  it("verifies with the right secret and refuses tampering, a wrong secret or a stale timestamp", () => {
    const { body, headers } = signedRequest();
    expect(verifyWebhook(secret, headers, body, { now: at + 60_000 })).toEqual({ ok: true });
    expect(verifyWebhook(secret, headers, body.replace("tourism", "economy"), { now: at })).toMatchObject({
      ok: false,
      reason: "signature does not match",
    });
    expect(verifyWebhook("another-secret-entirely", headers, body, { now: at }).ok).toBe(false);
    expect(verifyWebhook(secret, headers, body, { now: at + 600_000 })).toMatchObject({
      ok: false,
      reason: "timestamp outside the tolerance",
    });
    // A replay with a fresh timestamp but the old signature.
    const replay = { ...headers, "x-presswatch-timestamp": String(Math.floor(at / 1000) + 100) };
    expect(verifyWebhook(secret, replay, body, { now: at + 100_000 }).ok).toBe(false);
    expect(
      verifyWebhook(secret, { ...headers, "x-presswatch-signature": undefined }, body, { now: at }).ok,
    ).toBe(false);
  });

  it("signs differently for another timestamp", () => {
    expect(signWebhook(secret, 1, "{}")).not.toBe(signWebhook(secret, 2, "{}"));
  });
});

describe("which failures are retried", () => {
  it.each([
    [200, null],
    [204, null],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [301, false],
    [400, false],
    [401, false],
    [404, false],
    [410, false],
  ])("HTTP %i → retryable %s", (status, retryable) => {
    const error = webhookStatusError(status);
    expect(error === null ? null : error.retryable).toBe(retryable);
  });

  it("gives up on a 5xx SMTP reply, retries a 4xx reply or a dropped connection", () => {
    expect(smtpError(Object.assign(new Error("550 no such user"), { responseCode: 550 })).retryable).toBe(
      false,
    );
    expect(smtpError(Object.assign(new Error("451 try later"), { responseCode: 451 })).retryable).toBe(true);
    const refused = smtpError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" }));
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused.retryable).toBe(true);
  });
});
