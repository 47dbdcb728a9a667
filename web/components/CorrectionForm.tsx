/**
 * The coordinator's correction of an article's analysis: primary theme, tone, responsible agency,
 * relevance. Saved through PUT /api/articles/:id/correction; the article comes back with the
 * corrected values (already counted in coverage) and the correction in force is shown with who
 * made it, when, and what the analyzer had said.
 */
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { ArticleCorrection, ArticleDoc, Tone } from "../api/types.ts";
import { useI18n } from "../i18n/index.ts";
import { useSession } from "../lib/session.ts";
import { ErrorMessage } from "./common.tsx";

const TONES: Tone[] = ["negative", "neutral", "positive"];

export function CorrectionNote({ correction }: { correction: ArticleCorrection }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const said = correction.analyzer;
  return (
    <div class="notice" data-testid="correction-note">
      <p>
        {t("correction.madeBy", { by: correction.by, at: i18n.dateTime(correction.at) })}
        {correction.note && <> — {correction.note}</>}
      </p>
      <p class="muted">
        {t("correction.analyzerSaid", {
          theme: session.label("theme", said.primary_theme),
          tone: t(`tone.${said.tone}`),
        })}
      </p>
    </div>
  );
}

export function CorrectionForm({
  article,
  onSaved,
}: {
  article: ArticleDoc;
  onSaved: (result: { article: ArticleDoc; correction: ArticleCorrection }) => void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const [theme, setTheme] = useState(article.primary_theme);
  const [tone, setTone] = useState<Tone>(article.tone.label);
  const [agency, setAgency] = useState(article.agencies[0] ?? "");
  const [relevant, setRelevant] = useState<"" | "yes" | "no">("");
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save(event: Event) {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (theme !== article.primary_theme)
      body.themes = [
        theme,
        ...article.themes.map((x) => x.id).filter((id) => id !== theme && id !== article.primary_theme),
      ];
    if (tone !== article.tone.label) body.tone = tone;
    if (agency !== (article.agencies[0] ?? "")) body.agency = agency || null;
    if (relevant) body.relevant = relevant === "yes";
    if (Object.keys(body).length === 0) {
      setError(new Error(t("correction.nothing")));
      return;
    }
    if (note.trim()) body.note = note.trim();
    setSaving(true);
    setError(null);
    try {
      onSaved(await api.correctArticle(article.id, body));
      setNote("");
      setRelevant("");
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="correction" onSubmit={save} data-testid="correction-form" aria-labelledby="correction-title">
      <h2 id="correction-title" class="small-heading">
        {t("correction.title")}
      </h2>
      <label>
        {t("correction.theme")}
        <select value={theme} onChange={(e) => setTheme((e.target as HTMLSelectElement).value)}>
          {session.options("theme").map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("correction.tone")}
        <select value={tone} onChange={(e) => setTone((e.target as HTMLSelectElement).value as Tone)}>
          {TONES.map((value) => (
            <option key={value} value={value}>
              {t(`tone.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("correction.agency")}
        <select value={agency} onChange={(e) => setAgency((e.target as HTMLSelectElement).value)}>
          <option value="">{t("correction.noAgency")}</option>
          {session.options("agency").map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("correction.relevant")}
        <select
          value={relevant}
          onChange={(e) => setRelevant((e.target as HTMLSelectElement).value as "" | "yes" | "no")}
        >
          <option value="">{t("correction.unchanged")}</option>
          <option value="yes">{t("correction.yes")}</option>
          <option value="no">{t("correction.no")}</option>
        </select>
      </label>
      <label>
        {t("correction.note")}
        <input
          type="text"
          value={note}
          maxLength={1000}
          onInput={(e) => setNote((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit" disabled={saving}>
        {t("correction.save")}
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </form>
  );
}
