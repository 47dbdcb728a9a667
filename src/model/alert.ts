/**
 * The alert: what the detectors raise for people to look at (a spike, a rumour, a watchlist match,
 * an obligation at risk), as stored in the alerts index and sent by the notifications. Part of the
 * domain model: it imports nothing; the builders are in src/detect/alerts.ts, the store in
 * src/store/alerts.ts.
 */

export type AlertKind = "spike" | "rumour" | "watchlist" | "obligation";
export type AlertState = "open" | "acknowledged" | "closed";

export interface AlertEvidence {
  article_ids: string[];
  /** Spike: the bucket's count so far, its expected count and the detector's scores. */
  count?: number;
  expected?: number;
  z?: number;
  score?: number;
  /** Spike: the count of the bucket before, the change's z-score, and the record count beaten. */
  previous?: number;
  change_z?: number;
  record?: number;
  bucket_start?: string;
  /** Rumour: the outlets that carried the story within the window, and the claims matched. */
  outlets?: string[];
  window_minutes?: number;
  claim_ids?: string[];
  /** Rumour: what made the spread a crisis (rumours.ts); spike: the measure and the budget. */
  reasons?: string[];
  /** What happened: the story behind the alert, for the list, the e-mail and the webhook. */
  story?: AlertStory;
  /** Spike: the alert budget in force when it was raised (src/detect/budget.ts). */
  budget?: { min_spacing_minutes: number; daily_cap: number | null; alerts_today: number };
  /** Obligation at risk: which, for which outlet and period, and how far behind. */
  obligation?: string;
  outlet?: string | null;
  period?: string;
  ends_at?: string;
  required?: number;
  counted?: number;
  expected_by_now?: number;
}

/**
 * The story behind an alert, from its evidence articles (src/detect/describe.ts): enough to tell at
 * a glance what happened without opening it.
 */
export interface AlertStory {
  /** The first article's headline, as the outlet printed it. */
  headline: string | null;
  /** Other headlines among the evidence (up to 3), when they differ. */
  other_headlines: string[];
  outlets: string[];
  first_at: string | null;
  latest_at: string | null;
  themes: string[];
  agencies: string[];
  /** Evidence articles per tone, and the tone most of them have. */
  tone: { label: "negative" | "neutral" | "positive"; negative: number; neutral: number; positive: number };
  articles: number;
}

export interface Alert {
  id: string;
  kind: AlertKind;
  /** Why, in one line (Vietnamese labels are for the dashboard; this is for logs and e-mail). */
  title: string;
  scope: {
    dimension?: "theme" | "agency" | "outlet_kind";
    value?: string;
    measure?: "negative" | "flagged";
    story_id?: string;
    claim_id?: string;
    watchlist_id?: string;
  };
  evidence: AlertEvidence;
  /** For routing and for agency users, who see their own. */
  themes: string[];
  agencies: string[];
  state: AlertState;
  created_at: string;
  acknowledged_at: string | null;
}
