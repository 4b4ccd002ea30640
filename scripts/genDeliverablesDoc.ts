/** Writes docs/deliverables.md from the deliverables table (server/src/render/deliverables.ts). Usage: npm run deliverables:doc */
import * as fs from 'fs';
import * as path from 'path';
import { renderDeliverablesDoc } from '../server/src/render/deliverablesDoc';

const target = path.join(__dirname, '..', 'docs', 'deliverables.md');
fs.writeFileSync(target, renderDeliverablesDoc());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
