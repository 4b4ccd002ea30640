// Summarises a .cpuprofile: self time per function (top N), and inclusive time for functions matching a filter.
const fs = require('fs');
const prof = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas; const samples = prof.samples;
const count = new Map();
for (let i = 0; i < samples.length; i++) count.set(samples[i], (count.get(samples[i]) ?? 0) + (dt[i] ?? 0));
for (const n of prof.nodes) { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (count.get(n.id) ?? 0)); }
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log('total ms', (total / 1000).toFixed(0));
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 25)).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), k));
// inclusive
const parent = new Map(); for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const n of prof.nodes) { const t = count.get(n.id) ?? 0; if (!t) continue; const seen = new Set(); let id = n.id; while (id !== undefined) { const m = byId.get(id); const k = `${m.callFrame.functionName || '(anon)'} ${m.callFrame.url.split('/').slice(-1)[0]}:${m.callFrame.lineNumber}`; if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + t); seen.add(k); } id = parent.get(id); } }
console.log('--- inclusive');
[...incl.entries()].filter(([k]) => !/node:|\(root\)|\(program\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 30)).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), k));
