import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../../src/config/env.ts";
import { smtpSettings } from "../../../src/notify/mail.ts";

describe("SMTP settings from the environment", () => {
  it("is off without a server or a sender", () => {
    expect(smtpSettings(parseEnv({}))).toBeNull();
    expect(smtpSettings(parseEnv({ SMTP_HOST: "mail.example.vn" }))).toBeNull();
    expect(smtpSettings(parseEnv({ MAIL_FROM: "canhbao@example.vn" }))).toBeNull();
  });

  it("takes a URL, or host and port with TLS on 465 unless told otherwise", () => {
    const from = "Presswatch <canhbao@example.vn>";
    expect(
      smtpSettings(parseEnv({ SMTP_URL: "smtps://u:p@mail.example.vn", MAIL_FROM: from })),
    ).toMatchObject({
      from,
      transport: { url: "smtps://u:p@mail.example.vn" },
    });
    expect(
      smtpSettings(
        parseEnv({
          SMTP_HOST: "mail.example.vn",
          SMTP_PORT: "465",
          SMTP_USER: "u",
          SMTP_PASSWORD: "p",
          MAIL_FROM: from,
        }),
      )?.transport,
    ).toMatchObject({ host: "mail.example.vn", port: 465, secure: true, auth: { user: "u", pass: "p" } });
    expect(
      smtpSettings(
        parseEnv({ SMTP_HOST: "mail.example.vn", SMTP_SECURE: "false", SMTP_PORT: "465", MAIL_FROM: from }),
      )?.transport,
    ).toMatchObject({ port: 465, secure: false });
    expect(
      smtpSettings(parseEnv({ SMTP_HOST: "mail.example.vn", MAIL_FROM: from }))?.transport,
    ).toMatchObject({
      port: 587,
      secure: false,
    });
  });

  it("names a bad SMTP_URL", () => {
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.vn" })).toThrow(EnvError);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.vn" })).toThrow(/SMTP_URL=/);
  });
});
