/**
 * `analyzeArticle`: one article in, everything Presswatch knows about it out — themes (with the
 * primary), agencies (mentioned and responsible), places and districts, relevance to the province,
 * tone, each with the evidence that decided it, and the analyzer version. Pure: no I/O; the plan
 * and the optional learned model are compiled once into an `Analyzer` and passed in.
 */
import type { Outlet, Plan } from "../plan/schema.ts";
import {
  type AgencyMention,
  type CompiledAgencies,
  compileAgencies,
  type ForeignMention,
  findAgencies,
  type ResponsibleAgency,
  responsibleAgency,
} from "./agencies.ts";
import { type ArticleInput, type PreparedDocument, prepareDocument } from "./document.ts";
import { articleFeatures } from "./features.ts";
import { type CompiledLearned, compileLearned, type LearnedModelData } from "./learned.ts";
import {
  type CompiledModel,
  compileThemeModel,
  DEFAULT_MODEL_SETTINGS,
  type ModelSettings,
  routeAgency,
  type ThemeModelData,
} from "./model.ts";
import {
  type CompiledGeography,
  compileGeography,
  type DistrictResult,
  findElsewhere,
  findMentions,
  type PlaceResult,
  placesAndDistricts,
} from "./places.ts";
import { type Relevance, relevanceLearned, scoreRelevance } from "./relevance.ts";
import { type CompiledNation, compileNation, relevanceFeatures } from "./relevanceFeatures.ts";
import {
  classifyThemes,
  classifyThemesLearned,
  DEFAULT_THEME_SETTINGS,
  type ThemeScore,
  type ThemeSettings,
} from "./themes.ts";
import {
  analyzeTone,
  type CompiledTone,
  compileTone,
  DEFAULT_TONE_SETTINGS,
  type ToneResult,
  type ToneSettings,
  toneLearned,
} from "./tone.ts";
import { analyzerVersion } from "./version.ts";
import { type CompiledVocabulary, compileVocabulary, scoreVocabulary } from "./vocabulary.ts";

export type { ArticleInput } from "./document.ts";

export interface AnalyzerSettings {
  themes: ThemeSettings;
  model: ModelSettings;
  tone: ToneSettings;
}

export const DEFAULT_SETTINGS: AnalyzerSettings = {
  themes: DEFAULT_THEME_SETTINGS,
  model: DEFAULT_MODEL_SETTINGS,
  tone: DEFAULT_TONE_SETTINGS,
};

export interface Analyzer {
  plan: Plan;
  version: string;
  settings: AnalyzerSettings;
  vocabulary: CompiledVocabulary;
  geography: CompiledGeography;
  agencies: CompiledAgencies;
  tone: CompiledTone;
  /** The naive Bayes theme model of the synthetic development sets (regression tests). */
  model: CompiledModel | null;
  /** The models learned from real reporting (learned.ts); null parts fall back to the vocabulary. */
  learned: CompiledLearned | null;
  nation: CompiledNation;
  /** Why a model given is not (wholly) used with this plan; the loader logs them. */
  warnings: string[];
  outlets: { byId: Map<string, Outlet>; byDomain: Map<string, Outlet> };
}

/** Compiles the plan (and the model, if any) for analysis. Do it once; analysis is then cheap. */
export function createAnalyzer(
  plan: Plan,
  model: ThemeModelData | LearnedModelData | null = null,
  settings: Partial<AnalyzerSettings> = {},
): Analyzer {
  const merged: AnalyzerSettings = { ...DEFAULT_SETTINGS, ...settings };
  const geography = compileGeography(plan);
  const learned = model && model.format === "presswatch-analyzer/2" ? compileLearned(model, plan) : null;
  const bayes = model && model.format !== "presswatch-analyzer/2" ? model : null;
  return {
    plan,
    version: analyzerVersion(plan, model?.id ?? null),
    settings: merged,
    vocabulary: compileVocabulary(plan),
    geography,
    agencies: compileAgencies(plan, geography.provinceKeys),
    tone: compileTone(),
    model: bayes ? compileThemeModel(bayes, merged.model) : null,
    learned,
    nation: compileNation(geography),
    warnings: learned?.warnings ?? [],
    outlets: {
      byId: new Map(plan.outlets.map((o) => [o.id, o])),
      byDomain: new Map(plan.outlets.flatMap((o) => o.domains.map((d) => [d, o] as const))),
    },
  };
}

/** The plan outlet an article comes from: the `outlet` id given, else the URL's host (or a parent domain). */
export function resolveOutlet(analyzer: Analyzer, input: ArticleInput): Outlet | null {
  if (input.outlet) {
    const outlet = analyzer.outlets.byId.get(input.outlet);
    if (outlet) return outlet;
  }
  if (!input.url) return null;
  let host: string;
  try {
    host = new URL(input.url).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (let name = host; name.includes("."); name = name.slice(name.indexOf(".") + 1)) {
    const outlet = analyzer.outlets.byDomain.get(name);
    if (outlet) return outlet;
  }
  return null;
}

export interface AgencyResult {
  id: string;
  name: string;
  group: string | null;
  role: "responsible" | "mentioned";
  mentions: number;
  evidence: AgencyMention["evidence"];
  /** For the responsible agency: named in the article, or owner of the primary theme. */
  reason?: ResponsibleAgency["reason"];
}

export interface ArticleAnalysis {
  analyzerVersion: string;
  url?: string;
  primaryTheme: string;
  themes: ThemeScore[];
  responsibleAgency: string | null;
  agencies: AgencyResult[];
  /** Agencies named but qualified by another province ("… tỉnh Gia Lai"): not the plan's. */
  foreignAgencies: ForeignMention[];
  places: PlaceResult[];
  districts: DistrictResult[];
  relevance: Relevance;
  tone: ToneResult;
  /** The plan outlet it came from, when known from `outlet` or the URL. */
  outlet: string | null;
  /** True when the text was typed without diacritics and matched accent-insensitively. */
  unmarked: boolean;
}

/** `prepared`: the input's `prepareDocument`, when the caller has it already (the pipeline reuses it). */
export function analyzeArticle(
  input: ArticleInput,
  model: Analyzer,
  prepared: PreparedDocument = prepareDocument(input),
): ArticleAnalysis {
  const analyzer = model;
  const doc = prepared;
  const vocab = scoreVocabulary(analyzer.vocabulary, doc);
  const lexiconTone = analyzeTone(analyzer.tone, doc, analyzer.settings.tone);
  const learned = analyzer.learned;
  const x =
    learned?.themes || learned?.tone ? articleFeatures(doc, { vocabulary: vocab, tone: lexiconTone }) : null;
  const themes =
    learned?.themes && x
      ? classifyThemesLearned(analyzer.plan, learned.themes, x, vocab, learned.secondaryFrom)
      : classifyThemes(
          analyzer.plan,
          analyzer.vocabulary,
          analyzer.model,
          doc,
          analyzer.settings.themes,
          vocab,
        );
  const tone = learned?.tone && x ? toneLearned(learned.tone, x, lexiconTone) : lexiconTone;
  const mentions = findMentions(analyzer.geography, doc);
  const found = findAgencies(analyzer.agencies, doc);
  const outlet = resolveOutlet(analyzer, input);
  const local =
    outlet && (outlet.kind === "provincial_press" || outlet.kind === "portal")
      ? { id: outlet.id, name: outlet.name }
      : null;
  const counted = scoreRelevance(mentions, found.mentions, {
    localOutlet: local,
    elsewhere: findElsewhere(analyzer.geography, doc),
  });
  const relevance = learned?.relevance
    ? relevanceLearned(
        learned.relevance,
        relevanceFeatures(doc, analyzer.geography, analyzer.nation, local !== null),
        counted,
      )
    : counted;
  const compiledModel = analyzer.model;
  const modelScores = themes.modelScores;
  const responsible = responsibleAgency(
    analyzer.plan,
    analyzer.agencies,
    found.mentions,
    { primary: themes.primary, all: themes.themes.map((t) => t.id) },
    relevance.relevant,
    (theme, owners) =>
      compiledModel && modelScores ? routeAgency(compiledModel, modelScores, theme, owners) : null,
  );
  const total = (m: AgencyMention) => Object.values(m.counts).reduce((a, b) => a + (b ?? 0), 0);
  const agencies: AgencyResult[] = found.mentions
    .map((m) => ({
      id: m.id,
      name: m.name,
      group: m.group,
      role: (responsible?.id === m.id ? "responsible" : "mentioned") as AgencyResult["role"],
      mentions: total(m),
      evidence: m.evidence,
      ...(responsible?.id === m.id ? { reason: responsible.reason } : {}),
    }))
    .sort((a, b) =>
      a.role === b.role
        ? b.mentions - a.mentions || a.id.localeCompare(b.id)
        : a.role === "responsible"
          ? -1
          : 1,
    );
  if (responsible && responsible.reason === "owner") {
    agencies.unshift({
      id: responsible.id,
      name: responsible.name,
      group: responsible.group,
      role: "responsible",
      mentions: 0,
      evidence: [],
      reason: "owner",
    });
  }
  const { places, districts } = placesAndDistricts(analyzer.plan, mentions);
  const result: ArticleAnalysis = {
    analyzerVersion: analyzer.version,
    primaryTheme: themes.primary,
    themes: themes.themes,
    responsibleAgency: responsible?.id ?? null,
    agencies,
    foreignAgencies: found.foreign,
    places,
    districts,
    relevance,
    tone,
    outlet: outlet?.id ?? null,
    unmarked: doc.unmarked,
  };
  if (typeof input.url === "string" && input.url.length > 0) result.url = input.url;
  return result;
}
