/**
 * Misinformation signals: the false-claim registry and its fuzzy matcher, source credibility,
 * sensational writing, contradiction of official statements in a story, and the combined score.
 * Pure, except `load.ts` which reads the configuration files.
 */

export {
  CLAIM_MATCH_SETTINGS,
  type ClaimIndex,
  type ClaimMatch,
  compileClaims,
  matchClaims,
} from "./claimMatch.ts";
export {
  type Claim,
  type ClaimCheck,
  type ClaimVerdict,
  type ConfigProblem,
  checkClaim,
  checkClaimText,
  claimSchema,
  SignalConfigError,
} from "./claims.ts";
export { type Credibility, type CredibilityConfig, credibilityLists, credibilityOf } from "./credibility.ts";
export { checkClaimsDir, loadClaims, loadCredibility } from "./load.ts";
export {
  type CompiledSignals,
  combine,
  compileSignals,
  type MisinformationReason,
  type MisinformationSignals,
  misinformationSignals,
  SIGNAL_WEIGHTS,
  type SignalArticle,
  type SignalContext,
  storedMisinformation,
} from "./signals.ts";
export { prepareText } from "./text.ts";
