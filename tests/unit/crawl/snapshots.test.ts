import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SnapshotStore, sha256Hex } from "../../../src/crawl/snapshots.ts";

describe("SnapshotStore", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "presswatch-snap-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("stores the raw bytes once, gzip-compressed, under their sha256", async () => {
    const store = new SnapshotStore(dir);
    const html = Buffer.from("<html><body>Kon Tum</body></html>");
    const [a, b] = await Promise.all([store.put(html), store.put(html)]);
    expect(a).toBe(sha256Hex(html));
    expect(b).toBe(a);
    expect(await readdir(join(dir, "snapshots"))).toEqual([`${a}.html.gz`]);
    expect(gunzipSync(await readFile(join(dir, "snapshots", `${a}.html.gz`)))).toEqual(html);
    expect(await store.get(a)).toEqual(html);
  });
});
