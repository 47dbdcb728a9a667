/**
 * The registry of false claims: register a claim with its official refutation, edit one entered
 * here (files under config/claims are read-only), and see the stories whose articles repeat or
 * refute it. The analysis reads the registry again every minute, so a new claim is matched on the
 * next articles without a restart.
 */
import { useState } from "preact/hooks";
import { type Claim, type ClaimEntry, manage } from "../api/manage.ts";
import { Badge, ErrorMessage, Loading, PageTitle, SafeLink } from "../components/common.tsx";
import {
  lines,
  type Outcome,
  SaveOutcome,
  Section,
  SelectField,
  TextArea,
  TextField,
} from "../components/forms.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href } from "../lib/router.ts";
import { useSession } from "../lib/session.ts";

const VERDICTS = ["false", "misleading", "scam"] as const;

interface Draft {
  version: number | null;
  id: string;
  title: string;
  claim: string;
  verdict: Claim["verdict"];
  correctionUrl: string;
  correctionSummary: string;
  /** One key term per line; alternatives separated by "|". */
  keyTerms: string;
  phrasings: string;
  agency: string;
  kept: Partial<Claim>;
}

const EMPTY: Draft = {
  version: null,
  id: "",
  title: "",
  claim: "",
  verdict: "false",
  correctionUrl: "",
  correctionSummary: "",
  keyTerms: "",
  phrasings: "",
  agency: "",
  kept: {},
};

function draftOf(entry: ClaimEntry): Draft {
  const { claim } = entry;
  return {
    version: entry.version,
    id: claim.id,
    title: claim.title,
    claim: claim.claim,
    verdict: claim.verdict,
    correctionUrl: claim.correction.url,
    correctionSummary: claim.correction.summary ?? "",
    keyTerms: claim.key_terms.map((alternatives) => alternatives.join(" | ")).join("\n"),
    phrasings: claim.phrasings.join("\n"),
    agency: claim.agency ?? "",
    kept: claim,
  };
}

function claimOf(draft: Draft): Claim {
  const { themes = [], places = [] } = draft.kept;
  return {
    id: draft.id.trim(),
    title: draft.title,
    claim: draft.claim,
    verdict: draft.verdict,
    correction: {
      url: draft.correctionUrl.trim(),
      ...(draft.correctionSummary.trim() && { summary: draft.correctionSummary.trim() }),
    },
    key_terms: lines(draft.keyTerms).map((line) =>
      line
        .split("|")
        .map((term) => term.trim())
        .filter(Boolean),
    ),
    phrasings: lines(draft.phrasings),
    themes,
    places,
    ...(draft.agency && { agency: draft.agency }),
  };
}

export function Claims() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const canWrite = session.can("claims.write");
  const list = useLoad((signal) => manage.claims(signal), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [shown, setShown] = useState<string | null>(null);
  const update = (change: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...change }));

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const entry =
        draft.version === null
          ? await manage.createClaim(claimOf(draft))
          : await manage.updateClaim(claimOf(draft), draft.version);
      setOutcome({
        ok: true,
        text: t(draft.version === null ? "claims.created" : "claims.updated", { id: entry.id }),
      });
      setDraft(draftOf(entry));
      list.reload();
    } catch (error) {
      setOutcome({ ok: false, error });
    }
  };

  return (
    <div class="claims-page">
      <PageTitle>{t("claims.title")}</PageTitle>
      <p class="muted">{t("claims.intro")}</p>
      {list.state === "error" && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!list.data && list.state === "loading" && <Loading />}
      {list.data && (
        <Section id="claims-list" title={t("claims.list")}>
          <div class="table-wrap">
            <table data-testid="claims">
              <thead>
                <tr>
                  <th scope="col">{t("claims.claimTitle")}</th>
                  <th scope="col">{t("claims.verdict")}</th>
                  <th scope="col">{t("claims.correction")}</th>
                  <th scope="col">{t("manage.origin")}</th>
                  <th scope="col">{t("manage.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.claims.map((entry) => (
                  <tr key={entry.id} data-claim={entry.id}>
                    <th scope="row">
                      {entry.claim.title}
                      <div class="muted small">{entry.id}</div>
                    </th>
                    <td>
                      <Badge kind="tone-negative">{t(`claims.verdict.${entry.claim.verdict}`)}</Badge>
                    </td>
                    <td>
                      <SafeLink url={entry.claim.correction.url}>
                        {entry.claim.correction.summary ?? t("claims.correctionLink")}
                      </SafeLink>
                    </td>
                    <td>
                      {entry.read_only
                        ? t("manage.fromFile")
                        : t("manage.fromDashboard", {
                            by: entry.updated_by ?? "",
                            at: i18n.date(entry.updated_at),
                          })}
                    </td>
                    <td>
                      <div class="actions">
                        <button
                          type="button"
                          class="secondary"
                          aria-expanded={shown === entry.id}
                          onClick={() => setShown(shown === entry.id ? null : entry.id)}
                        >
                          {t("claims.matches")}
                          <span class="visually-hidden"> {entry.claim.title}</span>
                        </button>
                        {canWrite && !entry.read_only && (
                          <button
                            type="button"
                            class="secondary"
                            onClick={() => {
                              setDraft(draftOf(entry));
                              setOutcome(null);
                            }}
                          >
                            {t("manage.edit")}
                            <span class="visually-hidden"> {entry.claim.title}</span>
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
      {shown && (
        <ClaimMatches
          id={shown}
          title={list.data?.claims.find((entry) => entry.id === shown)?.claim.title ?? shown}
        />
      )}
      {canWrite && (
        <Section
          id="claim-form-title"
          title={draft.version === null ? t("claims.new") : t("claims.editTitle", { id: draft.id })}
        >
          <form onSubmit={save} data-testid="claim-form">
            <div class="manage-grid">
              <div>
                <TextField
                  id="claim-id"
                  label={t("claims.id")}
                  hint={t("claims.idHint")}
                  value={draft.id}
                  required
                  disabled={draft.version !== null}
                  onChange={(id) => update({ id })}
                />
                <TextField
                  id="claim-title"
                  label={t("claims.claimTitle")}
                  value={draft.title}
                  required
                  onChange={(title) => update({ title })}
                />
                <TextArea
                  id="claim-text"
                  label={t("claims.claimText")}
                  value={draft.claim}
                  required
                  onChange={(claim) => update({ claim })}
                />
                <SelectField
                  id="claim-verdict"
                  label={t("claims.verdict")}
                  value={draft.verdict}
                  options={VERDICTS.map((verdict) => [verdict, t(`claims.verdict.${verdict}`)])}
                  onChange={(verdict) => update({ verdict: verdict as Claim["verdict"] })}
                />
                <SelectField
                  id="claim-agency"
                  label={t("claims.agency")}
                  value={draft.agency}
                  none={t("claims.noAgency")}
                  options={session.options("agency")}
                  onChange={(agency) => update({ agency })}
                />
              </div>
              <div>
                <TextField
                  id="claim-correction"
                  type="url"
                  label={t("claims.correctionUrl")}
                  value={draft.correctionUrl}
                  required
                  onChange={(correctionUrl) => update({ correctionUrl })}
                />
                <TextArea
                  id="claim-summary"
                  label={t("claims.correctionSummary")}
                  value={draft.correctionSummary}
                  onChange={(correctionSummary) => update({ correctionSummary })}
                />
                <TextArea
                  id="claim-terms"
                  label={t("claims.keyTerms")}
                  hint={t("claims.keyTermsHint")}
                  value={draft.keyTerms}
                  required
                  onChange={(keyTerms) => update({ keyTerms })}
                />
                <TextArea
                  id="claim-phrasings"
                  label={t("claims.phrasings")}
                  hint={t("claims.phrasingsHint")}
                  value={draft.phrasings}
                  required
                  onChange={(phrasings) => update({ phrasings })}
                />
              </div>
            </div>
            <div class="actions">
              <button type="submit">
                {draft.version === null ? t("manage.create") : t("manage.saveChanges")}
              </button>
              {draft.version !== null && (
                <button
                  type="button"
                  class="secondary"
                  onClick={() => {
                    setDraft(EMPTY);
                    setOutcome(null);
                  }}
                >
                  {t("manage.newInstead")}
                </button>
              )}
            </div>
            <SaveOutcome outcome={outcome} />
          </form>
        </Section>
      )}
    </div>
  );
}

function ClaimMatches({ id, title }: { id: string; title: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const result = useLoad((signal) => manage.claimMatches(id, signal), [id]);
  return (
    <Section id="claim-matches-title" title={t("claims.matchesTitle", { title })}>
      <div aria-live="polite" data-testid="claim-matches">
        {result.state === "error" && <ErrorMessage error={result.error} onRetry={result.reload} />}
        {!result.data && result.state === "loading" && <Loading />}
        {result.data && result.data.stories.length === 0 && <p class="muted">{t("claims.noMatches")}</p>}
        {result.data?.stories.map((story) => (
          <div key={story.story_id} class="claim-story" data-story={story.story_id}>
            <h3>{t("claims.story", { at: i18n.dateTime(story.first_at), count: story.articles.length })}</h3>
            <ul>
              {story.articles.map((article) => (
                <li key={article.id} data-article={article.id}>
                  <a href={href(`/articles/${encodeURIComponent(article.id)}`)}>{article.title}</a>
                  <span class="muted small">
                    {" "}
                    · {session.label("outlet", article.outlet)} · {i18n.dateTime(article.published_at)}
                  </span>{" "}
                  <Badge kind={article.stance === "refutes" ? "tone-positive" : "tone-negative"}>
                    {i18n.tOr(`claims.stance.${article.stance}`, article.stance)}
                  </Badge>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </Section>
  );
}
