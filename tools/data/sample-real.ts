/**
 * Chooses which corpus documents are read and labelled for the real analysis set
 * (tests/fixtures/analysis/real/). It only chooses what to read: every label is then decided by a
 * person reading the text (README there). The choice is stratified so that each plan theme is
 * likely to reach 80 primary items after reading, while a random stratum keeps `other` as common
 * as in real news; a stratum of documents that name Gia Lai or Đắk Lắk feeds the relevance sets of
 * those provinces. Deterministic (seeded), so the same corpus gives the same choice.
 *
 *   npx tsx tools/data/sample-real.ts [--raw data/real/raw] [--out data/real/candidates.jsonl]
 *   npx tsx tools/data/sample-real.ts --round 2 --exclude data/real/candidates.jsonl --out data/real/candidates-2.jsonl
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type CorpusDoc, corpusDocs, DEFAULT_RAW_DIR } from "./corpus.ts";

const fold = (s: string) =>
  s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ");
const rx = (words: string[]) => new RegExp(`(?<![\\p{L}])(${words.map(fold).join("|")})(?![\\p{L}])`, "u");

// Cues for picking documents to read, not labels: a document picked for "agriculture" may well be
// labelled `other` by its reader.
const STRATA: Record<string, { cue: RegExp; size: number }> = {
  government: {
    cue: rx(["cải cách hành chính", "một cửa", "dịch vụ công", "tiếp dân", "kỷ luật", "tham nhũng", "sai phạm", "người có công", "thương binh", "chính sách xã hội", "thanh tra", "tin học hóa", "chính phủ điện tử", "bảo trợ xã hội", "khiếu nại", "cán bộ"]),
    size: 140,
  },
  people: {
    cue: rx(["người tốt việc tốt", "gương sáng", "điển hình tiên tiến", "tình nguyện", "nghĩa cử", "hiến máu", "tấm lòng", "vượt khó", "trả lại", "cứu người", "giúp đỡ người nghèo", "tấm gương"]),
    size: 150,
  },
  tourism: {
    cue: rx(["du lịch", "lễ hội", "cồng chiêng", "nhà rông", "di tích", "di sản", "du khách", "ẩm thực", "thổ cẩm", "điểm đến"]),
    size: 140,
  },
  environment: {
    cue: rx(["môi trường", "ô nhiễm", "khoáng sản", "rác thải", "biến đổi khí hậu", "động vật hoang dã", "đa dạng sinh học", "khai thác cát", "chất thải", "vàng tặc", "sách đỏ"]),
    size: 140,
  },
  agriculture: {
    cue: rx(["phá rừng", "lâm tặc", "kiểm lâm", "trồng rừng", "cháy rừng", "cà phê", "cao su", "nông dân", "chăn nuôi", "hồ tiêu", "nuôi trồng", "dược liệu", "giống cây", "lâm trường", "khuyến nông"]),
    size: 140,
  },
  economy: {
    cue: rx(["thu hút đầu tư", "nhà đầu tư", "doanh nghiệp", "xúc tiến", "khu kinh tế", "khu công nghiệp", "cửa khẩu", "buôn lậu", "hải quan", "xuất khẩu", "Lào", "Campuchia", "hợp tác"]),
    size: 140,
  },
  national_programs: {
    cue: rx(["giảm nghèo", "nông thôn mới", "đồng bào dân tộc", "dân tộc thiểu số", "định canh định cư", "chương trình 135", "chương trình 134", "Mặt trận Tổ quốc", "đại đoàn kết", "buôn làng", "xã đặc biệt khó khăn"]),
    size: 150,
  },
  politics: {
    cue: rx(["Đảng bộ", "đại hội Đảng", "kỷ niệm", "liệt sĩ", "thi đua", "bầu cử", "HĐND", "Tỉnh ủy", "chi bộ", "cựu chiến binh"]),
    size: 90,
  },
  highlands: { cue: rx(["Gia Lai", "Pleiku", "Đắk Lắk", "Đắc Lắc", "Đắk Lăk", "Buôn Ma Thuột"]), size: 220 },
};
// The second round: after reading the first, `people`, `national_programs`, `agriculture` and
// `politics` had fewer than 80 primary items, so more documents are picked by cues in the title.
const ROUND2: Record<string, { cue: RegExp; size: number }> = {
  people: {
    cue: rx(["tấm gương", "gương", "người tốt", "việc tốt", "nghĩa tình", "tình nguyện", "thiện nguyện", "từ thiện", "hiến", "nhặt được", "trả lại", "cứu", "dũng cảm", "vượt khó", "nghị lực", "tấm lòng", "điển hình", "làm giàu", "nông dân giỏi", "thầy giáo", "cô giáo", "người mẹ", "ân tình"]),
    size: 150,
  },
  national_programs: {
    cue: rx(["xóa đói", "giảm nghèo", "hộ nghèo", "nông thôn mới", "đồng bào", "dân tộc thiểu số", "135", "134", "định canh", "Mặt trận", "đại đoàn kết", "xã nghèo", "huyện nghèo", "vùng sâu", "tái định cư", "Ủy ban Dân tộc", "buôn làng", "người dân tộc"]),
    size: 150,
  },
  agriculture: {
    cue: rx(["rừng", "lâm tặc", "cà phê", "cao su", "hồ tiêu", "lúa", "nông dân", "chăn nuôi", "gia súc", "cúm gia cầm", "lở mồm", "cá tra", "thủy sản", "phân bón", "nông sản", "thanh long", "vải thiều", "hạt điều", "chè", "mía"]),
    size: 90,
  },
  politics: {
    cue: rx(["Đại hội", "Đảng", "kỷ niệm", "liệt sĩ", "bầu cử", "Quốc hội", "HĐND", "thi đua", "anh hùng", "cựu chiến binh", "Bác Hồ", "chiến thắng"]),
    size: 60,
  },
};
// The third round: `people` and `national_programs` still short of 80, picked by cues in the
// opening (title and first 300 characters).
const ROUND3: Record<string, { cue: RegExp; size: number }> = {
  people: {
    cue: rx(["vượt khó", "nghị lực", "tấm lòng", "từ thiện", "tình nguyện", "hiến tặng", "cứu sống", "tấm gương", "làm giàu", "mồ côi", "khuyết tật", "nghĩa cử", "giúp đỡ"]),
    size: 110,
  },
  national_programs: {
    cue: rx(["hộ nghèo", "giảm nghèo", "đồng bào dân tộc", "dân tộc thiểu số", "chương trình 135", "nông thôn mới", "đại đoàn kết", "Mặt trận Tổ quốc", "xã đặc biệt khó khăn", "định canh", "người dân tộc"]),
    size: 110,
  },
};
const RANDOM_PROVINCE = 260;
const RANDOM_ANY = 140;
// The corpus topics that read like the provincial news the analyzer meets; the random stratum
// takes the others too, so that `other` keeps its real share.
const NEWS_TOPICS = new Set(["Chinh tri Xa hoi", "Doi song", "Kinh doanh", "Phap luat", "Van hoa", "Khoa hoc", "Suc khoe"]);
const PROVINCE = rx(["tỉnh", "huyện", "thành phố", "TP", "UBND"]);

/** mulberry32: a small seeded generator, so the choice is reproducible. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function main() {
  const { values } = parseArgs({
    options: {
      raw: { type: "string", default: DEFAULT_RAW_DIR },
      out: { type: "string", default: "data/real/candidates.jsonl" },
      seed: { type: "string", default: "2024" },
      // Round 2: pick by title cues (ROUND2), leaving out the documents of earlier rounds.
      round: { type: "string", default: "1" },
      exclude: { type: "string", multiple: true, default: [] },
    },
  });
  const round2 = values.round === "2";
  const round3 = values.round === "3";
  const excluded = new Set(
    values.exclude.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { path: string }).path),
    ),
  );
  const next = random(Number(values.seed));
  // Reservoir per stratum: a uniform sample of the matching documents in one pass.
  const pools = new Map<string, { doc: CorpusDoc; key: number }[]>();
  const offer = (name: string, size: number, doc: CorpusDoc) => {
    const pool = pools.get(name) ?? [];
    pools.set(name, pool);
    const key = next();
    if (pool.length < size * 3) pool.push({ doc, key });
    else {
      let worst = 0;
      for (let i = 1; i < pool.length; i++) if ((pool[i] as { key: number }).key > (pool[worst] as { key: number }).key) worst = i;
      if (key < (pool[worst] as { key: number }).key) pool[worst] = { doc, key };
    }
  };
  const seenTitles = new Set<string>();
  let total = 0;
  for (const doc of corpusDocs(values.raw)) {
    total++;
    const titleKey = fold(doc.title);
    if (seenTitles.has(titleKey) || excluded.has(doc.path)) continue;
    seenTitles.add(titleKey);
    if (doc.body.length < 200 && doc.corpus === "vntc") continue;
    const text = fold(`${doc.title} ${doc.body.slice(0, 2500)}`);
    if (round3) {
      if (doc.corpus !== "vntc" || !NEWS_TOPICS.has(doc.category)) continue;
      const opening = fold(`${doc.title} ${doc.body.slice(0, 300)}`);
      for (const [name, { cue, size }] of Object.entries(ROUND3)) if (cue.test(opening)) offer(name, size, doc);
      continue;
    }
    if (round2) {
      if (doc.corpus !== "vntc" || !NEWS_TOPICS.has(doc.category)) continue;
      const title = fold(doc.title);
      for (const [name, { cue, size }] of Object.entries(ROUND2)) if (cue.test(title)) offer(name, size, doc);
      continue;
    }
    offer("random_any", RANDOM_ANY, doc);
    if (doc.corpus !== "vntc" || !NEWS_TOPICS.has(doc.category)) continue;
    if (PROVINCE.test(text)) offer("random_province", RANDOM_PROVINCE, doc);
    for (const [name, { cue, size }] of Object.entries(STRATA)) {
      const head = fold(`${doc.title} ${doc.body.slice(0, 600)}`);
      if (name === "highlands" ? cue.test(text) : cue.test(head)) offer(name, size, doc);
    }
  }
  const chosen = new Map<string, { doc: CorpusDoc; stratum: string }>();
  const take = (name: string, size: number) => {
    const pool = (pools.get(name) ?? []).sort((a, b) => a.key - b.key);
    let n = 0;
    for (const { doc } of pool) {
      if (n >= size) break;
      if (chosen.has(doc.path)) continue;
      chosen.set(doc.path, { doc, stratum: name });
      n++;
    }
    console.error(`${name}: ${n} of ${pool.length} in the pool`);
  };
  if (round2) for (const [name, { size }] of Object.entries(ROUND2)) take(name, size);
  else if (round3) for (const [name, { size }] of Object.entries(ROUND3)) take(name, size);
  else {
    for (const [name, { size }] of Object.entries(STRATA)) take(name, size);
    take("random_province", RANDOM_PROVINCE);
    take("random_any", RANDOM_ANY);
  }
  const lines = [...chosen.values()].map(({ doc, stratum }) =>
    JSON.stringify({ path: doc.path, stratum, category: doc.category, title: doc.title, body: doc.body }),
  );
  writeFileSync(values.out, `${lines.join("\n")}\n`);
  console.error(`${total} documents without a Kon Tum mention read; ${lines.length} chosen → ${values.out}`);
}

main();
