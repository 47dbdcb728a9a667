/**
 * Serves the coordinators' dashboard: the assets `npm run build:web` wrote (web/ built by Vite into
 * api/public), and `GET /api/dashboard/plan`, the plan's labels and monthly targets that the pages
 * need to name themes, agencies, districts and outlets.
 *
 * Nothing is built at runtime. Without a build, `/` answers 503 with the command that makes one.
 * The page runs under a strict Content-Security-Policy (scripts from this origin only), so even a
 * rendering mistake could not run a script that an article smuggled in.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { loadPlan } from "../../src/plan/load.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { notFound } from "../errors.ts";
import { protectedRoute } from "../schemas/common.ts";

export const DEFAULT_DASHBOARD_ROOT = fileURLToPath(new URL("../public", import.meta.url));

export interface DashboardOptions {
  /** The built dashboard (index.html and assets/); api/public by default. */
  root?: string;
  /** The plan in force; or `planFile` to load it from. Without either, pages show ids. */
  plan?: Plan | null;
  planFile?: string;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // ECharts positions its tooltip with inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const PlanInfo = Type.Object({
  id: Type.String(),
  title: Type.String(),
  year: Type.Integer(),
  timezone: Type.String(),
  themes: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      name_en: Type.String(),
      owners: Type.Array(Type.String()),
    }),
  ),
  agencies: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      name_en: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  districts: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  outlets: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() })),
  targets: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      section: Type.String(),
      outlets: Type.Array(Type.String()),
      themes: Type.Array(Type.String()),
      owner: Type.String(),
      min_count: Type.Integer(),
    }),
  ),
});

/** What the pages need from the plan: names, and the obligations that set a count per month. */
export function planInfo(plan: Plan) {
  return {
    id: plan.id,
    title: plan.title,
    year: plan.year,
    timezone: plan.timezone,
    themes: plan.themes.map(({ id, name, name_en, owners }) => ({ id, name, name_en, owners })),
    agencies: plan.agencies.map(({ id, name, name_en }) => ({ id, name, name_en: name_en ?? null })),
    districts: plan.districts.map(({ id, name }) => ({ id, name })),
    outlets: plan.outlets.map(({ id, name, kind }) => ({ id, name, kind })),
    targets: plan.obligations
      .filter((obligation) => obligation.frequency === "monthly" && obligation.min_count !== undefined)
      .map((obligation) => ({
        id: obligation.id,
        title: obligation.title,
        section: obligation.section,
        outlets: obligation.outlets,
        themes: obligation.themes,
        owner: obligation.owner,
        min_count: obligation.min_count!,
      })),
  };
}

function securityHeaders(reply: FastifyReply): void {
  reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
  reply.header("x-frame-options", "DENY");
  reply.header("referrer-policy", "no-referrer");
  reply.header("cross-origin-opener-policy", "same-origin");
}

export const dashboardPlugin: FastifyPluginAsync<DashboardOptions> = async (app, options) => {
  const root = options.root ?? DEFAULT_DASHBOARD_ROOT;
  const plan = options.plan ?? (options.planFile ? await loadPlan(options.planFile) : null);
  const info = plan ? planInfo(plan) : null;

  app.get(
    "/api/dashboard/plan",
    {
      config: { permission: "account.read" },
      schema: protectedRoute(
        "account.read",
        "The plan's labels and monthly targets, for the dashboard",
        ["dashboard"],
        {
          200: PlanInfo,
        },
      ),
    },
    async (_request, reply) => {
      if (!info) throw notFound("no plan is loaded");
      reply.header("cache-control", "private, max-age=300");
      return info;
    },
  );

  const assets = join(root, "assets");
  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: "/assets/",
      // File names carry a content hash: a new build has new names.
      immutable: true,
      maxAge: "365d",
      index: false,
      setHeaders: (reply) => {
        reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
      },
    });
  }

  const page = async (_request: unknown, reply: FastifyReply) => {
    securityHeaders(reply);
    let html: string;
    try {
      html = await readFile(join(root, "index.html"), "utf8");
    } catch {
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("The dashboard is not built: run `npm run build:web`.\n");
    }
    reply.header("cache-control", "no-cache");
    return reply.type("text/html; charset=utf-8").send(html);
  };
  app.get("/", { schema: { hide: true } }, page);
  app.get("/index.html", { schema: { hide: true } }, page);
};

export default dashboardPlugin;
