// The project's Vietnamese analysis on the real OpenSearch node: diacritics, case, NFD input and
// both tone-mark placements find the same documents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vietnameseAnalysisSettings, vietnameseTextField } from "../../../src/store/analysis.ts";
import { createSearchClient } from "../../../src/store/client.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";

const client = createSearchClient({ url: services().openSearchUrl });
const index = uniqueName("analysis");

const docs = [
  { id: "festival", title: "Khai mạc Lễ hội Sâm Ngọc Linh lần thứ nhất tại huyện Tu Mơ Rông" },
  { id: "peace", title: "Giữ gìn hòa bình và ổn định vùng biên giới" },
  { id: "hydro", title: "Nhà máy thủy điện Plei Krông vận hành an toàn mùa mưa" },
  { id: "ha", title: "Người dân Đắk Hà thu hoạch cà phê" },
  { id: "other", title: "Kon Plông quảng bá du lịch Măng Đen" },
];

async function ids(query: string): Promise<string[]> {
  const response = await client.search({
    index,
    body: { query: { multi_match: { query, fields: ["title", "title.folded"], operator: "and" } } },
  });
  return response.body.hits.hits.map((hit: { _id?: string }) => String(hit._id)).sort();
}

async function phrase(query: string): Promise<string[]> {
  const response = await client.search({
    index,
    body: { query: { match_phrase: { "title.folded": query } } },
  });
  return response.body.hits.hits.map((hit: { _id?: string }) => String(hit._id)).sort();
}

beforeAll(async () => {
  await client.indices.create({
    index,
    body: {
      settings: { number_of_shards: 1, number_of_replicas: 0, ...vietnameseAnalysisSettings() },
      mappings: { properties: { title: vietnameseTextField() } },
    } as Record<string, unknown>,
  });
  await client.bulk({
    refresh: true,
    body: docs.flatMap(({ id, title }) => [{ index: { _index: index, _id: id } }, { title }]),
  });
});

afterAll(async () => {
  await client.indices.delete({ index, ignore_unavailable: true });
});

describe("Vietnamese analysis on the real node", () => {
  it.each([
    "le hoi sam ngoc linh",
    "Sâm Ngọc Linh",
    "SAM NGOC LINH",
    "Lễ hội Sâm Ngọc Linh".normalize("NFD"),
  ])("finds the festival with %j", async (query) => {
    expect(await ids(query)).toEqual(["festival"]);
  });

  it("matches old and new tone placement both ways", async () => {
    expect(await ids("hoà bình")).toEqual(["peace"]);
    expect(await ids("hòa bình")).toEqual(["peace"]);
    expect(await ids("thuỷ điện")).toEqual(["hydro"]);
  });

  it("keeps diacritics apart in the exact field", async () => {
    const exact = await client.search({ index, body: { query: { match: { title: "hạ" } } } });
    expect(exact.body.hits.total).toMatchObject({ value: 0 });
    const folded = await client.search({ index, body: { query: { match: { "title.folded": "ha" } } } });
    expect(folded.body.hits.hits.map((hit: { _id?: string }) => String(hit._id))).toEqual(["ha"]);
  });

  it("matches multi-syllable names as phrases, in order", async () => {
    expect(await phrase("ngoc linh")).toEqual(["festival"]);
    expect(await phrase("linh ngoc")).toEqual([]);
    expect(await phrase("Măng Đen")).toEqual(["other"]);
  });

  it("analyses NFD and new-style input exactly as NFC traditional input", async () => {
    const analyze = async (text: string, analyzer = "vi_exact_search") =>
      (await client.indices.analyze({ index, body: { analyzer, text } })).body.tokens?.map(
        (token: { token: string }) => token.token,
      );
    const nfc = await analyze("Hoà thuận, khoẻ mạnh");
    expect(nfc).toEqual(["hòa", "thuận", "khỏe", "mạnh"]);
    expect(await analyze("Hoà thuận, khoẻ mạnh".normalize("NFD"))).toEqual(nfc);
    expect(await analyze("Hoàng quà")).toEqual(["hoàng", "quà"]);
    // At index time the engine only recomposes; tone placement is the application's job there.
    expect(await analyze("Hòa thuận".normalize("NFD"), "vi_exact")).toEqual(["hòa", "thuận"]);
  });
});
