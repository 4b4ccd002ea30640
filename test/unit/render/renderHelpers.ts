import * as fs from 'fs';
import * as path from 'path';
import { buildDeliverable, type DeliverableId, type RenderEnv, type RenderOutcome } from '../../../server/src/render';
import type { Block, DocModel, Table } from '../../../server/src/render/model';
import { plain } from '../../../server/src/render/model';
import { makeService, ROOT, TEST_TODAY, uriOf } from '../../helpers/service';

export const EXAMPLES = path.join(ROOT, 'examples');
export const PROGRAMME_FILE = path.join(EXAMPLES, 'ecole-jules-ferry.programme.yaml');
export const CONSULTATION_FILE = path.join(EXAMPLES, 'ecole-jules-ferry-travaux.consultation.yaml');
export const XSS_FILE = path.join(ROOT, 'test', 'fixtures', 'render', 'xss.programme.yaml');
/** A programme whose texts try every way of getting markup or script into the deliverables. */
export const XSS_PROGRAMME = fs.readFileSync(XSS_FILE, 'utf8');
/** The same for the reception of a consultation (it names ./xss.programme.yaml). */
export const XSS_CONSULTATION = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'render', 'xss.consultation.yaml'), 'utf8');
/** Follow-up fixtures: a programme with deliverables, milestones, risk history and indicators, and a consultation received with reserves. */
export const SUIVI_FILE = path.join(ROOT, 'test', 'fixtures', 'render', 'suivi.programme.yaml');
export const RECEPTION_FILE = path.join(ROOT, 'test', 'fixtures', 'render', 'reception.consultation.yaml');

/** The XSS consultation with its programme, in /virtual. */
export function renderXssConsultation(deliverable: DeliverableId): RenderOutcome {
  return renderText('xss.consultation.yaml', XSS_CONSULTATION, deliverable, { [uriOf('/virtual/xss.programme.yaml')]: XSS_PROGRAMME });
}

/** A render environment over in-memory files (uri → text), falling back to disk, at TEST_TODAY. */
export function renderEnv(files: Record<string, string> = {}, consultations: string[] = []): RenderEnv {
  const service = makeService(files);
  const read = (uri: string): string | undefined => {
    if (uri in files) return files[uri];
    try {
      return fs.readFileSync(new URL(uri), 'utf8');
    } catch {
      return undefined;
    }
  };
  return { service, readText: read, today: TEST_TODAY, consultations: () => consultations.map((uri) => ({ uri, text: read(uri) as string })) };
}

/** A deliverable of an example file (the programme's planning sees the example consultation). */
export function renderExample(file: string, deliverable: DeliverableId): RenderOutcome {
  const uri = uriOf(file);
  return buildDeliverable(renderEnv({}, [uriOf(CONSULTATION_FILE)]), { uri, text: fs.readFileSync(file, 'utf8') }, deliverable);
}

/** A deliverable of an in-memory document named `name` (in /virtual). */
export function renderText(name: string, text: string, deliverable?: DeliverableId, files: Record<string, string> = {}): RenderOutcome {
  const uri = uriOf(path.join('/virtual', name));
  return buildDeliverable(renderEnv({ ...files, [uri]: text }), { uri, text }, deliverable);
}

/**
 * The text as a reader reads it: the no-break spaces French typography puts before : ; ! ? » and after «
 * (render/typography.ts, tested in typography.test.ts) read as plain spaces, so that content tests stay
 * about content. No-break spaces inside amounts and units are kept.
 */
export function fold(s: string): string {
  return s.replace(/[\u00a0\u202f](?=[:;!?»])/g, ' ').replace(/«\u00a0/g, '« ');
}

export function headings(model: DocModel): string[] {
  return model.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading').map((b) => fold(b.text));
}

/** The tables that follow the heading whose text starts with `prefix`, up to the next heading of the same or a higher level. */
export function tablesUnder(model: DocModel, prefix: string): Table[] {
  const start = model.blocks.findIndex((b) => b.kind === 'heading' && fold(b.text).startsWith(prefix));
  if (start < 0) throw new Error(`No heading starting with '${prefix}' in ${model.deliverable}: ${headings(model).join(' | ')}`);
  const level = (model.blocks[start] as Extract<Block, { kind: 'heading' }>).level;
  const out: Table[] = [];
  for (const b of model.blocks.slice(start + 1)) {
    if (b.kind === 'heading' && b.level <= level) break;
    if (b.kind === 'table') out.push(b);
    if (b.kind === 'figure') out.push(b.fallback);
  }
  return out;
}

/** All the text of a model's paragraphs (for `match`). */
export function paragraphs(model: DocModel): string {
  return model.blocks
    .filter((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph')
    .map((b) => fold(plain(b.content)))
    .join('\n');
}

export function rowTexts(t: Table): string[][] {
  return t.rows.map((r) => r.cells.map((c) => fold(c.text)));
}
