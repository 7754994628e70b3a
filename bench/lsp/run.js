// LSP latency over stdio, as an editor sees it: on a generated 2,000-line model, hover round trips
// (p50/p95) and the time from a didChange to the publishDiagnostics for that version; then typing
// in a broken copy of it with inlay hints after each edit (broken.js).
// Run: `npx tsc -b && node bench/lsp/run.js [lines]` from the repo root (needs lsp/dist built).

import { LspClient } from '../../lsp/dist/test/lsp-client.js';
import { analyze, Stage } from '../../compiler/dist/src/index.js';
import { loadavg, cpus } from 'node:os';
import { generateModel } from './generate.js';
import { brokenScenarios } from './broken.js';

const LINES = Number(process.argv[2] ?? 2000);
const HOVERS = 300;
const EDITS = 40;

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const rows = [];
/** Prints one figure and keeps its p50 and p95 for the BENCH_JSON line. */
const row = (name, xs) => {
  rows.push({ name: `${name} p50`, value: pct(xs, 0.5), unit: 'ms', better: 'lower' }, { name: `${name} p95`, value: pct(xs, 0.95), unit: 'ms', better: 'lower' });
  console.log(`${name.padEnd(44)} n=${String(xs.length).padStart(3)}  p50 ${pct(xs, 0.5).toFixed(1).padStart(7)} ms  p95 ${pct(xs, 0.95).toFixed(1).padStart(7)} ms  max ${Math.max(...xs).toFixed(1).padStart(7)} ms`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const text = generateModel(LINES);
const lines = text.split('\n');
const bindingLines = lines.flatMap((l, i) => (/^\s+[a-z]\w* = /.test(l) ? [i] : []));
const c = new LspClient();
await c.initialize({}); // the default schedule: debounce 30 ms, idle 400 ms
const uri = 'file:///bench/model.gshard';
let t0 = performance.now();
c.open(uri, text);
await c.diagnosticsFor(uri, 1);
const openMs = performance.now() - t0;
await c.settled(uri, 1);
const settleMs = performance.now() - t0;
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at start`);
console.log(`file: ${lines.length} lines; first diagnostics ${openMs.toFixed(0)} ms after didOpen, slow stages done after ${settleMs.toFixed(0)} ms`);

// Hover on bindings spread over the file, after the analysis settled.
const hover = [];
for (let i = 0; i < HOVERS; i++) {
  const line = bindingLines[(i * 7919) % bindingLines.length];
  const character = lines[line].search(/\S/);
  t0 = performance.now();
  const h = await c.request('textDocument/hover', c.at(uri, { line, character }));
  hover.push(performance.now() - t0);
  if (!h) throw new Error(`no hover at ${line}:${character}`);
}
row('hover (settled document)', hover);

// Edits one second apart: each breaks or mends a name in a binding in the middle of the file.
const withX = bindingLines.filter((l) => lines[l].includes('x, wi'));
const target = withX[Math.floor(withX.length / 2)];
const original = lines[target];
const col = original.indexOf('x, wi');
const diag = [];
const hoverAfterEdit = [];
let version = 1;
for (let i = 0; i < EDITS; i++) {
  const broken = i % 2 === 0;
  t0 = performance.now();
  version = c.change(uri, broken ? 'q' : 'x', { start: { line: target, character: col }, end: { line: target, character: col + 1 } });
  const p = await c.diagnosticsFor(uri, version);
  diag.push(performance.now() - t0);
  const errors = p.diagnostics.filter((d) => d.severity === 1);
  if ((errors.length > 0) !== broken) throw new Error(`edit ${i}: expected ${broken ? "an error" : "no error"}, got ${JSON.stringify(errors)}`);
  await sleep(1000);
}
row('didChange -> publishDiagnostics (edits 1 s apart)', diag);

// Typing: edits 80 ms apart (the slow stages never start); latency of each edit's diagnostics.
const typing = [];
for (let i = 0; i < EDITS; i++) {
  t0 = performance.now();
  version = c.change(uri, i % 2 === 0 ? 'q' : 'x', { start: { line: target, character: col }, end: { line: target, character: col + 1 } });
  await c.diagnosticsFor(uri, version);
  typing.push(performance.now() - t0);
  await sleep(80);
}
row('didChange -> publishDiagnostics (typing, 80 ms)', typing);

// Hover right after an edit: the server checks the new text first.
for (let i = 0; i < 20; i++) {
  version = c.change(uri, i % 2 === 0 ? 'x' : 'x', { start: { line: target, character: col }, end: { line: target, character: col + 1 } });
  t0 = performance.now();
  await c.request('textDocument/hover', c.at(uri, { line: bindingLines[i * 13 % bindingLines.length], character: 2 }));
  hoverAfterEdit.push(performance.now() - t0);
  await sleep(100);
}
row('hover right after an edit', hoverAfterEdit);
// The compiler's own share: the checking stages in this process, on the same text.
const inProcess = [];
for (let i = 0; i < 10; i++) { t0 = performance.now(); analyze(text, Stage.Checked); inProcess.push(performance.now() - t0); }
row('analyze(text, Checked) in-process (no LSP)', inProcess);
c.notify('textDocument/didClose', { textDocument: { uri } });

// Typing in a broken file, with an inlay-hint request after every edit.
rows.push(...await brokenScenarios(c, LINES));
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at end`);
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'lsp', rows })}`);
await c.stop();
