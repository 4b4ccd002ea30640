import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { adaptiveDelay, configuredDelay, DEFAULT_POLICY, MAX_CONFIGURED_DELAY_MS, ValidationTimes } from '../../server/src/validationDelay';

describe('adaptive validation delay', () => {
  it('clamps amo.validation.delay to 0–2,000 ms whatever its source (docs/robustness.md: a workspace setting of 2e9 deferred validation for weeks)', () => {
    assert.strictEqual(MAX_CONFIGURED_DELAY_MS, 2000);
    assert.strictEqual(configuredDelay(2e9, 50), 2000);
    assert.strictEqual(configuredDelay(Infinity, 50), 2000);
    assert.strictEqual(configuredDelay(-5, 50), 0);
    assert.strictEqual(configuredDelay(-Infinity, 50), 0);
    assert.strictEqual(configuredDelay(300, 50), 300);
    for (const v of [NaN, '2000000000', null, undefined, {}, [1]]) assert.strictEqual(configuredDelay(v, 50), 50, String(v));
    // The setting's schema says the same (VS Code warns on a larger value).
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { maximum?: number; minimum?: number }> } | { properties: Record<string, { maximum?: number; minimum?: number }> }[] } };
    const conf = pkg.contributes.configuration;
    const props = Object.assign({}, ...(Array.isArray(conf) ? conf : [conf]).map((c) => c.properties)) as Record<string, { maximum?: number; minimum?: number }>;
    assert.deepStrictEqual([props['amo.validation.delay'].minimum, props['amo.validation.delay'].maximum], [0, MAX_CONFIGURED_DELAY_MS]);
  });

  it('waits the configured delay while a document has no validation history', () => {
    assert.strictEqual(adaptiveDelay([], 50), 50);
    assert.strictEqual(adaptiveDelay([], 300), 300);
  });

  it('follows the median of the recent validations, between the floor and the configured delay', () => {
    assert.strictEqual(adaptiveDelay([30, 32, 31], 50), 31);
    // Fast validations: the floor, which keeps the completion asked 10 ms after a keystroke ahead of them.
    assert.strictEqual(adaptiveDelay([5, 6, 4], 50), DEFAULT_POLICY.floorMs);
    // Slow validations: never more than the configured delay.
    assert.strictEqual(adaptiveDelay([90, 120, 100], 50), 50);
  });

  it('is not moved by one slow run (a collection, the first parse)', () => {
    assert.strictEqual(adaptiveDelay([25, 900, 26, 24, 25], 50), 25);
  });

  it('takes the slower of two samples, as clangd does, so that it shortens only on evidence', () => {
    assert.strictEqual(adaptiveDelay([800, 10], 50), 50);
    assert.strictEqual(adaptiveDelay([800, 10, 10], 50), DEFAULT_POLICY.floorMs);
  });

  it('only counts the last `window` validations', () => {
    const old = Array.from({ length: DEFAULT_POLICY.window }, () => 100);
    const recent = Array.from({ length: DEFAULT_POLICY.window }, () => 30);
    assert.strictEqual(adaptiveDelay([...old, ...recent], 50), 30);
  });

  it('obeys a configured delay under the floor, 0 included', () => {
    assert.strictEqual(adaptiveDelay([5, 5, 5], 10), 10);
    assert.strictEqual(adaptiveDelay([5, 5, 5], 0), 0);
    assert.strictEqual(adaptiveDelay([], 0), 0);
  });

  it('ignores samples that are not durations', () => {
    assert.strictEqual(adaptiveDelay([NaN, -1, Infinity], 50), 50);
    assert.strictEqual(adaptiveDelay([NaN, 30, 30], 50), 30);
  });

  it('keeps a bounded history per document, dropped when the document closes', () => {
    const times = new ValidationTimes({ floorMs: 20, ratio: 1, window: 3 });
    for (const ms of [200, 200, 200, 35, 35]) times.record('file:///a.programme.yaml', ms);
    // 200 is now the only old sample of three: the median is 35.
    assert.strictEqual(times.delay('file:///a.programme.yaml', 50), 35);
    assert.strictEqual(times.delay('file:///b.programme.yaml', 50), 50);
    times.forget('file:///a.programme.yaml');
    assert.strictEqual(times.delay('file:///a.programme.yaml', 50), 50);
  });
});
