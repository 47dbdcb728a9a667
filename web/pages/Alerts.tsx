/**
 * Alerts: the list, kept up to date by the server-sent event stream. New alerts are announced to
 * screen readers through a polite live region.
 */
import { useEffect, useState } from "preact/hooks";
import { ALERT_STREAM_URL, api } from "../api/client.ts";
import type { Alert } from "../api/types.ts";
import { Badge, ErrorMessage, Loading, PageTitle } from "../components/common.tsx";
import { type I18n, useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href } from "../lib/router.ts";
import { type Session, useSession } from "../lib/session.ts";

/**
 * The alert's title in the reader's language, from its fields; the stored title (English, for
 * logs and e-mail) when the kind is not one the dashboard knows.
 */
export function alertTitle(alert: Alert, session: Session, i18n: I18n): string {
  const { evidence, scope } = alert;
  if (alert.kind === "spike" && evidence.count !== undefined && evidence.expected !== undefined) {
    return i18n.t("alerts.title.spike", {
      measure: scope.measure ? i18n.tOr(`alerts.measure.${scope.measure}`, scope.measure) : "",
      where: whereOf(alert, session, i18n),
      count: evidence.count,
      at: i18n.dateTime(evidence.bucket_start ?? alert.created_at),
      expected: i18n.number(Math.round(evidence.expected * 10) / 10),
    });
  }
  if (alert.kind === "rumour" && evidence.outlets && evidence.window_minutes !== undefined) {
    return i18n.t("alerts.title.rumour", {
      outlets: evidence.outlets.length,
      minutes: evidence.window_minutes,
    });
  }
  if (alert.kind === "rumour" && scope.claim_id)
    return i18n.t("alerts.title.claim", { claim: scope.claim_id });
  return alert.title;
}

/**
 * What happened, in the reader's language: the story's headline, the outlets, the first and
 * latest article times, its tone and why it alerted; with `full` (the alert's own page) also its
 * themes, agencies and the count against the baseline. Absent for alerts raised before stories
 * were described.
 */
export function AlertStory({ alert, full = false }: { alert: Alert; full?: boolean }) {
  const i18n = useI18n();
  const session = useSession();
  const story = alert.evidence.story;
  const reasons = alert.evidence.reasons ?? [];
  if (!story) return null;
  const outlets = story.outlets.map((outlet) => session.label("outlet", outlet));
  const themes = (story.themes.length ? story.themes : alert.themes).map((id) => session.label("theme", id));
  const agencies = (story.agencies.length ? story.agencies : alert.agencies).map((id) =>
    session.label("agency", id),
  );
  const { count, expected } = alert.evidence;
  return (
    <div class="alert-story" data-testid="alert-story">
      {story.headline && (
        <p data-testid="alert-headline">{i18n.t("alerts.story.headline", { headline: story.headline })}</p>
      )}
      <p data-testid="alert-outlets">
        {i18n.t("alerts.story.outlets", { count: outlets.length, outlets: outlets.join(", ") })}
      </p>
      {story.first_at && story.latest_at && (
        <p data-testid="alert-times">
          {i18n.t("alerts.story.times", {
            first: i18n.dateTime(story.first_at),
            latest: i18n.dateTime(story.latest_at),
          })}
        </p>
      )}
      {full && themes.length > 0 && (
        <p data-testid="alert-themes">{i18n.t("alerts.story.themes", { themes: themes.join(", ") })}</p>
      )}
      {full && agencies.length > 0 && (
        <p data-testid="alert-agencies">
          {i18n.t("alerts.story.agencies", { agencies: agencies.join(", ") })}
        </p>
      )}
      <p data-testid="alert-tone">
        {i18n.t("alerts.story.tone", {
          tone: i18n.tOr(`tone.${story.tone.label}`, story.tone.label),
          negative: story.tone.negative,
          articles: story.articles,
        })}
      </p>
      {full && count !== undefined && expected !== undefined && (
        <p data-testid="alert-evidence">
          {i18n.t("alerts.story.evidence", { count, baseline: i18n.number(Math.round(expected * 10) / 10) })}
        </p>
      )}
      {reasons.length > 0 && (
        <p data-testid="alert-why">
          {i18n.t("alerts.story.why", {
            reasons: reasons.map((reason) => i18n.tOr(`alerts.reason.${reason}`, reason)).join(", "),
          })}
        </p>
      )}
    </div>
  );
}

function whereOf(alert: Alert, session: Session, i18n: I18n): string {
  const { dimension, value } = alert.scope;
  if (value === undefined) return "";
  if (dimension === "theme") return session.label("theme", value);
  if (dimension === "agency") return session.label("agency", value);
  if (dimension === "outlet_kind") return i18n.tOr(`outletKind.${value}`, value);
  return value;
}

/** "bài tiêu cực · Du lịch": what the alert counts, and where. */
export function alertScope(alert: Alert, session: Session, i18n: I18n): string {
  const { measure } = alert.scope;
  const where = whereOf(alert, session, i18n);
  return [
    measure && i18n.tOr(`alerts.measure.${measure}`, measure),
    where,
    ...alert.themes.map((theme) => session.label("theme", theme)),
  ]
    .filter((part, i, all) => part && all.indexOf(part) === i)
    .join(" · ");
}

export function Alerts() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const result = useLoad((signal) => api.alerts({ limit: 100 }, signal), []);
  const [live, setLive] = useState<Alert[]>([]);
  const [connected, setConnected] = useState<boolean | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const available = result.state === "ok";

  useEffect(() => {
    if (!available) return;
    const source = new EventSource(ALERT_STREAM_URL, { withCredentials: true });
    const receive = (event: MessageEvent<string>) => {
      let alert: Alert;
      try {
        alert = JSON.parse(event.data) as Alert;
      } catch {
        return;
      }
      if (!alert || typeof alert.id !== "string") return;
      setLive((previous) => [alert, ...previous.filter((item) => item.id !== alert.id)]);
      setAnnouncement(t("alerts.new", { title: alertTitle(alert, session, i18n) }));
    };
    source.addEventListener("alert", receive as EventListener);
    source.onmessage = receive;
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [available, t, session, i18n]);

  if (result.state === "error") return <ErrorMessage error={result.error} onRetry={result.reload} />;
  if (!result.data) return <Loading />;
  const seen = new Set(live.map((alert) => alert.id));
  const alerts = [...live, ...result.data.alerts.filter((alert) => !seen.has(alert.id))];

  return (
    <div class="alerts-page">
      <PageTitle>{t("alerts.title")}</PageTitle>
      <p class="live" data-testid="live-state">
        <span class={`live-dot ${connected ? "on" : ""}`} aria-hidden="true" />
        {connected === false ? t("alerts.liveOff") : t("alerts.liveOn")}
      </p>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {alerts.length === 0 ? (
        <p class="notice">{t("alerts.none")}</p>
      ) : (
        <div class="table-wrap card">
          <table data-testid="alerts">
            <thead>
              <tr>
                <th scope="col">{t("alerts.created")}</th>
                <th scope="col">{t("alerts.kind")}</th>
                <th scope="col">{t("alerts.what")}</th>
                <th scope="col">{t("alerts.scope")}</th>
                <th scope="col">{t("alerts.state")}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => (
                <tr key={alert.id} data-alert-id={alert.id}>
                  <td>{i18n.dateTime(alert.created_at)}</td>
                  <td>{i18n.tOr(`alerts.kind.${alert.kind}`, alert.kind)}</td>
                  <th scope="row">
                    <a href={href(`/alerts/${encodeURIComponent(alert.id)}`)}>
                      {alertTitle(alert, session, i18n)}
                    </a>
                    <AlertStory alert={alert} />
                  </th>
                  <td>{alertScope(alert, session, i18n)}</td>
                  <td>
                    <Badge kind={alert.state}>{i18n.tOr(`alerts.state.${alert.state}`, alert.state)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
