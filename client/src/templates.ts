// Starting files written by the "New programme" and "New consultation" commands: client/templates/*.yaml,
// bundled as text by esbuild (esbuild.mjs, `.yaml` text loader; client/src/yaml.d.ts types the import).
// They are complete, credible examples (a small gymnasium): keys as in docs/format.md, sums that add up,
// phases in legal order, and a consultation launched after 21 August 2026 (so with an environmental
// criterion and environmental execution conditions). test/unit/templates.test.ts runs them through the
// language service: no error, and the one hint it lists.
import CONSULTATION_TEMPLATE from '../templates/nouveau.consultation.yaml';
import PROGRAMME_TEMPLATE from '../templates/nouveau.programme.yaml';

export { CONSULTATION_TEMPLATE, PROGRAMME_TEMPLATE };

/** The programme file name that CONSULTATION_TEMPLATE refers to (its sibling in client/templates/). */
export const DEFAULT_PROGRAMME_PATH = './nouveau.programme.yaml';

/** CONSULTATION_TEMPLATE with its `programme:` path replaced by `programmePath` (e.g. `./gymnase.programme.yaml`). */
export function consultationTemplate(programmePath: string = DEFAULT_PROGRAMME_PATH): string {
  return CONSULTATION_TEMPLATE.replace(`programme: ${DEFAULT_PROGRAMME_PATH}\n`, `programme: ${programmePath}\n`);
}
