import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/service';

// semver has no types here; it is in the tree through vscode-languageclient (a runtime dependency).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const satisfies = require('semver/functions/satisfies') as (version: string, range: string) => boolean;

/** The oldest release of each supported line (package.json engines, README "Runtimes"). */
const OLDEST = ['20.19.0', '22.13.0'];

describe('supported Node runtimes', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }>;
  };

  it('package.json engines name Node 20 and 22', () => {
    for (const v of OLDEST) assert.ok(satisfies(v, pkg.engines.node), `${v} ∉ ${pkg.engines.node}`);
    assert.ok(!satisfies('18.20.0', pkg.engines.node));
  });

  it('every locked dependency accepts the oldest Node 20 and Node 22 (npm ci without EBADENGINE)', () => {
    const bad: string[] = [];
    for (const [name, p] of Object.entries(lock.packages)) {
      const range = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      if (!name || !range) continue;
      for (const v of OLDEST) if (!satisfies(v, range)) bad.push(`${name} (${p.dev ? 'dev' : 'runtime'}) requires node ${range}, not ${v}`);
    }
    assert.deepStrictEqual(bad, [], 'pin or override the dependency (package.json "overrides", reason in README "Runtimes")');
  });
});
