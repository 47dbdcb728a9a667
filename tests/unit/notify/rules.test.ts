import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planDeliveries } from "../../../src/notify/deliveries.ts";
import { NotificationsConfigError, parseNotificationsText } from "../../../src/notify/load.ts";
import { matchesRule, matchingRules, type Rule, ruleSchema } from "../../../src/notify/rules.ts";
import { flaggedOutletKindSpike, tourismSpike, watchlistHit } from "./fixtures.ts";

const rule = (input: unknown): Rule => ruleSchema.parse(input);
const email = { type: "email", to: ["a@stttt.example.vn"] };
const env = { HOOK_SECRET: "0123456789abcdef0123" };

describe("rule matching", () => {
  it("matches every alert when no criterion is given", () => {
    const all = rule({ id: "all", channels: [email] });
    for (const alert of [tourismSpike, flaggedOutletKindSpike, watchlistHit])
      expect(matchesRule(all.match, alert)).toBe(true);
  });

  it("needs every criterion given, any value within one", () => {
    const negativeTourism = rule({
      id: "t",
      match: { kinds: ["spike", "rumour"], themes: ["tourism", "economy"], measures: ["negative"] },
      channels: [email],
    });
    expect(matchesRule(negativeTourism.match, tourismSpike)).toBe(true);
    expect(matchesRule(negativeTourism.match, flaggedOutletKindSpike)).toBe(false);
    expect(matchesRule({ ...negativeTourism.match, measures: ["flagged"] }, tourismSpike)).toBe(false);
    expect(matchesRule({ ...negativeTourism.match, kinds: ["watchlist"] }, tourismSpike)).toBe(false);
  });

  it("reads agencies, outlet kinds and watchlists from where the alert keeps them", () => {
    expect(matchesRule({ agencies: ["stnmt"] }, watchlistHit)).toBe(true);
    expect(matchesRule({ agencies: ["svhttdl"] }, watchlistHit)).toBe(false);
    expect(matchesRule({ watchlists: ["mang-den"] }, watchlistHit)).toBe(true);
    expect(matchesRule({ watchlists: ["other"] }, watchlistHit)).toBe(false);
    expect(matchesRule({ outlet_kinds: ["provincial_press"] }, flaggedOutletKindSpike)).toBe(true);
    expect(matchesRule({ outlet_kinds: ["provincial_press"] }, tourismSpike)).toBe(false);
    expect(matchesRule({ themes: ["environment"] }, watchlistHit)).toBe(true);
  });

  it("skips disabled rules", () => {
    const rules = [
      rule({ id: "on", channels: [email] }),
      rule({ id: "off", enabled: false, channels: [email] }),
    ];
    expect(matchingRules(rules, tourismSpike).map((r) => r.id)).toEqual(["on"]);
  });
});

describe("deliveries", () => {
  const rules = [
    rule({
      id: "hook",
      channels: [{ type: "webhook", url: "https://hooks.example.vn/a", secret_env: "HOOK_SECRET" }, email],
    }),
    rule({ id: "mail", match: { themes: ["tourism"] }, channels: [email, email] }),
  ];

  it("plans one per rule and channel, with ids that do not change between runs", () => {
    const first = planDeliveries(tourismSpike, rules);
    expect(first.map((d) => [d.rule, d.channel.type])).toEqual([
      ["hook", "webhook"],
      ["hook", "email"],
      ["mail", "email"],
    ]);
    expect(planDeliveries(tourismSpike, rules).map((d) => d.id)).toEqual(first.map((d) => d.id));
    expect(new Set(first.map((d) => d.id)).size).toBe(3);
    for (const delivery of first) expect(delivery.id).toMatch(/^n-[0-9a-f]{32}$/);
    // Another alert: other ids.
    const other = planDeliveries(watchlistHit, rules).map((d) => d.id);
    expect(other.some((id) => first.some((d) => d.id === id))).toBe(false);
  });
});

describe("the rules file", () => {
  const problemsOf = (text: string, environment: Record<string, string> = env) => {
    try {
      parseNotificationsText(text, "notifications.yaml", environment, { mailConfigured: false });
    } catch (error) {
      expect(error).toBeInstanceOf(NotificationsConfigError);
      return (error as NotificationsConfigError).problems;
    }
    throw new Error("expected problems");
  };

  it("names the file, line and path of each bad value", () => {
    const problems = problemsOf(
      [
        "rules:",
        "  - id: ok",
        "    channels:",
        "      - type: webhook",
        "        url: ftp://hooks.example.vn",
        "        secret_env: HOOK_SECRET",
        "  - id: Bad Id",
        "    match: { kinds: [spike], colour: red }",
        "    channels: []",
      ].join("\n"),
    );
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [5, "rules[0].channels[0].url"],
      [7, "rules[1].id"],
      [8, "rules[1].match.colour"],
      [9, "rules[1].channels"],
    ]);
    expect(problems[0]!.file).toBe("notifications.yaml");
    expect(problems[2]!.message).toBe("unknown field");
  });

  it("reads each channel's language, Vietnamese unless it says en", () => {
    const parsed = rule({
      id: "lang",
      channels: [email, { ...email, lang: "en" }],
    });
    expect(parsed.channels.map((channel) => channel.lang)).toEqual(["vi", "en"]);
    const problems = problemsOf(
      [
        "rules:",
        "  - id: fr",
        "    channels:",
        "      - type: email",
        "        to: [a@stttt.example.vn]",
        "        lang: fr",
      ].join("\n"),
    );
    expect(problems.map((p) => p.path)).toContain("rules[0].channels[0].lang");
  });

  it("refuses a webhook whose secret is not in the environment, and e-mail without SMTP", () => {
    const text = [
      "rules:",
      "  - id: hook",
      "    channels:",
      "      - type: webhook",
      "        url: https://hooks.example.vn/a",
      "        secret_env: MISSING_SECRET",
      "      - type: email",
      "        to: [a@stttt.example.vn]",
    ].join("\n");
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [6, "MISSING_SECRET is not set"],
      [7, expect.stringMatching(/SMTP_URL/)],
    ]);
    expect(problemsOf(text, { MISSING_SECRET: "short" })[0]!.message).toMatch(/at least 16/);
  });

  it("reports a duplicate rule id and YAML syntax errors", () => {
    const duplicate = problemsOf(
      [
        "rules:",
        "  - id: a",
        "    channels: [{ type: email, to: [a@b.vn] }]",
        "  - id: a",
        "    channels: [{ type: email, to: [a@b.vn] }]",
      ].join("\n"),
      {},
    ).filter((p) => !p.message.includes("SMTP"));
    expect(duplicate.map((p) => [p.line, p.message])).toEqual([[4, 'duplicate rule id "a"']]);
    expect(problemsOf("rules: [\n")[0]!.message).toMatch(/^YAML syntax/);
  });

  it("accepts an empty file as no rules, and the shipped example", () => {
    expect(parseNotificationsText("", "empty.yaml", {}).rules).toEqual([]);
    const example = readFileSync(
      new URL("../../../config/notifications.example.yaml", import.meta.url),
      "utf8",
    );
    const config = parseNotificationsText(example, "example", {
      PRESSWATCH_WEBHOOK_SECRET_CHAT: "x".repeat(32),
    });
    expect(config.rules.map((r) => r.id)).toEqual([
      "tin-sai-lech",
      "du-lich-tieu-cuc",
      "nghia-vu-cham-tien-do",
    ]);
    expect(matchingRules(config.rules, tourismSpike).map((r) => r.id)).toEqual(["du-lich-tieu-cuc"]);
    expect(matchingRules(config.rules, flaggedOutletKindSpike).map((r) => r.id)).toEqual(["tin-sai-lech"]);
  });
});
