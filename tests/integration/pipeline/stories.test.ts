// Story assignment through the real analyze and index queues into the real node: three outlets
// report one landslide in their own words and end in one story; an unrelated article does not; a
// site repeating a rumour after the provincial portal refuted it, in the same story, is flagged as
// contradicting an official statement. Each article is indexed before the next is sent, as the
// online assignment only sees what is indexed.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/log.ts";
import type { ArticleDoc, ExtractedArticle } from "../../../src/model/article.ts";
import { startRoles } from "../../../workers/roles.ts";
import { isolatedEnv, removeIsolated } from "../../helpers/isolation.ts";
import { until } from "../../helpers/until.ts";

const { prefix, env } = isolatedEnv("stories");
let running: Awaited<ReturnType<typeof startRoles>>;

const sha = (text: string, length: number) =>
  createHash("sha256").update(text).digest("hex").slice(0, length);

interface Report {
  outlet: string;
  host: string;
  slug: string;
  at: string;
  title: string;
  lead: string;
  body: string;
}

function extracted(report: Report): ExtractedArticle {
  const url = `https://${report.host}/${report.slug}`;
  return {
    id: sha(url, 32),
    outlet_id: report.outlet,
    source_id: `${report.outlet}/rss`,
    url,
    canonical_url: url,
    title: report.title,
    lead: report.lead,
    body: report.body,
    published_at: report.at,
    published_raw: report.at,
    language: "vi",
    fetched_at: report.at,
    content_hash: sha(report.title + report.body, 64),
    snapshot: sha(url, 64),
  };
}

/** One landslide, three outlets, three texts: names and numbers shared, wording not. */
const LANDSLIDE: Report[] = [
  {
    outlet: "bao_kon_tum",
    host: "baokontum.com.vn",
    slug: "sat-lo-quoc-lo-24-doan-qua-kon-plong",
    at: "2024-07-20T01:00:00.000Z",
    title: "Sạt lở nghiêm trọng trên Quốc lộ 24 đoạn qua huyện Kon Plông",
    lead: "Mưa lớn kéo dài từ đêm 19/7 khiến taluy dương tại Km 80, Quốc lộ 24, địa phận xã Hiếu, huyện Kon Plông sạt lở, đất đá vùi lấp mặt đường.",
    body:
      "Khoảng 4 giờ sáng 20/7, hàng nghìn mét khối đất đá từ taluy dương đổ xuống Quốc lộ 24 tại Km 80, xã Hiếu. " +
      "Giao thông qua đèo Violak bị chia cắt hoàn toàn, nhiều xe khách tuyến Kon Tum - Quảng Ngãi phải dừng lại hai đầu điểm sạt lở. " +
      "Sở Giao thông vận tải tỉnh Kon Tum đã điều 2 máy xúc và lực lượng đến hiện trường khắc phục, dự kiến thông xe một làn trong chiều nay.",
  },
  {
    outlet: "vov",
    host: "vov.vn",
    slug: "kon-tum-deo-violak-ach-tac-do-sat-lo",
    at: "2024-07-20T04:30:00.000Z",
    title: "Kon Tum: Đèo Violak ách tắc nhiều giờ vì đất đá đổ xuống đường",
    lead: "Sáng 20/7, hàng trăm phương tiện bị kẹt trên đèo Violak thuộc Quốc lộ 24 sau khi đất đá sạt xuống đoạn qua xã Hiếu, huyện Kon Plông.",
    body:
      "Anh Nguyễn Văn Tài, tài xế xe khách chạy tuyến Quảng Ngãi - Kon Tum, cho biết xe của anh phải nằm chờ từ rạng sáng. " +
      "Theo UBND huyện Kon Plông, điểm sạt lở tại Km 80 dài khoảng 50 m, nhiều tảng đá lớn lăn xuống giữa đường. " +
      "Cơ quan chức năng khuyến cáo người dân hạn chế đi qua đèo Violak khi trời còn mưa lớn, Sở Giao thông vận tải đang huy động máy móc dọn đất đá.",
  },
  {
    outlet: "ttxvn",
    host: "baotintuc.vn",
    slug: "thong-xe-quoc-lo-24-sau-sat-lo-xa-hieu",
    at: "2024-07-20T10:00:00.000Z",
    title: "Thông xe một làn Quốc lộ 24 sau sự cố sạt lở ở xã Hiếu",
    lead: "Chiều 20/7, Sở Giao thông vận tải Kon Tum cho biết đã thông xe một làn tại điểm sạt lở Km 80 trên Quốc lộ 24 qua đèo Violak.",
    body:
      "Sau gần 10 giờ khắc phục, máy xúc đã gạt phần lớn đất đá khỏi mặt đường đoạn qua xã Hiếu, huyện Kon Plông. " +
      "Lực lượng cảnh sát giao thông phân luồng, cho xe khách và xe tải đi qua từng chiều. " +
      "Ngành giao thông tiếp tục theo dõi taluy dương, cắm biển cảnh báo vì nguy cơ sạt lở tiếp vẫn còn khi mưa lớn kéo dài.",
  },
];

const UNRELATED: Report = {
  outlet: "nhan_dan",
  host: "nhandan.vn",
  slug: "ca-phe-dak-ha-vao-vu",
  at: "2024-07-20T06:00:00.000Z",
  title: "Giá cà phê tăng, nông dân Đăk Hà phấn khởi chăm sóc vườn",
  lead: "Giá cà phê nhân xô tại Kon Tum duy trì ở mức cao, giúp nhiều hộ nông dân huyện Đăk Hà có lãi lớn.",
  body:
    "Nhiều hộ đầu tư hệ thống tưới tiết kiệm nước, tái canh vườn già cỗi bằng giống mới năng suất cao. " +
    "Ngành nông nghiệp khuyến cáo nông dân không chạy theo giá, duy trì diện tích cà phê theo quy hoạch và liên kết với doanh nghiệp tiêu thụ.",
};

/** A rumour that is not in the claim registry, the portal's refutation, another site repeating it. */
const RUMOUR: Report = {
  outlet: "tinnong24h",
  host: "tinnong24h.example",
  slug: "hoc-sinh-kon-tum-nghi-hoc-het-thang-vi-cum",
  at: "2024-07-21T01:00:00.000Z",
  title: "Học sinh thành phố Kon Tum được nghỉ học đến hết tháng 8 vì dịch cúm",
  lead: "Sở Giáo dục và Đào tạo Kon Tum đã quyết định cho toàn bộ học sinh thành phố Kon Tum nghỉ học đến hết tháng 8 vì dịch cúm lan rộng.",
  body:
    "Theo tin nhắn lan truyền trong các nhóm phụ huynh, các trường mầm non, tiểu học và trung học cơ sở ở thành phố Kon Tum sẽ đóng cửa từ thứ Hai. " +
    "Phụ huynh được khuyên giữ con ở nhà, không cho con tham gia lớp học hè vì dịch cúm đang lây lan rất nhanh.",
};
const REFUTATION: Report = {
  outlet: "cong_ttdt_tinh",
  host: "kontum.gov.vn",
  slug: "thong-tin-hoc-sinh-nghi-hoc-vi-dich-cum-la-sai-su-that",
  at: "2024-07-21T05:00:00.000Z",
  title: "Thông tin học sinh thành phố Kon Tum nghỉ học vì dịch cúm là sai sự thật",
  lead: "Sở Giáo dục và Đào tạo tỉnh Kon Tum khẳng định không ban hành quyết định cho học sinh nghỉ học vì dịch cúm.",
  body:
    "Sở Giáo dục và Đào tạo cho biết thông tin các trường ở thành phố Kon Tum đóng cửa, học sinh nghỉ học đến hết tháng 8 lan truyền trong các nhóm phụ huynh là bịa đặt, sai sự thật. " +
    "Ngành y tế chưa ghi nhận dịch cúm bùng phát trên địa bàn. Sở đề nghị phụ huynh không chia sẻ tin chưa kiểm chứng và theo dõi thông báo chính thức của nhà trường.",
};
const REPEAT: Report = {
  outlet: "chiase_gap",
  host: "chiase-gap.example",
  slug: "phu-huynh-kon-tum-cho-con-nghi-hoc-tranh-cum",
  at: "2024-07-21T08:00:00.000Z",
  title: "Phụ huynh Kon Tum cho con ở nhà: trường đóng cửa đến hết tháng 8 vì cúm",
  lead: "Nhiều phụ huynh ở thành phố Kon Tum cho biết con em được nghỉ học đến hết tháng 8 do dịch cúm lan nhanh, các trường sẽ đóng cửa.",
  body:
    "Chị H., phụ huynh một trường tiểu học, kể đã nhận tin nhắn báo học sinh nghỉ học, các lớp học hè tạm dừng. " +
    "Nhiều gia đình đã gửi con về quê vì lo dịch cúm lây lan trong trường học ở thành phố Kon Tum.",
};

/** Sends the article through the pipeline and waits until it is indexed and searchable. */
async function send(report: Report): Promise<ArticleDoc> {
  const { producers, store } = running.pipeline!;
  const article = extracted(report);
  await producers.add("analyze", article, { jobId: article.id });
  const doc = await until(
    () => store.get(article.id),
    (found) => found !== null,
  );
  await store.refresh();
  if (!doc) throw new Error(`${report.slug} was not indexed`);
  return doc;
}

beforeAll(async () => {
  running = await startRoles(["analyze", "index"], { env, logger: createLogger("silent") });
});

afterAll(async () => {
  await running?.stop();
  await removeIsolated(env, prefix);
});

describe("story assignment in the analyze stage", () => {
  it("puts different reports of one event in one story, and nothing else", async () => {
    const [first, second] = [await send(LANDSLIDE[0]!), await send(LANDSLIDE[1]!)];
    const unrelated = await send(UNRELATED);
    const third = await send(LANDSLIDE[2]!);

    expect(new Set([first.cluster_id, second.cluster_id, third.cluster_id]).size).toBe(3);
    expect(first.story_id).toBe(first.id);
    expect([second.story_id, third.story_id]).toEqual([first.id, first.id]);
    expect(unrelated.story_id).toBe(unrelated.id);

    // A syndicated copy of the third report joins its family and so the same story.
    const copy = await send({
      ...LANDSLIDE[2]!,
      outlet: "bao_gia_lai",
      host: "baogialai.com.vn",
      slug: "quoc-lo-24-thong-xe-mot-lan",
      at: "2024-07-20T11:00:00.000Z",
      body: `${LANDSLIDE[2]!.body} Theo TTXVN`,
    });
    expect(copy.cluster_id).toBe(third.cluster_id);
    expect(copy.story_id).toBe(first.id);

    // The job runs again (a retry; the article now finds itself and the later reports indexed):
    // the same story.
    const analyze = running.pipeline!.producers.queue("analyze");
    await running.pipeline!.producers.add("analyze", extracted(LANDSLIDE[1]!), { jobId: "landslide-again" });
    const retried = await until(
      async () => {
        const job = await analyze.getJob("landslide-again");
        return job && (await job.getState()) === "completed" ? job.returnvalue : null;
      },
      (value) => value !== null,
    );
    expect(retried).toMatchObject({ id: second.id, story: first.id });
  });

  it("flags a rumour repeated after the portal refuted it in the same story", async () => {
    const rumour = await send(RUMOUR);
    const refutation = await send(REFUTATION);
    const repeat = await send(REPEAT);

    expect(refutation.story_id).toBe(rumour.id);
    expect(repeat.story_id).toBe(rumour.id);
    expect(repeat.cluster_id).not.toBe(rumour.cluster_id);
    const contradiction = repeat.misinformation?.reasons.find((reason) =>
      reason.startsWith("contradicts_official"),
    );
    expect(contradiction).toMatch(/^contradicts_official \(\+0\.3\): .*kontum\.gov\.vn/);
    // The first report came before any refutation; the portal does not contradict itself.
    expect(rumour.misinformation?.reasons.some((r) => r.startsWith("contradicts_official"))).toBe(false);
    expect(refutation.misinformation?.reasons.some((r) => r.startsWith("contradicts_official"))).toBe(false);
  });
});
