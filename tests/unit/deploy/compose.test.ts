// The deployment as shipped, checked without a Docker engine: docker-compose.yml and the Dockerfile
// are read as Docker would read them (tests/helpers/deploy.ts) and held against the environment
// schema (src/config/env.ts) and the image's user.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { envSchema, parseEnv } from "../../../src/config/env.ts";
import {
  composeDocument,
  exists,
  finalStage,
  ownerOf,
  readCompose,
  requiredComposeVariables,
  type Service,
} from "../../helpers/deploy.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const composeText = readFileSync(`${ROOT}docker-compose.yml`, "utf8");
const stage = finalStage(readFileSync(`${ROOT}Dockerfile`, "utf8"));

// What an operator puts in .env: every variable the compose file requires, with a value strong
// enough for what checks it (OpenSearch wants upper and lower case, digits and a symbol).
const dotEnv = Object.fromEntries(
  requiredComposeVariables(composeText).map((name) => [name, `Aa1!${randomBytes(24).toString("hex")}`]),
);
const compose = readCompose(composeText, dotEnv);
const presswatch = compose.services.filter((s) => s.build !== undefined || s.image?.startsWith("presswatch"));
const known = new Set(Object.keys(envSchema.shape));

/** What the process inside the container sees: the image's ENV, then the service's environment. */
function processEnv(service: Service): Record<string, string> {
  const env: Record<string, string> = { ...stage.env };
  for (const [name, value] of Object.entries(service.environment)) if (value !== null) env[name] = value;
  return env;
}

/** A service that runs once and exits (its dependents wait for it to complete, not to be healthy). */
function oneShot(service: Service): boolean {
  const dependents = compose.services.filter((s) => service.name in s.dependsOn);
  return (
    service.restart === "no" &&
    dependents.length > 0 &&
    dependents.every((s) => s.dependsOn[service.name]?.condition === "service_completed_successfully")
  );
}

describe("docker-compose.yml and the Dockerfile", () => {
  it("follows the Compose Specification (its JSON schema, tests/fixtures/deploy)", () => {
    // Its $schema names draft-07 by an https address Ajv does not know; Ajv's default is draft-07.
    const { $schema: _draft, ...schema } = JSON.parse(
      readFileSync(`${ROOT}tests/fixtures/deploy/compose-spec.json`, "utf8"),
    );
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    const valid = validate(composeDocument(composeText, dotEnv));
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("has the API and the workers built from this repository", () => {
    expect(presswatch.map((s) => s.name).sort()).toEqual(expect.arrayContaining(["api", "workers"]));
  });

  it("sets for the presswatch services only variables the environment schema knows", () => {
    const unknown = presswatch.flatMap((service) =>
      Object.keys(processEnv(service))
        .filter((name) => !known.has(name))
        .map((name) => `${service.name}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it("sets every variable the schema requires in production, with valid values", () => {
    const problems = presswatch.flatMap((service) => {
      try {
        parseEnv(processEnv(service));
        return [];
      } catch (error) {
        return [`${service.name}: ${(error as Error).message}`];
      }
    });
    expect(problems).toEqual([]);
  });

  it("runs the image as a user other than root", () => {
    expect(stage.user).not.toBeNull();
    expect(stage.user).not.toBe("root");
  });

  it("gives the image's user every writable path mounted into the presswatch services", () => {
    const problems = presswatch.flatMap((service) =>
      service.volumes
        .filter((mount) => !mount.readOnly)
        .flatMap((mount) => {
          // A new named volume takes the ownership of the image's directory at that path.
          if (!exists(stage, mount.target))
            return [`${service.name}: ${mount.target} is not made by the image`];
          const owner = ownerOf(stage, mount.target);
          return owner === stage.user
            ? []
            : [`${service.name}: ${mount.target} is owned by ${owner}, the image runs as ${stage.user}`];
        }),
    );
    expect(problems).toEqual([]);
  });

  it("keeps the folders the processes write to (DATA_DIR, REPORTS_DIR) on a volume the image's user owns", () => {
    const problems = presswatch.flatMap((service) => {
      const env = processEnv(service);
      return ["DATA_DIR", "REPORTS_DIR"].flatMap((name) => {
        const path = env[name];
        if (!path) return [`${service.name}: ${name} is not set`];
        const absolute = path.startsWith("/") ? path : `${stage.workdir}/${path}`;
        const onVolume = service.volumes.some(
          (mount) =>
            !mount.readOnly && (absolute === mount.target || absolute.startsWith(`${mount.target}/`)),
        );
        const owner = ownerOf(stage, absolute);
        return [
          ...(onVolume ? [] : [`${service.name}: ${name}=${path} is not on a writable volume`]),
          ...(exists(stage, absolute) && owner === stage.user
            ? []
            : [`${service.name}: ${name}=${path} is not a folder of ${stage.user} (owner ${owner})`]),
        ];
      });
    });
    expect(problems).toEqual([]);
  });

  it("gives every long-running service a health check", () => {
    const missing = compose.services
      .filter((service) => !oneShot(service))
      .filter((service) => !service.healthcheck?.test || service.healthcheck.disable)
      .map((service) => service.name);
    expect(missing).toEqual([]);
  });

  it("checks the workers on their /health endpoint at WORKER_HTTP_PORT", () => {
    const workers = compose.services.find((s) => s.name === "workers")!;
    const port =
      processEnv(workers).WORKER_HTTP_PORT ?? String(envSchema.shape.WORKER_HTTP_PORT?.parse(undefined));
    expect(JSON.stringify(workers.healthcheck?.test ?? null)).toContain(`:${port}/health`);
  });

  it("connects to OpenSearch as its own user, not the cluster's admin", () => {
    for (const service of presswatch) {
      expect(processEnv(service).OPENSEARCH_USERNAME ?? "admin", service.name).not.toBe("admin");
    }
  });

  it("serves the API only through the TLS proxy (no presswatch port published; 443 is)", () => {
    expect(presswatch.filter((s) => s.raw.ports !== undefined).map((s) => s.name)).toEqual([]);
    const published = compose.services.flatMap((s) => ((s.raw.ports ?? []) as unknown[]).map(String));
    expect(published.some((port) => /(^|:)443(:|$)/.test(port.replace(/\/tcp$/, "")))).toBe(true);
  });

  it("turns off certificate checks nowhere", () => {
    expect(composeText).not.toMatch(/NODE_TLS_REJECT_UNAUTHORIZED/);
  });

  it("keeps secrets, data and dependencies out of the build context (.dockerignore)", () => {
    expect(existsSync(`${ROOT}.dockerignore`)).toBe(true);
    const ignored = readFileSync(`${ROOT}.dockerignore`, "utf8").split("\n");
    for (const entry of ["node_modules", ".env", "data", ".git"]) expect(ignored).toContain(entry);
  });
});
