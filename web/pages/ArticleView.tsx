/**
 * One article. Everything is rendered as text: titles, leads and bodies come from other people's
 * web pages, and no part of them is ever given to the browser as HTML.
 */

import { useState } from "preact/hooks";
import { ApiError, api } from "../api/client.ts";
import type { ArticleCorrection, ArticleDoc } from "../api/types.ts";
import { CorrectionForm, CorrectionNote } from "../components/CorrectionForm.tsx";
import { Badge, ErrorMessage, Loading, PageTitle, SafeLink } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { lastSearchHref } from "../lib/router.ts";
import { useSession } from "../lib/session.ts";
import { SnapshotLink } from "./SnapshotView.tsx";
import { StoryLink } from "./StoryView.tsx";

export function ArticleView({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const result = useLoad((signal) => api.article(id, signal), [id]);
  // The article as the last correction left it, until the page loads another one.
  const [saved, setSaved] = useState<{
    id: string;
    article: ArticleDoc;
    correction: ArticleCorrection;
  } | null>(null);

  if (result.state === "loading") return <Loading />;
  if (result.state === "error") {
    if (
      result.error instanceof ApiError &&
      result.error.status === 404 &&
      !result.error.message.startsWith("no route")
    ) {
      return (
        <>
          <BackLink />
          <p class="notice">{t("article.notFound")}</p>
        </>
      );
    }
    return <ErrorMessage error={result.error} onRetry={result.reload} />;
  }
  const current = saved?.id === id ? saved : null;
  const article = current?.article ?? result.data.article;
  const correction = current?.correction ?? result.data.correction ?? null;
  const misinformation = article.misinformation;
  return (
    <article class="article" data-testid="article">
      <BackLink />
      <PageTitle>
        <span data-testid="article-title">{article.title}</span>
      </PageTitle>
      <dl class="facts">
        <div>
          <dt>{t("article.outlet")}</dt>
          <dd>{session.label("outlet", article.outlet)}</dd>
        </div>
        <div>
          <dt>{t("article.published")}</dt>
          <dd>
            <time dateTime={article.published_at ?? undefined}>{i18n.dateTime(article.published_at)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("article.themes")}</dt>
          <dd>
            {article.themes.map((theme) => (
              <Badge key={theme.id} kind="theme">
                {session.label("theme", theme.id)}
              </Badge>
            ))}
            <Evidence
              items={article.themes
                .filter((theme) => theme.evidence?.length)
                .map((theme) => ({
                  key: theme.id,
                  label: session.label("theme", theme.id),
                  terms: theme.evidence!,
                }))}
            />
          </dd>
        </div>
        <div>
          <dt>{t("article.agencies")}</dt>
          <dd>{article.agencies.map((agency) => session.label("agency", agency)).join(", ")}</dd>
        </div>
        {article.districts.length > 0 && (
          <div>
            <dt>{t("article.districts")}</dt>
            <dd>{article.districts.map((district) => session.label("district", district)).join(", ")}</dd>
          </div>
        )}
        <div>
          <dt>{t("article.tone")}</dt>
          <dd>
            <Badge kind={`tone-${article.tone.label}`}>{t(`tone.${article.tone.label}`)}</Badge>
            <Evidence
              items={
                article.tone.evidence?.length
                  ? [{ key: "tone", label: t(`tone.${article.tone.label}`), terms: article.tone.evidence }]
                  : []
              }
            />
          </dd>
        </div>
        {misinformation && misinformation.score > 0 && (
          <div>
            <dt>{t("article.misinformation")}</dt>
            <dd>
              {t("article.score", { score: misinformation.score.toFixed(2) })}
              {misinformation.reasons.length > 0 && (
                <ul class="reasons" aria-label={t("article.reasons")}>
                  {misinformation.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        )}
      </dl>
      {correction && <CorrectionNote correction={correction} />}
      {session.can("articles.correct") && (
        <CorrectionForm
          key={`${article.id}:${correction?.at ?? ""}`}
          article={article}
          onSaved={(next) => setSaved({ id, ...next })}
        />
      )}
      <p>
        <SafeLink url={article.url}>{t("article.original")}</SafeLink>
        {article.snapshot && (
          <>
            {" · "}
            <SnapshotLink articleId={article.id} snapshot={article.snapshot} />
          </>
        )}
        {article.story_id && (
          <>
            {" · "}
            <StoryLink storyId={article.story_id} />
          </>
        )}
        {!article.is_original && <Badge kind="muted">{t("article.syndicated")}</Badge>}
        <span class="muted"> · {t("article.words", { count: article.word_count })}</span>
      </p>
      {article.lead && (
        <section aria-label={t("article.lead")}>
          <p class="lead" data-testid="article-lead">
            {article.lead}
          </p>
        </section>
      )}
      <section aria-labelledby="article-body-title">
        <h2 id="article-body-title" class="small-heading">
          {t("article.body")}
        </h2>
        <div class="body-text" data-testid="article-body">
          {article.body}
        </div>
      </section>
    </article>
  );
}

/** The few terms that decided a label, as plain text (they come from the article itself). */
function Evidence({ items }: { items: Array<{ key: string; label: string; terms: string[] }> }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul class="reasons evidence" aria-label={t("article.evidenceLabel")} data-testid="evidence">
      {items.map((item) => (
        <li key={item.key}>
          <span class="muted">{item.label}</span> — {t("article.evidence", { terms: item.terms.join(", ") })}
        </li>
      ))}
    </ul>
  );
}

function BackLink() {
  const { t } = useI18n();
  return (
    <p>
      <a href={lastSearchHref()}>{t("article.back")}</a>
    </p>
  );
}
