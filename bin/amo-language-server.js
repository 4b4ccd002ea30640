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
// The server runs in this process, so without the memory options the VS Code client starts it with
// (server/src/node/processOptions.ts: V8 flags, which only the command line can set, and a malloc
// threshold): a wrapper process to add them would cost more memory than they save. For the same profile:
//   MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=4 --heap-growing-percent=30 <this package>/dist/server.js --stdio
require(server);
