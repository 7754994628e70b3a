// Hover latency while edits stream in: 2,000 random edits to an example (typing, deleting, pasting
// broken fragments), a hover request after every 4th, each timed from send to answer. Prints
// p50/p95/max. `--server BIN` times another build's server (for a before/after in one window).
// Run: `npx tsc -b && node bench/lsp/hover-under-edits.js [--edits N] [--seed S] [--server BIN] [--file F]`

import { readFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { LspClient, SERVER_BIN } from '../../lsp/dist/test/lsp-client.js';
import { mulberry32 } from '../../compiler/dist/src/exec/prng.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const EDITS = Number(opt('edits', 2000));
const SEED = Number(opt('seed', 7));
const server = opt('server', SERVER_BIN);
const file = opt('file', new URL('../../examples/moe_transformer.gshard', import.meta.url).pathname);

const SNIPPETS = ['x', 'e', ' ', '(', ')', '\n', 'relu(', ' @ [x, _]', 'einsum("GSM,ME->GSE", a, b)', '= ', ',', 'dim Q = 4\n'];
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

const r = mulberry32(SEED);
let text = readFileSync(file, 'utf8');
const posOf = (offset) => { const b = text.slice(0, offset).split('\n'); return { line: b.length - 1, character: b[b.length - 1].length }; };
const c = new LspClient(['--stdio'], server);
await c.initialize({}); // the default schedule
const uri = 'file:///bench/hover-under-edits.gshard';
c.open(uri, text);
await c.settled(uri, 1);
const times = [];
const pending = [];
let answered = 0;
for (let i = 0; i < EDITS; i++) {
  const from = Math.floor(r() * (text.length + 1));
  const to = Math.min(text.length, from + (r() < 0.3 ? Math.floor(r() * 6) : 0));
  // mostly typing at the cursor; sometimes undoing (deleting what was typed) keeps the file near its original
  const insert = r() < 0.75 ? SNIPPETS[Math.floor(r() * SNIPPETS.length)] : '';
  c.change(uri, insert, { start: posOf(from), end: posOf(to) });
  text = text.slice(0, from) + insert + text.slice(to);
  if (i % 4 === 3) {
    const t0 = performance.now();
    const at = posOf(Math.floor(r() * (text.length + 1)));
    pending.push(c.request('textDocument/hover', c.at(uri, at)).catch(() => null).then((h) => {
      times.push(performance.now() - t0);
      if (h?.contents) answered++; // null: no symbol there (or, in text typed since the last analysis, not known yet)
    }));
  }
  await new Promise((res) => setTimeout(res, 2)); // a fast typist's stream, not one burst
}
await Promise.all(pending);
console.log(`machine: ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}; server ${server}`);
console.log(`hover under ${EDITS} random edits (seed ${SEED}, ${file.split('/').pop()}): n=${times.length}  ` +
  `p50 ${pct(times, 0.5).toFixed(1)} ms  p95 ${pct(times, 0.95).toFixed(1)} ms  max ${Math.max(...times).toFixed(1)} ms  ` +
  `(${answered} with content)`);
await c.stop();
