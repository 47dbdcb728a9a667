/**
 * Live progress of the demo, read from where the pipeline keeps its state (the queues' job counts,
 * the article index, the alert store), so the line shows what the workers did, not what the demo
 * hoped they would do.
 */
import type { Queue } from "bullmq";
import type { QueueKey } from "../src/queue/contract.ts";

export interface ProgressCounts {
  /** Articles the press web has published so far (null against real outlets). */
  published: number | null;
  polled: number;
  collected: number;
  analysed: number;
  indexed: number;
  alerts: number;
  /** Jobs waiting or running in the article stages: 0 once everything collected went through. */
  pending: number;
}

export interface ProgressSources {
  queue: (key: QueueKey) => Queue;
  published: () => number | null;
  indexed: () => Promise<number>;
  alerts: () => Promise<number>;
}

const BUSY = ["waiting", "active", "delayed", "prioritized", "waiting-children"] as const;

export async function readProgress(sources: ProgressSources): Promise<ProgressCounts> {
  const counts = async (key: QueueKey) =>
    sources.queue(key).getJobCounts("completed", "failed", ...BUSY) as Promise<Record<string, number>>;
  const busy = (c: Record<string, number>) => BUSY.reduce((sum, state) => sum + (c[state] ?? 0), 0);
  const [discover, fetch, render, analyze, index, alerts, indexed, alertCount] = await Promise.all([
    counts("discover"),
    counts("fetch"),
    counts("render"),
    counts("analyze"),
    counts("index"),
    counts("alerts"),
    sources.indexed().catch(() => 0),
    sources.alerts().catch(() => 0),
  ]);
  return {
    published: sources.published(),
    polled: (discover.completed ?? 0) + (discover.failed ?? 0),
    collected: (analyze.completed ?? 0) + (analyze.failed ?? 0) + busy(analyze),
    analysed: analyze.completed ?? 0,
    indexed,
    alerts: alertCount,
    pending: busy(fetch) + busy(render) + busy(analyze) + busy(index) + busy(alerts),
  };
}

export function formatProgress(counts: ProgressCounts, elapsedMs: number, month?: number): string {
  const parts = [
    `${(elapsedMs / 1000).toFixed(0).padStart(4)} s`,
    ...(month === undefined ? [] : [`month ${Math.round(month * 100)}%`.padEnd(10)]),
    ...(counts.published === null ? [] : [`published ${counts.published}`]),
    `polled ${counts.polled}`,
    `collected ${counts.collected}`,
    `analysed ${counts.analysed}`,
    `indexed ${counts.indexed}`,
    `alerts ${counts.alerts}`,
  ];
  return parts.join(" | ");
}
