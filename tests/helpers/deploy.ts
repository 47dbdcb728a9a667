/**
 * Reading docker-compose.yml and the Dockerfile as Docker would, for the tests that check the
 * deployment on machines without a Docker engine: compose interpolation, service environments and
 * mounts, and what the image's last stage creates, owns and runs as.
 */
import { posix } from "node:path";
import { parse } from "yaml";

// ---------------------------------------------------------------------------------------------
// docker-compose.yml

export interface Mount {
  source: string | null;
  target: string;
  readOnly: boolean;
  /** A named volume (or an anonymous one) rather than a bind mount of a host path. */
  named: boolean;
}

export interface Service {
  name: string;
  image?: string;
  build?: unknown;
  command?: unknown;
  environment: Record<string, string | null>;
  volumes: Mount[];
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  dependsOn: Record<string, { condition?: string }>;
  raw: Record<string, unknown>;
}

/**
 * Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`,
 * `$$` for a literal dollar. `supplied` stands for the operator's `.env`; a `:?` variable missing
 * from it is an error, as it is for `docker compose up`.
 */
export function interpolate(text: string, supplied: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, name?: string, op?: string, arg?: string, bare?: string) => {
      if (whole === "$$") return "$";
      const variable = (name ?? bare)!;
      const value = supplied[variable];
      const empty = value === undefined || (op?.startsWith(":") && value === "");
      if (!empty) return value!;
      if (op === ":-" || op === "-") return arg ?? "";
      if (op === ":?" || op === "?")
        throw new Error(`${variable}: required by docker-compose.yml (${arg ?? "no message"})`);
      return "";
    },
  );
}

/** The variables docker-compose.yml requires from `.env` (`${VAR:?…}`). */
export function requiredComposeVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)].map((m) => m[1]!))].sort();
}

function environmentOf(value: unknown): Record<string, string | null> {
  if (!value) return {};
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry: string) => {
        const at = entry.indexOf("=");
        return at < 0 ? [entry, null] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, v === null ? null : String(v)]),
  );
}

function mountOf(entry: unknown, declaredVolumes: Set<string>): Mount {
  if (typeof entry === "string") {
    const parts = entry.split(":");
    if (parts.length === 1) return { source: null, target: parts[0]!, readOnly: false, named: true };
    const [source, target, mode] = parts as [string, string, string | undefined];
    return {
      source,
      target,
      readOnly: (mode ?? "").split(",").includes("ro"),
      named: declaredVolumes.has(source),
    };
  }
  const long = entry as { type?: string; source?: string; target: string; read_only?: boolean };
  return {
    source: long.source ?? null,
    target: long.target,
    readOnly: long.read_only === true,
    named: long.type === "volume" || (long.source !== undefined && declaredVolumes.has(long.source)),
  };
}

export interface Compose {
  services: Service[];
  volumes: string[];
}

/** The YAML document after interpolation with `supplied`, merge keys (`<<:`) applied. */
export function composeDocument(text: string, supplied: Record<string, string>): unknown {
  return parse(interpolate(text, supplied), { merge: true });
}

/** docker-compose.yml's services and volumes, read as compose reads them. */
export function readCompose(text: string, supplied: Record<string, string>): Compose {
  const document = composeDocument(text, supplied) as {
    services: Record<string, Record<string, unknown>>;
    volumes?: Record<string, unknown>;
  };
  const volumes = Object.keys(document.volumes ?? {});
  const declared = new Set(volumes);
  const services = Object.entries(document.services).map(([name, raw]): Service => {
    const dependsOn = Array.isArray(raw.depends_on)
      ? Object.fromEntries((raw.depends_on as string[]).map((d) => [d, {}]))
      : ((raw.depends_on ?? {}) as Record<string, { condition?: string }>);
    return {
      name,
      raw,
      image: raw.image as string | undefined,
      build: raw.build,
      command: raw.command,
      environment: environmentOf(raw.environment),
      volumes: ((raw.volumes ?? []) as unknown[]).map((v) => mountOf(v, declared)),
      healthcheck: raw.healthcheck as Service["healthcheck"],
      restart: raw.restart as string | undefined,
      dependsOn,
    };
  });
  return { services, volumes };
}

// ---------------------------------------------------------------------------------------------
// Dockerfile

export interface Stage {
  user: string | null;
  workdir: string;
  env: Record<string, string>;
  volumes: string[];
  /** Directories that exist in the image: made by RUN mkdir/install -d, WORKDIR, COPY targets. */
  created: Set<string>;
  /** Who owns each path changed by chown, COPY --chown or install -o; "-R" ones cover their subtree. */
  owners: { path: string; user: string; recursive: boolean }[];
}

/** Instructions with their continuation lines joined and comments dropped. */
export function instructions(text: string): { keyword: string; args: string }[] {
  const joined = text
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(" ") };
    });
}

function words(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith("[")) return JSON.parse(trimmed) as string[];
  return trimmed.split(/\s+/);
}

/** `ENV A=1 B=2` or the old `ENV A 1`. */
function envPairs(args: string): [string, string][] {
  if (!/^\S+=/.test(args)) {
    const [name, ...value] = args.split(/\s+/);
    return [[name!, value.join(" ")]];
  }
  return [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)].map((m) => [
    m[1]!,
    m[2]!.replace(/^"|"$/g, ""),
  ]);
}

/** The last stage of the Dockerfile: what the running container gets. */
export function finalStage(text: string): Stage {
  const stage: Stage = { user: null, workdir: "/", env: {}, volumes: [], created: new Set(), owners: [] };
  const resolve = (path: string) => posix.resolve(stage.workdir, interpolateEnv(path, stage.env));
  for (const { keyword, args } of instructions(text)) {
    if (keyword === "FROM") {
      Object.assign(stage, {
        user: null,
        workdir: "/",
        env: {},
        volumes: [],
        created: new Set(),
        owners: [],
      });
    } else if (keyword === "USER") stage.user = args.split(":")[0]!;
    else if (keyword === "WORKDIR") {
      stage.workdir = resolve(args);
      stage.created.add(stage.workdir);
    } else if (keyword === "ENV") for (const [k, v] of envPairs(args)) stage.env[k] = v;
    else if (keyword === "VOLUME") {
      // Docker makes a missing VOLUME directory itself, owned by root.
      for (const path of words(args).map(resolve)) {
        stage.volumes.push(path);
        stage.created.add(path);
      }
    } else if (keyword === "COPY" || keyword === "ADD") {
      const parts = words(args);
      const flags = parts.filter((p) => p.startsWith("--"));
      const paths = parts.filter((p) => !p.startsWith("--"));
      const target = resolve(paths.at(-1)!);
      stage.created.add(target.replace(/\/$/, ""));
      const chown = flags.find((f) => f.startsWith("--chown="));
      if (chown) stage.owners.push({ path: target, user: chown.slice(8).split(":")[0]!, recursive: true });
    } else if (keyword === "RUN") {
      for (const command of args.split(/&&|;|\|\|/).map((c) => words(c.trim()))) {
        const [program, ...rest] = command;
        const operands = rest.filter((r) => !r.startsWith("-"));
        if (program === "mkdir") for (const path of operands) stage.created.add(resolve(path));
        if (program === "chown") {
          const [owner, ...paths] = operands;
          const recursive = rest.some((r) => /^-[a-zA-Z]*R/.test(r) || r === "--recursive");
          for (const path of paths)
            stage.owners.push({ path: resolve(path), user: owner!.split(":")[0]!, recursive });
        }
        if (program === "install" && rest.includes("-d")) {
          const owner = rest[rest.indexOf("-o") + 1];
          const paths = rest.filter(
            (r, i) => !r.startsWith("-") && !["-o", "-g", "-m"].includes(rest[i - 1]!),
          );
          for (const path of paths) {
            stage.created.add(resolve(path));
            if (rest.includes("-o") && owner)
              stage.owners.push({ path: resolve(path), user: owner, recursive: false });
          }
        }
      }
    }
  }
  return stage;
}

function interpolateEnv(path: string, env: Record<string, string>): string {
  return path.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => env[name] ?? "");
}

/** The user that owns `path` in the image ("root" unless a chown, COPY --chown or install -o says otherwise). */
export function ownerOf(stage: Stage, path: string): string {
  let owner = "root";
  for (const entry of stage.owners) {
    if (entry.path === path || (entry.recursive && path.startsWith(`${entry.path.replace(/\/$/, "")}/`)))
      owner = entry.user;
  }
  return owner;
}

/** Whether the directory exists in the image (made by the Dockerfile, or a parent of one that is). */
export function exists(stage: Stage, path: string): boolean {
  return [...stage.created].some((made) => made === path || made.startsWith(`${path}/`));
}
