/** Alerts of each kind, built by the real builders, for the notify tests. */
import { spikeAlert, watchlistAlert } from "../../../src/detect/alerts.ts";

export const now = new Date("2024-06-06T02:30:00Z");

export const tourismSpike = spikeAlert(
  { dimension: "theme", value: "tourism", measure: "negative" },
  {
    bucket: now.getTime(),
    count: 7,
    expected: 1.25,
    sd: 0.5,
    z: 6,
    score: 5,
    alert: true,
    ids: ["a1", "a2"],
  },
  now,
);

export const flaggedOutletKindSpike = spikeAlert(
  { dimension: "outlet_kind", value: "provincial_press", measure: "flagged" },
  { bucket: now.getTime(), count: 3, expected: 0.2, sd: 0.3, z: 5, score: 4, alert: true, ids: ["a3"] },
  now,
);

export const watchlistHit = watchlistAlert(
  { id: "mang-den", name: "Măng Đen <b>đất đai</b>", agency: "stnmt" },
  { id: "a4", themes: [{ id: "environment" }], agencies: ["ubnd_huyen"] },
  now,
);
