/**
 * Obligations at risk as alerts: the early warnings of an evaluation (src/contracts/warnings.ts)
 * turned into "obligation" alerts and stored. The store is passed in; storing an alert raised
 * before is a no-op (its id is fixed by obligation, outlet and period), so a daily re-run reports
 * it as already raised instead of duplicating it.
 */
import type { Evaluation } from "../contracts/obligationStatus.ts";
import { obligationWarnings } from "../contracts/warnings.ts";
import type { Alert } from "../model/alert.ts";
import { obligationAlert } from "./alerts.ts";

export interface AlertSink {
  put(alert: Alert, options?: { refresh?: boolean }): Promise<{ created: boolean }>;
}

export interface ObligationAlerts {
  raised: Alert[];
  /** At risk still, and already raised by an earlier run. */
  already: Alert[];
}

export async function raiseObligationAlerts(
  evaluation: Evaluation,
  alerts: AlertSink,
  now: Date = new Date(),
): Promise<ObligationAlerts> {
  const result: ObligationAlerts = { raised: [], already: [] };
  for (const warning of obligationWarnings(evaluation)) {
    const alert = obligationAlert(warning, now);
    const { created } = await alerts.put(alert, { refresh: true });
    (created ? result.raised : result.already).push(alert);
  }
  return result;
}
