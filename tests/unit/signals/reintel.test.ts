import { describe, expect, it } from "vitest";
import { EvalSetError, parseEvalSet } from "../../../src/signals/evalSet.ts";
import { buildReintel, parseReintelCsv, ReintelError, splitOf } from "../../../tools/data/reintel.ts";

const CSV = [
  "id,user_name,post_message,timestamp_post,num_like_post,num_comment_post,num_share_post,label",
  '7,u1,"NÓNG: chia sẻ gấp\nđập đã vỡ, bà con ơi",2020-03-26 03:11:55,1,0,0,1',
  '8,u2,"Sáng 26/6, hội nghị ""ASEAN"" khai mạc tại Hà Nội.",2020-06-26 03:56:41,6.0,0.0,0.0,0',
  '9,u3,"Sáng 26/6,  hội nghị ""ASEAN"" khai mạc tại Hà Nội. ",2020-06-26 04:00:00,1,0,0,0',
  '10,u4,"Mưa lớn ở thành phố Kon Tum",2020-06-27 01:00:00,1,0,0,0',
].join("\n");

describe("parseReintelCsv", () => {
  it("reads quoted multi-line messages, doubled quotes and the 0/1 label", () => {
    const posts = parseReintelCsv(CSV, "test");
    expect(posts).toHaveLength(4);
    expect(posts[0]).toEqual({
      id: "test:7",
      message: "NÓNG: chia sẻ gấp\nđập đã vỡ, bà con ơi",
      text: "NÓNG: chia sẻ gấp\nđập đã vỡ, bà con ơi",
      timestamp: "2020-03-26 03:11:55",
      unreliable: true,
    });
    expect(posts[1]?.message).toBe('Sáng 26/6, hội nghị "ASEAN" khai mạc tại Hà Nội.');
    expect(posts[1]?.unreliable).toBe(false);
  });

  it("reads word-segmented posts with their syllables apart, and splits on the post as published", () => {
    const [post] = parseReintelCsv(
      'post_message,label\n"Ông Nguyễn_Văn_A cho_biết, 26/6 ; __init__",0\n',
      "val",
    );
    expect(post?.text).toBe("Ông Nguyễn Văn A cho biết, 26/6 ; __init__");
    const item = buildReintel([post!]).items[0];
    expect(item?.split).toBe(splitOf("Ông Nguyễn_Văn_A cho_biết, 26/6 ; __init__"));
  });

  it("names rows without an id by row number", () => {
    const posts = parseReintelCsv("post_message,label\nxin chào,0\n", "val");
    expect(posts[0]?.id).toBe("val:row2");
  });

  it("refuses a label that is neither 0 nor 1", () => {
    expect(() => parseReintelCsv("post_message,label\nxin chào,2\n", "val")).toThrow(ReintelError);
  });
});

describe("buildReintel", () => {
  it("drops Kon Tum posts, keeps a repeated post once, and splits by text", () => {
    const layout = buildReintel(parseReintelCsv(CSV, "test"));
    expect(layout).toMatchObject({ read: 4, kontum: 1, repeated: 1, conflicting: 0 });
    expect(layout.items.map((item) => item.id)).toEqual(["test:7", "test:8"]);
    const first = layout.items[0]!;
    expect(first).toMatchObject({
      title: "NÓNG: chia sẻ gấp",
      body: "đập đã vỡ, bà con ơi",
      misinformation: true,
    });
    expect(first.split).toBe(splitOf("NÓNG: chia sẻ gấp\nđập đã vỡ, bà con ơi"));
  });

  it("drops a repeated post whose labels disagree", () => {
    const posts = parseReintelCsv("post_message,label\nTin A,0\ntin  a,1\nTin B,0\n", "val");
    const layout = buildReintel(posts);
    expect(layout.conflicting).toBe(1);
    expect(layout.items.map((item) => item.title)).toEqual(["Tin B"]);
  });

  it("splits about half and half, the same for the same text", () => {
    const splits = Array.from({ length: 400 }, (_, i) => splitOf(`bài ${i}`));
    const dev = splits.filter((split) => split === "dev").length;
    expect(dev).toBeGreaterThan(160);
    expect(dev).toBeLessThan(240);
    expect(splitOf("Tin  A ")).toBe(splitOf("tin a"));
  });
});

describe("parseEvalSet", () => {
  it("reads one item a line and names a bad line", () => {
    const good = JSON.stringify({ id: "a", split: "dev", misinformation: true, title: "t", body: "b" });
    expect(parseEvalSet(`${good}\n\n`)).toHaveLength(1);
    expect(() => parseEvalSet(`${good}\n{"id":"b","split":"train"}`, "x.jsonl")).toThrow(/x\.jsonl:2: /);
    expect(() => parseEvalSet("not json")).toThrow(EvalSetError);
    expect(() => parseEvalSet("\n")).toThrow(/no items/);
  });
});
