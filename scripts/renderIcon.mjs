#!/usr/bin/env node
// Renders scripts/assets/icon.svg to media/icon.png (256×256, transparent corners) with Debian's
// Chromium through playwright-core (no ImageMagick needed). Usage: node scripts/renderIcon.mjs
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SVG = path.join(ROOT, 'scripts/assets/icon.svg');
const OUT = path.join(ROOT, 'media/icon.png');

function loadPlaywright() {
  for (const base of [path.join(ROOT, 'package.json'), path.join(ROOT, '.cache/e2e-tools/package.json')]) {
    try {
      return createRequire(base)('playwright-core');
    } catch {
      /* next */
    }
  }
  throw new Error('playwright-core not found: run `bash scripts/e2e/installCodeServer.sh`');
}

const { chromium } = loadPlaywright();
const browser = await chromium.launch({ executablePath: process.env.AMO_E2E_CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 }, deviceScaleFactor: 1 });
  const svg = fs.readFileSync(SVG, 'utf8');
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  await page.locator('svg').screenshot({ path: OUT, omitBackground: true });
  console.log(`${path.relative(ROOT, OUT)}: ${fs.statSync(OUT).size} bytes`);
} finally {
  await browser.close();
}
