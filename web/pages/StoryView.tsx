/**
 * One story: its articles in time order (originals and reprints), the outlets that carried it, the
 * tone mix, the registered false claims it repeats or refutes and, for a crisis story, the rumour's
 * spread against the official correction's, hour by hour. Linked from the evidence lists of alerts
 * and cases. Titles are other people's text: rendered as text only.
 */
import { useMemo } from "preact/hooks";
import type { StorySummary } from "../../src/stories/summary.ts";
import { api } from "../api/client.ts";
import { Chart } from "../components/Chart.tsx";
import { Badge, ErrorMessage, Loading, PageTitle } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href } from "../lib/router.ts";
import { useSession } from "../lib/session.ts";
import { SnapshotLink } from "./SnapshotView.tsx";

export function StoryView({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const result = useLoad((signal) => api.story(id, signal), [id]);
  if (result.state === "loading") return <Loading />;
  if (result.state === "error") return <ErrorMessage error={result.error} onRetry={result.reload} />;
  const { story } = result.data;
  return (
    <section class="story" data-testid="story">
      <PageTitle>{t("story.title", { headline: story.headline })}</PageTitle>
      <dl class="facts">
        <div>
          <dt>{t("story.period")}</dt>
          <dd>
            {i18n.dateTime(story.first_at)} – {i18n.dateTime(story.last_at)}
          </dd>
        </div>
        <div>
          <dt>{t("story.articles")}</dt>
          <dd data-testid="story-counts">
            {t("story.counts", {
              total: story.articles.length,
              originals: story.originals,
              reprints: story.reprints,
            })}
          </dd>
        </div>
        <div>
          <dt>{t("story.outlets")}</dt>
          <dd data-testid="story-outlets">
            {story.outlets.map((o) => `${session.label("outlet", o.outlet)} (${o.articles})`).join(", ")}
          </dd>
        </div>
        <div>
          <dt>{t("story.tone")}</dt>
          <dd data-testid="story-tone">
            {(["negative", "neutral", "positive"] as const).map((tone) => (
              <Badge key={tone} kind={`tone-${tone}`}>
                {t(`tone.${tone}`)} {story.tone[tone]}
              </Badge>
            ))}
          </dd>
        </div>
        {story.claims.length > 0 && (
          <div>
            <dt>{t("story.claims")}</dt>
            <dd data-testid="story-claims">
              <ul class="reasons">
                {story.claims.map((claim) => (
                  <li key={claim.claim_id}>
                    {t("story.claim", {
                      claim: claim.claim_id,
                      asserts: claim.asserts,
                      refutes: claim.refutes,
                    })}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      {story.spread && <StorySpread spread={story.spread} />}
      <div class="table-wrap">
        <table data-testid="story-articles">
          <caption>{t("story.timeline")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("story.at")}</th>
              <th scope="col">{t("story.outlet")}</th>
              <th scope="col">{t("story.headline")}</th>
              <th scope="col">{t("story.kind")}</th>
              <th scope="col">{t("story.toneCol")}</th>
              <th scope="col">{t("story.evidence")}</th>
            </tr>
          </thead>
          <tbody>
            {story.articles.map((article) => (
              <tr key={article.id} data-article={article.id}>
                <td>
                  <time dateTime={article.at}>{i18n.dateTime(article.at)}</time>
                </td>
                <td>{session.label("outlet", article.outlet)}</td>
                <td>
                  <a href={href(`/articles/${encodeURIComponent(article.id)}`)}>{article.title}</a>
                  {article.claims.map((c) => (
                    <Badge key={c.claim_id} kind={c.stance === "refutes" ? "muted" : "tone-negative"}>
                      {t(c.stance === "refutes" ? "story.refutes" : "story.asserts")}
                    </Badge>
                  ))}
                </td>
                <td>{article.is_original ? t("story.original") : t("story.reprint")}</td>
                <td>{t(`tone.${article.tone}`)}</td>
                <td>
                  <SnapshotLink articleId={article.id} snapshot={article.snapshot} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function StorySpread({ spread }: { spread: NonNullable<StorySummary["spread"]> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const hourly = spread.hourly;
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: hourly.map((point) => i18n.dateTime(point.hour)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("case.rumour"), type: "bar", data: hourly.map((p) => p.rumour), color: "#a4262c" },
        { name: t("case.correction"), type: "bar", data: hourly.map((p) => p.correction), color: "#1e6b34" },
      ],
    }),
    [hourly, i18n],
  );
  return (
    <section class="card" aria-labelledby="story-spread-title" data-testid="story-spread">
      <h2 id="story-spread-title">{t("case.spread")}</h2>
      <p>
        {t("story.spreadFacts", {
          rumour: spread.rumour.articles,
          rumourOutlets: spread.rumour.outlets,
          correction: spread.correction.articles,
          correctionOutlets: spread.correction.outlets,
        })}
      </p>
      <Chart
        option={option}
        label={t("case.spread")}
        testId="chart-story-spread"
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">{t("story.at")}</th>
                <th scope="col">{t("case.rumour")}</th>
                <th scope="col">{t("case.correction")}</th>
              </tr>
            </thead>
            <tbody>
              {hourly.map((p) => (
                <tr key={p.hour}>
                  <td>{i18n.dateTime(p.hour)}</td>
                  <td>{p.rumour}</td>
                  <td>{p.correction}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}

/** A link to an article's story page. */
export function StoryLink({ storyId }: { storyId: string | null | undefined }) {
  const { t } = useI18n();
  if (!storyId) return null;
  return (
    <a href={href(`/stories/${encodeURIComponent(storyId)}`)} data-testid="story-link">
      {t("story.open")}
    </a>
  );
}
