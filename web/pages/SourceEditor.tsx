/**
 * Adding and editing outlets from the dashboard (the shape of a config/sources file, kept by the
 * API beside the sources' health), and the "test one fetch now" panel: what discovery finds and
 * what extraction gives, nothing stored. Files under config/sources are edited on disk.
 */
import { useState } from "preact/hooks";
import { manage, type OutletFile, type OutletRecord, type SourceTrial } from "../api/manage.ts";
import { ErrorMessage, SafeLink } from "../components/common.tsx";
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

const KINDS = ["feed", "sitemap", "listing"] as const;

interface Draft {
  version: number | null;
  outletId: string;
  name: string;
  homepage: string;
  sourceId: string;
  kind: (typeof KINDS)[number];
  url: string;
  selector: string;
  interval: string;
  browser: boolean;
  allowHosts: string;
  kept: OutletFile | null;
}

const EMPTY: Draft = {
  version: null,
  outletId: "",
  name: "",
  homepage: "",
  sourceId: "",
  kind: "feed",
  url: "",
  selector: "",
  interval: "15m",
  browser: false,
  allowHosts: "",
  kept: null,
};

function draftOf(record: OutletRecord): Draft {
  const value = record.value;
  const first = value.sources[0];
  return {
    version: record.version,
    outletId: value.outlet.id,
    name: value.outlet.name,
    homepage: value.outlet.homepage ?? "",
    sourceId: first?.id ?? "",
    kind: first?.kind ?? "feed",
    url: first?.url ?? "",
    selector: first?.selector ?? "",
    interval: first?.interval ?? "15m",
    browser: first?.render === "browser",
    allowHosts: (value.allow_private_hosts ?? []).join("\n"),
    kept: value,
  };
}

/** The outlet file a draft stands for; the form edits its first source, the others are kept. */
function outletOf(draft: Draft): OutletFile {
  const kept = draft.kept;
  const source = {
    id: draft.sourceId.trim(),
    kind: draft.kind,
    url: draft.url.trim(),
    ...(draft.selector.trim() && { selector: draft.selector.trim() }),
    ...(draft.interval.trim() && { interval: draft.interval.trim() }),
    ...(draft.browser && { render: "browser" as const }),
  };
  const hosts = lines(draft.allowHosts);
  const { allow_private_hosts: _hosts, ...rest } = kept ?? { outlet: { id: "", name: "" }, sources: [] };
  return {
    ...rest,
    outlet: {
      id: draft.outletId.trim(),
      name: draft.name.trim(),
      ...(draft.homepage.trim() && { homepage: draft.homepage.trim() }),
    },
    ...(hosts.length > 0 && { allow_private_hosts: hosts }),
    sources: [source, ...(kept?.sources.slice(1) ?? [])],
  };
}

export function SourceEditor({
  onSaved,
  trial,
  onTrial,
}: {
  onSaved(): void;
  trial:
    | { id: string; result: SourceTrial }
    | { id: string; error: unknown }
    | { id: string; running: true }
    | null;
  onTrial(run: () => Promise<SourceTrial>, id: string): void;
}) {
  const { t } = useI18n();
  const outlets = useLoad((signal) => manage.outlets(signal), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const update = (change: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...change }));

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const record =
        draft.version === null
          ? await manage.createOutlet(outletOf(draft))
          : await manage.updateOutlet(outletOf(draft), draft.version);
      setOutcome({
        ok: true,
        text: t(draft.version === null ? "sources.created" : "sources.updated", { id: record.id }),
      });
      setDraft(draftOf(record));
      outlets.reload();
      onSaved();
    } catch (error) {
      setOutcome({ ok: false, error });
    }
  };

  return (
    <div class="manage-grid">
      <Section
        id="outlet-form-title"
        title={draft.version === null ? t("sources.new") : t("sources.editTitle", { id: draft.outletId })}
      >
        {outlets.state === "error" && <ErrorMessage error={outlets.error} onRetry={outlets.reload} />}
        {outlets.data && outlets.data.outlets.length > 0 && (
          <div class="field">
            <label for="outlet-pick">{t("sources.editEntered")}</label>
            <select
              id="outlet-pick"
              value={draft.version === null ? "" : draft.outletId}
              onChange={(event) => {
                const record = outlets.data?.outlets.find((item) => item.id === event.currentTarget.value);
                setDraft(record ? draftOf(record) : EMPTY);
                setOutcome(null);
              }}
            >
              <option value="">{t("sources.newOutlet")}</option>
              {outlets.data.outlets.map((record) => (
                <option key={record.id} value={record.id}>
                  {record.value.outlet.name} ({record.id})
                </option>
              ))}
            </select>
          </div>
        )}
        <form onSubmit={save} data-testid="outlet-form">
          <TextField
            id="src-outlet-id"
            label={t("sources.outletId")}
            hint={t("sources.outletIdHint")}
            value={draft.outletId}
            required
            disabled={draft.version !== null}
            onChange={(outletId) => update({ outletId })}
          />
          <TextField
            id="src-name"
            label={t("sources.outletName")}
            value={draft.name}
            required
            onChange={(name) => update({ name })}
          />
          <TextField
            id="src-homepage"
            type="url"
            label={t("sources.homepage")}
            value={draft.homepage}
            onChange={(homepage) => update({ homepage })}
          />
          <TextField
            id="src-id"
            label={t("sources.sourceId")}
            hint={t("sources.sourceIdHint")}
            value={draft.sourceId}
            required
            onChange={(sourceId) => update({ sourceId })}
          />
          <SelectField
            id="src-kind"
            label={t("sources.kind")}
            value={draft.kind}
            options={KINDS.map((kind) => [kind, t(`sources.kind.${kind}`)])}
            onChange={(kind) => update({ kind: kind as Draft["kind"] })}
          />
          <TextField
            id="src-url"
            type="url"
            label={t("sources.url")}
            value={draft.url}
            required
            onChange={(url) => update({ url })}
          />
          {draft.kind === "listing" && (
            <TextField
              id="src-selector"
              label={t("sources.selector")}
              hint={t("sources.selectorHint")}
              value={draft.selector}
              required
              onChange={(selector) => update({ selector })}
            />
          )}
          <TextField
            id="src-interval"
            label={t("sources.interval")}
            hint={t("sources.intervalHint")}
            value={draft.interval}
            onChange={(interval) => update({ interval })}
          />
          <p>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={draft.browser}
                onChange={(event) => update({ browser: event.currentTarget.checked })}
              />{" "}
              {t("sources.browser")}
            </label>
          </p>
          <details>
            <summary>{t("sources.advanced")}</summary>
            <TextArea
              id="src-allow"
              label={t("sources.allowHosts")}
              hint={t("sources.allowHostsHint")}
              value={draft.allowHosts}
              onChange={(allowHosts) => update({ allowHosts })}
            />
          </details>
          <div class="actions">
            <button type="submit">
              {draft.version === null ? t("manage.create") : t("manage.saveChanges")}
            </button>
            <button
              type="button"
              class="secondary"
              data-testid="outlet-test"
              onClick={() =>
                onTrial(
                  () => manage.testSource({ outlet: outletOf(draft) }),
                  draft.sourceId || t("sources.draft"),
                )
              }
            >
              {t("sources.testDraft")}
            </button>
          </div>
          <SaveOutcome outcome={outcome} />
        </form>
      </Section>
      <TrialPanel trial={trial} />
    </div>
  );
}

function TrialPanel({ trial }: { trial: Parameters<typeof SourceEditor>[0]["trial"] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Section
      id="trial-title"
      title={trial ? t("sources.trialOf", { id: trial.id }) : t("sources.trialTitle")}
    >
      <div aria-live="polite" data-testid="source-trial">
        {!trial && <p class="muted">{t("sources.trialHint")}</p>}
        {trial && "running" in trial && <p role="status">{t("sources.trialRunning")}</p>}
        {trial && "error" in trial && <ErrorMessage error={trial.error} />}
        {trial && "result" in trial && (
          <>
            {trial.result.notes.map((note) => (
              <p key={note} class="notice">
                {i18n.tOr(`sources.note.${note}`, note)}
              </p>
            ))}
            {trial.result.discovery.ok ? (
              <>
                <h3>{t("sources.found", { count: trial.result.discovery.found })}</h3>
                <ol class="small" data-testid="trial-entries">
                  {trial.result.discovery.entries.map((entry) => (
                    <li key={entry.url}>
                      <SafeLink url={entry.url}>{entry.title ?? entry.url}</SafeLink>
                      {entry.published_raw && <span class="muted"> · {entry.published_raw}</span>}
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p class="notice error" data-testid="trial-error">
                <strong>{trial.result.discovery.error.kind}</strong>: {trial.result.discovery.error.message}
              </p>
            )}
            {trial.result.articles.length > 0 && <h3>{t("sources.extracted")}</h3>}
            {trial.result.articles.map((article) => (
              <article key={article.url} class="trial-article" data-testid="trial-article">
                {article.ok ? (
                  <>
                    <h4>{article.title}</h4>
                    <p class="muted small">
                      {i18n.dateTime(article.published_at ?? null)} ·{" "}
                      {t("sources.words", { count: article.words ?? 0 })}
                      {article.author && ` · ${article.author}`} ·{" "}
                      <SafeLink url={article.url}>{t("sources.page")}</SafeLink>
                    </p>
                    {article.lead && (
                      <p>
                        <strong>{article.lead}</strong>
                      </p>
                    )}
                    <p class="small">{article.body_start}…</p>
                  </>
                ) : (
                  <p class="notice error">
                    <SafeLink url={article.url} />: <strong>{article.error?.kind}</strong>{" "}
                    {article.error?.message}
                  </p>
                )}
              </article>
            ))}
          </>
        )}
      </div>
    </Section>
  );
}
