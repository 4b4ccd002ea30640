import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc } from '../server/src/language-service/rulesDoc';

const target = path.join(__dirname, '..', 'docs', 'rules.md');
fs.writeFileSync(target, renderRulesDoc());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
