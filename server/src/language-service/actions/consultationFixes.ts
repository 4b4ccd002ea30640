import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { isObj, list, obj } from '../util/data';
import { pathOf, quickFix, type FixContext } from './fixContext';
import { appendToList, deletePair, setValue, type NewValue } from './yamlEdits';

/** CSL-024: `RAT` added to `dce`, in the style of the other items (code, or `{code, libelle}`). */
export function addRat(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const dce = list(obj(ctx.parsed.data).dce);
  const asMap = dce.length > 0 && isObj(dce[dce.length - 1]);
  const item: NewValue = asMap ? [['code', 'RAT'], ['libelle', 'Rapport de repérage amiante avant travaux']] : 'RAT';
  const action = quickFix(ctx, diag, { fr: 'Ajouter « RAT » (repérage amiante avant travaux) au DCE', en: "Add 'RAT' (pre-works asbestos survey) to the tender file" }, [appendToList(ctx.parsed, ['dce'], item)], { preferred: true });
  return action ? [action] : [];
}

/** CSL-011: no automatic rejection of abnormally low offers; the request for justification is on. */
export function fixAbnormallyLowOffers(ctx: FixContext, diag: Diagnostic): CodeAction[] {
  const path = pathOf(diag);
  const last = path?.[path.length - 1];
  if (last === 'rejet_automatique') {
    const action = quickFix(ctx, diag, { fr: 'Supprimer « rejet_automatique » (illégal)', en: "Remove 'rejet_automatique' (unlawful)" }, [deletePair(ctx.parsed, ['oab', 'rejet_automatique'])], { preferred: true });
    return action ? [action] : [];
  }
  if (last === 'procedure_contradictoire') {
    const action = quickFix(ctx, diag, { fr: 'Indiquer « procedure_contradictoire: true »', en: "Set 'procedure_contradictoire: true'" }, [setValue(ctx.parsed, ['oab', 'procedure_contradictoire'], true)], { preferred: true });
    return action ? [action] : [];
  }
  return [];
}
