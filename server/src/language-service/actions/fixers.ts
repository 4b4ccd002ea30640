import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { addEnvironmentalCriterion, addPriceCriterion, fixSubCriteria, normaliseWeights } from './criteriaFixes';
import { addRat, fixAbnormallyLowOffers } from './consultationFixes';
import type { FixContext } from './fixContext';
import { addReview, liftReserve } from './followUpFixes';
import { createMissingTarget, replaceMisspelling } from './referenceFixes';
import { addCatalogueRisk, pickOwnerForIncomplete, pickOwnerForUnknown } from './riskFixes';

/** A quick fix of one diagnostic, computed from its `code` and `data` only (never its message). */
export type Fixer = (ctx: FixContext, diag: Diagnostic) => CodeAction[];

/**
 * Every quick fix, by name. A rule declares the fixes of its diagnostics by these names (`fixes` on the rule,
 * rules/types.ts), so a fix cannot be keyed by a misspelt code and a misspelt name fails the type check.
 */
export const FIXERS = {
  addPriceCriterion,
  addEnvironmentalCriterion,
  normaliseWeights,
  fixSubCriteria,
  fixAbnormallyLowOffers,
  addRat,
  pickOwnerForUnknown,
  createMissingTarget,
  pickOwnerForIncomplete,
  replaceMisspelling,
  liftReserve,
  addCatalogueRisk,
  addReview,
} satisfies Record<string, Fixer>;

export type FixerName = keyof typeof FIXERS;
