/**
 * Prometheus metrics of the crawl (prom-client), registered on a registry passed in so the API can
 * serve them later; the workers can already expose them with `crawl --workers --metrics-port`.
 */
import { Counter, Gauge, type Registry } from "prom-client";
import type { SourceHealth } from "../model/source.ts";
import type { RunOutcome } from "./health.ts";

const STATES: SourceHealth["state"][] = ["new", "ok", "failing", "silent"];

export class CrawlMetrics {
  private readonly articles: Counter<"outlet">;
  private readonly errors: Counter<"source" | "kind" | "stage">;
  private readonly runs: Counter<"source" | "outcome">;
  private readonly state: Gauge<"source" | "state">;
  private readonly items: Gauge<"source">;

  constructor(registry: Registry) {
    const registers = [registry];
    this.articles = new Counter({
      name: "presswatch_articles_collected_total",
      help: "Articles extracted and queued for analysis",
      labelNames: ["outlet"],
      registers,
    });
    this.errors = new Counter({
      name: "presswatch_crawl_errors_total",
      help: "Recorded crawl errors",
      labelNames: ["source", "kind", "stage"],
      registers,
    });
    this.runs = new Counter({
      name: "presswatch_discovery_runs_total",
      help: "Discovery runs by outcome",
      labelNames: ["source", "outcome"],
      registers,
    });
    this.state = new Gauge({
      name: "presswatch_source_state",
      help: "1 for the current state of each source",
      labelNames: ["source", "state"],
      registers,
    });
    this.items = new Gauge({
      name: "presswatch_source_items_last_run",
      help: "Items listed by the source's last run",
      labelNames: ["source"],
      registers,
    });
  }

  onRun(health: SourceHealth, run: RunOutcome): void {
    this.runs.inc({
      source: health.source_id,
      outcome: run.ok ? (run.notModified ? "not_modified" : "ok") : "error",
    });
    if (!run.ok) this.errors.inc({ source: health.source_id, kind: run.kind, stage: "discover" });
    for (const state of STATES)
      this.state.set({ source: health.source_id, state }, state === health.state ? 1 : 0);
    this.items.set({ source: health.source_id }, health.items_last_run);
  }

  onArticle(outlet: string): void {
    this.articles.inc({ outlet });
  }

  onArticleError(source: string, kind: string): void {
    this.errors.inc({ source, kind, stage: "article" });
  }
}
