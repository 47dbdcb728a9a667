/**
 * The archived page of an article, as fetched: the evidence for contract payment and for a crisis.
 * The API serves it sanitised (no script, no handler, no external URL) under a CSP that allows no
 * load; here it is framed with `sandbox` and no allow-scripts, so even a page the sanitiser missed
 * could neither run nor reach the network. The fetch time and the content hash are shown beside it.
 */
import { api } from "../api/client.ts";
import { ErrorMessage, Loading, PageTitle } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href } from "../lib/router.ts";

export function SnapshotView({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const result = useLoad((signal) => api.article(id, signal), [id]);
  if (result.state === "loading") return <Loading />;
  if (result.state === "error") return <ErrorMessage error={result.error} onRetry={result.reload} />;
  const { article } = result.data;
  return (
    <section class="snapshot-view" data-testid="snapshot-view">
      <p>
        <a href={href(`/articles/${encodeURIComponent(article.id)}`)}>{t("snapshot.back")}</a>
      </p>
      <PageTitle>{t("snapshot.title", { title: article.title })}</PageTitle>
      <dl class="facts">
        <div>
          <dt>{t("snapshot.fetched")}</dt>
          <dd data-testid="snapshot-fetched">
            <time dateTime={article.fetched_at}>{i18n.dateTime(article.fetched_at)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("snapshot.hash")}</dt>
          <dd class="hash" data-testid="snapshot-hash">
            {article.snapshot ?? "—"}
          </dd>
        </div>
      </dl>
      <p class="muted small">{t("snapshot.safe")}</p>
      {article.snapshot ? (
        <iframe
          class="snapshot-frame"
          data-testid="snapshot-frame"
          title={t("snapshot.frame")}
          sandbox=""
          referrerpolicy="no-referrer"
          src={`/api/articles/${encodeURIComponent(article.id)}/snapshot`}
        />
      ) : (
        <p class="notice">{t("snapshot.none")}</p>
      )}
    </section>
  );
}

/** A link to an article's archived page, where there is one. */
export function SnapshotLink({
  articleId,
  snapshot,
}: {
  articleId: string;
  snapshot: string | null | undefined;
}) {
  const { t } = useI18n();
  if (!snapshot) return null;
  return (
    <a href={href(`/articles/${encodeURIComponent(articleId)}/snapshot`)} data-testid="snapshot-link">
      {t("snapshot.open")}
    </a>
  );
}
