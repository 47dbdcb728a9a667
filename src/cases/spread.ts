/**
 * After the official response: is the correction reaching people as the rumour did? Given the
 * case's articles with their stance on the claim (from the signals) and the time of the response,
 * counts per hour how many articles and outlets spread the rumour and how many the correction.
 */
import { claimStances } from "../signals/signals.ts";
export interface SpreadArticle {
  id: string;
  outlet: string;
  /** When it was published or first seen (ISO). */
  at: string;
  stance: "asserts" | "refutes";
}

export interface SpreadPoint {
  hour: string;
  rumour: number;
  correction: number;
}

export interface SpreadComparison {
  rumour: { articles: number; outlets: number; after_response: number };
  correction: { articles: number; outlets: number };
  /** Correction outlets over rumour outlets (1 means the correction reached as many outlets). */
  reach_ratio: number | null;
  hourly: SpreadPoint[];
}

export function compareSpread(
  articles: readonly SpreadArticle[],
  responseAt: string | null,
): SpreadComparison {
  const rumour = articles.filter((article) => article.stance === "asserts");
  const correction = articles.filter((article) => article.stance === "refutes");
  const outlets = (list: readonly SpreadArticle[]) => new Set(list.map((article) => article.outlet)).size;
  const response = responseAt ? Date.parse(responseAt) : null;
  const hours = new Map<string, SpreadPoint>();
  for (const article of articles) {
    const hour = `${new Date(Math.floor(Date.parse(article.at) / 3_600_000) * 3_600_000).toISOString().slice(0, 13)}:00Z`;
    const point = hours.get(hour) ?? { hour, rumour: 0, correction: 0 };
    if (article.stance === "asserts") point.rumour++;
    else point.correction++;
    hours.set(hour, point);
  }
  const rumourOutlets = outlets(rumour);
  return {
    rumour: {
      articles: rumour.length,
      outlets: rumourOutlets,
      after_response:
        response === null ? 0 : rumour.filter((article) => Date.parse(article.at) >= response).length,
    },
    correction: { articles: correction.length, outlets: outlets(correction) },
    reach_ratio: rumourOutlets ? Math.round((outlets(correction) / rumourOutlets) * 1000) / 1000 : null,
    hourly: [...hours.values()].sort((a, b) => a.hour.localeCompare(b.hour)),
  };
}

/**
 * The case's spread from the stored articles of its stories: an article counts for the rumour when
 * it repeats one of the case's claims and for the correction when it refutes one (any registered
 * claim when the case names none). Articles that do neither are not part of the spread.
 */
export function caseSpread(
  docs: ReadonlyArray<{
    id: string;
    outlet: string;
    published_at: string | null;
    fetched_at: string;
    misinformation?: { reasons: string[] } | undefined;
  }>,
  claimIds: readonly string[],
  responseAt: string | null,
): SpreadComparison {
  const wanted = new Set(claimIds);
  const articles = docs.flatMap((doc): SpreadArticle[] => {
    const stances = claimStances(doc.misinformation?.reasons ?? []).filter(
      (item) => wanted.size === 0 || wanted.has(item.claim_id),
    );
    if (stances.length === 0) return [];
    // A piece that both quotes the rumour and refutes it is a correction.
    const stance = stances.some((item) => item.stance === "refutes") ? "refutes" : "asserts";
    return [{ id: doc.id, outlet: doc.outlet, at: doc.published_at ?? doc.fetched_at, stance }];
  });
  return compareSpread(articles, responseAt);
}
