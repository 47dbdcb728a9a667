/**
 * An ECharts chart. The library is loaded on first use, so pages without charts do not wait for
 * it. Every chart has a text alternative (`label`, read by screen readers) and, where the page
 * gives one, a data table under a disclosure.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { useI18n } from "../i18n/index.ts";
import type { EChartsCoreOption } from "../lib/echarts.ts";

type EChartsModule = typeof import("../lib/echarts.ts");
let loading: Promise<EChartsModule> | null = null;
const loadECharts = () => {
  loading ??= import("../lib/echarts.ts");
  return loading;
};

/** Colours with enough contrast on white, told apart also by the legend's order. */
export const PALETTE = [
  "#1f5fa8",
  "#b3541e",
  "#2e7d32",
  "#7b3fa0",
  "#a4262c",
  "#00707a",
  "#6b5800",
  "#4a4a4a",
  "#c2185b",
];

export function Chart({
  option,
  label,
  height = 280,
  table,
  testId,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  table?: ComponentChildren;
  testId?: string;
}) {
  const { t } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let chart: ReturnType<EChartsModule["echarts"]["init"]> | null = null;
    let observer: ResizeObserver | null = null;
    loadECharts().then(
      ({ echarts }) => {
        if (disposed || !element.current) return;
        chart = echarts.init(element.current, null, { renderer: "canvas" });
        chart.setOption({ color: PALETTE, aria: { enabled: true }, animation: false, ...option });
        observer = new ResizeObserver(() => chart?.resize());
        observer.observe(element.current);
        setReady(true);
      },
      (error: unknown) => setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option]);

  return (
    <figure class="chart" data-testid={testId}>
      <div
        ref={element}
        role="img"
        aria-label={label}
        class="chart-canvas"
        style={{ height: `${height}px` }}
        data-ready={ready ? "true" : "false"}
      >
        {!ready && !failed && <p class="muted">{t("chart.loading")}</p>}
        {failed && <p class="notice error">{t("app.error", { message: failed })}</p>}
      </div>
      {table && (
        <details class="chart-table">
          <summary>{t("chart.table")}</summary>
          {table}
        </details>
      )}
    </figure>
  );
}
