// The OpenSearch CA is trusted by the search client alone: with OPENSEARCH_CA_FILE it talks to a
// node whose certificate that CA signed; without it, and for every other client in the process
// (fetch, used by crawling and webhooks), the same certificate is refused. A real TLS server with
// a CA and certificate made here by openssl stands in for the node.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../../src/config/env.ts";
import { createSearchClient, searchOptions } from "../../../src/store/client.ts";
import { makeTestCa } from "../../helpers/tls.ts";

const tls = makeTestCa();
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer(
    { key: readFileSync(tls.key), cert: readFileSync(tls.cert) },
    (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ name: "node", version: { number: "3.8.0", distribution: "opensearch" } }),
      );
    },
  );
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  tls.remove();
});

describe("OPENSEARCH_CA_FILE", () => {
  it("lets the search client verify the node's certificate", async () => {
    const env = parseEnv({ OPENSEARCH_URL: url, OPENSEARCH_CA_FILE: tls.ca });
    const client = createSearchClient({ ...searchOptions(env), requestTimeoutMs: 5000 });
    try {
      const info = await client.info();
      expect(info.body.version.number).toBe("3.8.0");
    } finally {
      await client.close();
    }
  });

  it("is needed: without it the same node's certificate is refused", async () => {
    const client = createSearchClient({ url, requestTimeoutMs: 5000 });
    try {
      await expect(client.info()).rejects.toThrow(/certificate/i);
    } finally {
      await client.close();
    }
  });

  it("is not trusted by other connections of the process", async () => {
    createSearchClient({ url, caFile: tls.ca });
    const refused = (await fetch(url).catch((error: Error) => error)) as Error & {
      cause?: { code?: string };
    };
    expect(refused).toBeInstanceOf(Error);
    expect(refused.cause?.code).toMatch(/UNABLE_TO_VERIFY|SELF_SIGNED|CERT/);
  });

  it("names the variable when the file cannot be read", () => {
    expect(() => createSearchClient({ url, caFile: `${tls.dir}/missing.pem` })).toThrow(
      `OPENSEARCH_CA_FILE=${`${tls.dir}/missing.pem`}: ENOENT`,
    );
  });
});
