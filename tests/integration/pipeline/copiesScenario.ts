// The analyze and index workers' shared scenario (analyze-index.test.ts on the shared Redis,
// redis-cluster.test.ts on a Redis Cluster): three extracted articles, one a syndicated copy that
// arrives before its original, analysed, grouped (the original decided whatever the arrival order)
// and indexed once each; sending them all again changes nothing.
import { createHash } from "node:crypto";
import { expect } from "vitest";
import type { ExtractedArticle } from "../../../src/model/article.ts";
import type { PipelineRuntime } from "../../../workers/pipelineRuntime.ts";
import { until } from "../../helpers/until.ts";

const sha = (text: string, length: number) =>
  createHash("sha256").update(text).digest("hex").slice(0, length);

function article(
  outlet: string,
  slug: string,
  publishedAt: string,
  title: string,
  lead: string,
  body: string,
): ExtractedArticle {
  const url = `https://${outlet}.example.vn/${slug}`;
  return {
    id: sha(url, 32),
    outlet_id: outlet === "baokontum" ? "bao_kon_tum" : outlet,
    source_id: `${outlet}/rss`,
    url,
    canonical_url: url,
    title,
    lead,
    body,
    published_at: publishedAt,
    published_raw: publishedAt,
    language: "vi",
    fetched_at: "2024-03-02T03:00:00.000Z",
    content_hash: sha(title + body, 64),
    snapshot: sha(url, 64),
  };
}

const festivalBody =
  "Tối 1/3, tại huyện Tu Mơ Rông, UBND tỉnh Kon Tum khai mạc Lễ hội Sâm Ngọc Linh lần thứ nhất với chủ đề quảng bá điểm đến và sản phẩm đặc trưng của địa phương. " +
  "Lễ hội diễn ra trong ba ngày với nhiều hoạt động văn hóa, nghệ thuật, trình diễn cồng chiêng, trưng bày sản phẩm OCOP và tham quan vườn sâm dưới tán rừng. " +
  "Sở Văn hóa, Thể thao và Du lịch cho biết dự kiến lễ hội đón hàng chục nghìn lượt du khách trong và ngoài nước đến với Măng Đen và Tu Mơ Rông.";
export const original = article(
  "baokontum",
  "khai-mac-le-hoi-sam-ngoc-linh",
  "2024-03-01T13:00:00.000Z",
  "Khai mạc Lễ hội Sâm Ngọc Linh lần thứ nhất",
  "Lễ hội Sâm Ngọc Linh lần thứ nhất khai mạc tối 1/3 tại huyện Tu Mơ Rông.",
  festivalBody,
);
export const copy = article(
  "vov",
  "kon-tum-khai-mac-le-hoi-sam",
  "2024-03-01T15:30:00.000Z",
  "Kon Tum: Rộn ràng Lễ hội Sâm Ngọc Linh",
  "Lễ hội Sâm Ngọc Linh lần thứ nhất khai mạc tối 1/3 tại huyện Tu Mơ Rông.",
  `${festivalBody} Theo Báo Kon Tum`,
);
export const unrelated = article(
  "baokontum",
  "thu-hut-dau-tu-bo-y",
  "2024-03-02T01:00:00.000Z",
  "Khu kinh tế cửa khẩu quốc tế Bờ Y thu hút thêm ba dự án đầu tư",
  "Ban Quản lý Khu kinh tế tỉnh Kon Tum vừa trao quyết định chủ trương đầu tư cho ba dự án mới.",
  "Các dự án có tổng vốn hơn 800 tỷ đồng, tập trung vào logistics và chế biến nông sản tại Khu kinh tế cửa khẩu quốc tế Bờ Y, huyện Ngọc Hồi. Sở Kế hoạch và Đầu tư cho biết tỉnh tiếp tục cải thiện môi trường đầu tư, hỗ trợ doanh nghiệp.",
);

/** Runs the scenario through the started analyze and index roles of `pipeline`, asserting as it goes. */
export async function analyseCopiesOnce(pipeline: PipelineRuntime): Promise<void> {
  const { producers, store } = pipeline;
  // The copy arrives before its original: the original must still win.
  await producers.add("analyze", copy, { jobId: copy.id });
  await until(
    () => store.get(copy.id),
    (doc) => doc !== null,
  );
  await producers.add("analyze", original, { jobId: original.id });
  await producers.add("analyze", unrelated, { jobId: unrelated.id });

  const settled = async () => {
    await store.refresh();
    return Promise.all([store.get(original.id), store.get(copy.id), store.get(unrelated.id)]);
  };
  const [o, c, u] = await until(settled, ([a, b, x]) => Boolean(a && x && b && b.is_original === false));
  expect(o?.primary_theme).toBe("tourism");
  expect(u?.primary_theme).toBe("economy");
  expect(o?.districts).toContain("tu_mo_rong");
  expect(o?.cluster_id).toBe(c?.cluster_id);
  expect(u?.cluster_id).not.toBe(o?.cluster_id);
  expect([o?.is_original, c?.is_original, u?.is_original]).toEqual([true, false, true]);
  expect(o?.analyzer_version).toBe(pipeline.analyzer.version);

  // Sending everything again changes nothing.
  for (const a of [original, copy, unrelated]) await producers.add("analyze", a, { jobId: `${a.id}-again` });
  const analyze = producers.queue("analyze");
  await until(
    () => analyze.getJobCounts("completed"),
    (counts) => counts.completed === 6,
  );
  await until(
    () => producers.queue("index").getJobCounts("waiting", "active", "delayed"),
    (c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0,
  );
  await store.refresh();
  expect(await store.count()).toBe(3);
  expect((await store.get(copy.id))?.is_original).toBe(false);
}
