import { SymbolKind } from 'vscode-languageserver-types';
import type { IdKind } from '../idIndex';
import type { Msg } from '../types';

/** The outline icon of each kind of id, shared by document and workspace symbols. */
export const SYMBOL_KIND: Record<IdKind, SymbolKind> = {
  acteur: SymbolKind.Object,
  objectif: SymbolKind.Constant,
  besoin: SymbolKind.Struct,
  phase: SymbolKind.Module,
  livrable: SymbolKind.File,
  jalon: SymbolKind.Key,
  risque: SymbolKind.Event,
  decomposition: SymbolKind.Number,
  financement: SymbolKind.Number,
  lot: SymbolKind.Package,
  critere: SymbolKind.Field,
  offre: SymbolKind.Object,
};

/** "an actor", "a phase"… with the French article, for messages. */
export const KIND_LABEL: Record<IdKind, Msg> = {
  acteur: { fr: 'un acteur', en: 'an actor' },
  objectif: { fr: 'un objectif', en: 'an objective' },
  besoin: { fr: 'un besoin', en: 'a need' },
  phase: { fr: 'une phase', en: 'a phase' },
  livrable: { fr: 'un livrable de cette phase', en: 'a deliverable of this phase' },
  jalon: { fr: 'un jalon de cette phase', en: 'a milestone of this phase' },
  risque: { fr: 'un risque', en: 'a risk' },
  decomposition: { fr: 'une ligne de l’enveloppe financière', en: 'a line of the budget' },
  financement: { fr: 'un financement', en: 'a funding line' },
  lot: { fr: 'un lot', en: 'a lot' },
  critere: { fr: 'un critère ou sous-critère de la même liste', en: 'a criterion or sub-criterion of the same list' },
  offre: { fr: 'une offre', en: 'an offer' },
};
