/**
 * The title block of every deliverable comes from render/header.ts: one source for the subtitle, the
 * operation, the buyer and the dates, whatever the deliverable.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DELIVERABLE_TABLE, type DeliverableId } from '../../../server/src/render';
import type { DeliverableSpec } from '../../../server/src/render/deliverables';
import type { DocModel } from '../../../server/src/render/model';
import { TEST_TODAY } from '../../helpers/service';
import { RECEPTION_FILE, renderText, SUIVI_FILE } from './renderHelpers';

const DOCUMENTS = (DELIVERABLE_TABLE as readonly DeliverableSpec[]).filter((d) => d.build).map((d) => ({ id: d.id as DeliverableId, kind: d.kind }));
const PROGRAMME = fs.readFileSync(SUIVI_FILE, 'utf8');
const CONSULTATION = fs.readFileSync(RECEPTION_FILE, 'utf8');
const PROGRAMME_NAME = path.basename(SUIVI_FILE);

/** Every document deliverable of the reception fixture and its programme, with the programme's texts replaced. */
function models(edit: (programme: string) => string = (p) => p, consultation = CONSULTATION): Map<DeliverableId, DocModel> {
  const programme = edit(PROGRAMME);
  const out = new Map<DeliverableId, DocModel>();
  for (const d of DOCUMENTS) {
    const r =
      d.kind === 'programme'
        ? renderText(PROGRAMME_NAME, programme, d.id)
        : renderText('reception.consultation.yaml', consultation, d.id, { [`file:///virtual/${PROGRAMME_NAME}`]: programme });
    assert.ok(r.model, `${d.id}: ${r.error}`);
    out.set(d.id, r.model);
  }
  return out;
}

const meta = (m: DocModel, label: string): string | undefined => m.meta.find((x) => x.label === label)?.value;

describe('render / the shared document header', () => {
  it('every deliverable of a programme and its consultation names the same buyer and operation, read from the programme', () => {
    const renamed = models((p) => p.replace('maitre_ouvrage: Communauté de communes du Val fictif', 'maitre_ouvrage: Syndicat mixte témoin').replace(/^( {2}intitule: ).*$/m, '$1Opération témoin'));
    for (const d of DOCUMENTS) {
      const m = renamed.get(d.id) as DocModel;
      if (d.kind === 'programme') assert.strictEqual(m.subtitle, 'Opération témoin', `${d.id}: the subtitle is the operation`);
      else assert.strictEqual(meta(m, 'Opération'), 'Opération témoin', `${d.id}: the operation of its programme`);
      const buyer = meta(m, 'Maître d’ouvrage');
      if (buyer !== undefined) assert.strictEqual(buyer, 'Syndicat mixte témoin', d.id);
    }
    assert.ok([...renamed.values()].filter((m) => meta(m, 'Maître d’ouvrage') !== undefined).length >= 6, 'most deliverables print the buyer');
  });

  it('a consultation is titled by its object, else by its id, in every deliverable', () => {
    const withObject = models();
    const withoutObject = models(undefined, CONSULTATION.replace(/^objet: .*\n/m, ''));
    for (const d of DOCUMENTS.filter((x) => x.kind === 'consultation')) {
      assert.strictEqual(withObject.get(d.id)?.subtitle, "Démolition et désamiantage de l'ancien gymnase des Tilleuls", d.id);
      assert.strictEqual(withoutObject.get(d.id)?.subtitle, 'CSL-GYM-DEMOLITION', `${d.id}: the id stands for a missing object`);
    }
  });

  it('each deliverable carries its table id and the date it speaks at', () => {
    const all = models();
    for (const d of DOCUMENTS) {
      const m = all.get(d.id) as DocModel;
      assert.strictEqual(m.deliverable, d.id);
      assert.match(m.date, /^\d{4}-\d{2}-\d{2}$/, d.id);
    }
    // The acceptance documents speak at their own dates, the others at the render's.
    assert.strictEqual(all.get('reception')?.date, '2026-02-27');
    assert.strictEqual(all.get('decision')?.date, '2026-03-09');
    for (const id of ['programme', 'risques', 'planning', 'suivi', 'rc', 'rao', 'reserves'] as const) assert.strictEqual(all.get(id)?.date, TEST_TODAY, id);
  });

  it('without its programme, a consultation prints neither operation nor buyer, and an acceptance document no unknown line', () => {
    const alone = CONSULTATION.replace(/^programme: .*\n/m, '');
    for (const d of DOCUMENTS.filter((x) => x.kind === 'consultation')) {
      const r = renderText('alone.consultation.yaml', alone, d.id);
      assert.ok(r.model, r.error);
      assert.strictEqual(meta(r.model, 'Opération'), undefined, d.id);
      assert.strictEqual(meta(r.model, 'Maître d’ouvrage'), undefined, d.id);
      if (['reception', 'decision', 'reserves'].includes(d.id)) assert.ok(!r.model.meta.some((x) => x.value === '—'), `${d.id}: no « — » line`);
    }
  });
});
