/** Small shared pieces: loading and error states, highlighted text, badges, page headings. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ApiError } from "../api/client.ts";
import { useI18n } from "../i18n/index.ts";
import { highlightSegments } from "../lib/highlight.ts";

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" role="status" aria-live="polite">
      {t("app.loading")}
    </p>
  );
}

/** The API answers an unknown route with 404 "no route …": the feature's API is not there yet. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.message.startsWith("no route");
}

/** An error as the user should read it: missing API, missing right, or the server's message. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  let text: string;
  if (isMissingRoute(error)) {
    text = t("app.unavailable");
  } else if (error instanceof ApiError && error.status === 403) {
    text = `${t("app.forbidden")} (${error.message})`;
  } else {
    text = t("app.error", { message: error instanceof Error ? error.message : String(error) });
  }
  return (
    <div class="notice error" role="alert">
      <p>{text}</p>
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}

/** A search highlight: only the highlighter's <mark> tags become elements; the rest is text. */
export function Highlighted({ fragment }: { fragment: string }) {
  return (
    <>
      {highlightSegments(fragment).map((segment, i) =>
        segment.mark ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
      )}
    </>
  );
}

export function Badge({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}

/** The page's heading, focused on navigation so keyboard and screen-reader users land on it. */
export function PageTitle({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} class="page-title">
      {children}
    </h1>
  );
}

/** Only http(s) links are followed; anything else (javascript:, data:) is shown as text. */
export function SafeLink({
  url,
  children,
}: {
  url: string | null | undefined;
  children?: ComponentChildren;
}) {
  if (!url) return null;
  let ok = false;
  try {
    const parsed = new URL(url);
    ok = parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    ok = false;
  }
  if (!ok) return <span class="muted">{url}</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow">
      {children ?? url}
    </a>
  );
}
