/**
 * docs/deliverables.md, generated from DELIVERABLE_TABLE (`npm run deliverables:doc`); a unit test fails when
 * the file on disk differs (test/unit/render/deliverablesTable.test.ts).
 */
import type { DocKind } from '../language-service/types';
import { DELIVERABLE_TABLE, deliverableChoices, FILE_PATTERN, usageLine, type DeliverableSpec } from './deliverables';

const KIND_TITLE: Readonly<Record<DocKind, string>> = { programme: 'Programme', consultation: 'Consultation' };

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function row(d: DeliverableSpec): string {
  const offered = d.offeredWhen ? `only ${d.offeredWhen.en}` : 'always';
  return `| \`${d.id}\` | ${cell(d.labels.fr)} | ${cell(d.labels.en)} | ${d.formats.join(', ')} | ${offered} | \`${cell(usageLine(d))}\` |`;
}

export function renderDeliverablesDoc(): string {
  const table: readonly DeliverableSpec[] = DELIVERABLE_TABLE;
  const out = [
    '# Deliverables',
    '',
    '<!-- Generated from server/src/render/deliverables.ts by `npm run deliverables:doc`: edit the table there, not this file. -->',
    '',
    'Every deliverable is declared once, in `DELIVERABLE_TABLE` (server/src/render/deliverables.ts). The preview tabs,',
    'the export picker, `amo render --help`, the formats each deliverable accepts and this page are derived from it;',
    'a test checks the README usage line against it. HTML, DOCX and PDF come from the deliverable\'s document model;',
    'XLSX from `server/src/office/`.',
    '',
    `\`amo render <file> --deliverable ${deliverableChoices()}\` (default \`all\`: every deliverable the file offers in the format).`,
  ];
  for (const kind of Object.keys(FILE_PATTERN) as DocKind[]) {
    out.push('', `## ${KIND_TITLE[kind]} (\`${FILE_PATTERN[kind]}\`)`, '', '| Id | Livrable | Deliverable | Formats | Offered | Command line |', '| --- | --- | --- | --- | --- | --- |');
    for (const d of table.filter((x) => x.kind === kind)) out.push(row(d));
  }
  return out.join('\n') + '\n';
}
