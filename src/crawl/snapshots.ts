/**
 * Raw HTML kept as evidence (for contracts and crises), stored once per distinct content: named by
 * the sha256 of the bytes, gzip-compressed, written to a temporary name and renamed, so a reader
 * never sees half a file and two processes storing the same page do not conflict.
 */
import { createHash, randomBytes } from "node:crypto";
import { access, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export class SnapshotStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, "snapshots");
  }

  pathOf(hash: string): string {
    return join(this.dir, `${hash}.html.gz`);
  }

  /** Stores the bytes if they are new; returns their hash either way. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = sha256Hex(bytes);
    const path = this.pathOf(hash);
    try {
      await access(path);
      return hash;
    } catch {
      // Not stored yet.
    }
    await mkdir(this.dir, { recursive: true });
    const temporary = `${path}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(temporary, await gzipAsync(bytes));
    await rename(temporary, path);
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    return gunzipAsync(await readFile(this.pathOf(hash)));
  }
}
