#!/usr/bin/env node
'use strict';
// The AMO language server for any LSP editor: `amo-language-server --stdio`.
const path = require('path');
const fs = require('fs');
const server = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(server)) {
  process.stderr.write('amo-language-server: dist/server.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
if (!process.argv.some((a) => a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
require(server);
