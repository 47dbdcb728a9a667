// A claim a coordinator enters through the API reaches the running analyze stage without a
// restart: the pipeline re-reads the registry (files and store) on a timer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/log.ts";
import { type Claim, claimSchema } from "../../../src/signals/claims.ts";
import { createClaimStore } from "../../../src/store/claims.ts";
import { PipelineRuntime } from "../../../workers/pipelineRuntime.ts";
import { isolatedEnv } from "../../helpers/isolation.ts";

const { prefix, env } = isolatedEnv("claims-reload");

// Demo data: an invented rumour, not a real one.
const claim: Claim = claimSchema.parse({
  id: "ca-tam-mang-den-nhiem-doc",
  title: "Tin đồn cá tầm Măng Đen nhiễm độc",
  claim: "Cá tầm nuôi ở Măng Đen bị nhiễm độc hóa chất, ăn vào gây ngộ độc hàng loạt.",
  verdict: false,
  correction: {
    url: "https://kontum-portal.example/tin-tuc/ca-tam-mang-den-an-toan",
    summary:
      "Chi cục Thủy sản kiểm tra các cơ sở nuôi cá tầm ở Măng Đen, mẫu đều đạt chuẩn an toàn thực phẩm.",
  },
  key_terms: [
    ["cá tầm", "trại cá tầm"],
    ["nhiễm độc", "hóa chất", "ngộ độc", "kim loại nặng"],
  ],
  phrasings: [
    "Cá tầm Măng Đen nhiễm độc hóa chất, ai ăn vào đều bị ngộ độc.",
    "Trại cá tầm ở Măng Đen dùng hóa chất, cá nhiễm kim loại nặng gây ngộ độc.",
  ],
  themes: ["agriculture"],
});

const rumour = {
  id: "bai-ca-tam",
  title: "Chia sẻ gấp: cá tầm Măng Đen nhiễm độc hóa chất",
  lead: "Nhiều tài khoản mạng xã hội lan truyền thông tin cá tầm nuôi tại Măng Đen bị nhiễm độc.",
  body: "Theo một nguồn tin chưa kiểm chứng, cá tầm ở các trại nuôi tại Măng Đen nhiễm hóa chất, ăn vào sẽ bị ngộ độc hàng loạt.",
  outlet: "baomoi",
};

let runtime: PipelineRuntime;

beforeAll(async () => {
  runtime = await PipelineRuntime.create(env, createLogger("silent"), { claimsReloadMs: 200 });
});

afterAll(async () => {
  await runtime?.client.indices.delete({ index: `${prefix}-*` }, { ignore: [404] });
  await runtime?.close();
});

describe("the claim registry of a running pipeline", () => {
  it("picks up a claim stored through the API within a reload", async () => {
    const reasonFor = () =>
      runtime.signalsOf(rumour).reasons.find((reason) => reason.includes(`registered claim ${claim.id}`));
    expect(reasonFor()).toBeUndefined();
    const store = createClaimStore(runtime.client, { prefix });
    await store.ensureReady();
    await store.create(claim.id, claim, "dieuphoi");
    await runtime.client.indices.refresh({ index: `${prefix}-claims` });
    await expect.poll(reasonFor, { timeout: 10_000, interval: 100 }).toMatch(/^claim \(\+[\d.]+\): repeats/);
    expect(runtime.signalsOf(rumour).claims).toContain(claim.id);
  });
});
