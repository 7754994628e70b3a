// bench/lsp scenario: typing in a BROKEN model (every edit extends an unknown name, so the file stays
// broken) with, right after each didChange, an inlay-hint request for the visible lines and a
// documentSymbol request, as VS Code sends them; the next edit comes at the typing pace, answered or
// not. Prints p50/p95 of each request's latency and of didChange -> publishDiagnostics.
// Run alone: `npx tsc -b && node bench/lsp/broken.js [lines]` (bench/lsp/run.js runs it too).

import { fileURLToPath } from 'node:url';
import { loadavg, cpus } from 'node:os';
import { LspClient } from '../../lsp/dist/test/lsp-client.js';
import { generateModel } from './generate.js';

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-').padStart(7);

/** The generated model with one use of `x` renamed to an unknown `q` in the middle of the file. */
export function brokenModel(lines) {
  const all = generateModel(lines).split('\n');
  const uses = all.flatMap((l, i) => (/^\s+h = relu\(einsum\(.*x, wi/.test(l) ? [i] : []));
  const target = uses[Math.floor(uses.length / 2)];
  const col = all[target].indexOf('x, wi');
  all[target] = all[target].slice(0, col) + 'q' + all[target].slice(col + 1);
  return { text: all.join('\n'), target, col };
}

/**
 * One typing run on `uri` (opened here, closed at the end): `edits` edits `gapMs` apart. Returns
 * the latencies (ms) and how the hint requests ended.
 */
export async function brokenTyping(c, uri, { lines = 2000, edits = 30, gapMs = 150 } = {}) {
  const { text, target, col } = brokenModel(lines);
  c.open(uri, text);
  await c.settled(uri, 1);
  const visible = { start: { line: Math.max(0, target - 25), character: 0 }, end: { line: target + 25, character: 0 } };
  const hint = [], symbol = [], diag = [];
  let withHints = 0, superseded = 0, version = 1;
  const pending = [];
  for (let i = 0; i < edits; i++) {
    const t0 = performance.now();
    const at = { line: target, character: col + 1 + i };
    version = c.change(uri, 'abcdefghijklmnop'[i % 16], { start: at, end: at });
    c.diagnosticsFor(uri, version).then(() => diag.push(performance.now() - t0));
    pending.push(c.request('textDocument/inlayHint', { textDocument: { uri }, range: visible }).then(
      (r) => { hint.push(performance.now() - t0); if (r?.length > 0) withHints++; },
      () => { hint.push(performance.now() - t0); superseded++; }, // the document moved on before an answer was had
    ));
    pending.push(c.request('textDocument/documentSymbol', { textDocument: { uri } }).then(() => symbol.push(performance.now() - t0)));
    await sleep(Math.max(0, gapMs - (performance.now() - t0)));
  }
  await Promise.all(pending);
  await c.diagnosticsFor(uri, version);
  await sleep(200); // a version never published (coalesced into a later one) stays out of `diag`
  c.notify('textDocument/didClose', { textDocument: { uri } });
  return { edits, gapMs, hint, symbol, diag, withHints, superseded };
}

/** Table lines and BENCH_JSON rows for one run. */
function report(r) {
  const tag = `broken file, typing ${r.gapMs} ms`;
  const out = [
    [`inlay hint after each edit (${tag})`, r.hint, `${r.withHints} with hints, ${r.superseded} superseded`],
    [`documentSymbol right after it (${tag})`, r.symbol, ''],
    [`didChange -> publishDiagnostics (${tag})`, r.diag, `${r.edits - r.diag.length} coalesced`],
  ];
  const text = out.map(([name, xs, note]) =>
    `${name.padEnd(58)} n=${String(xs.length).padStart(3)}  p50 ${f1(pct(xs, 0.5))} ms  p95 ${f1(pct(xs, 0.95))} ms  max ${f1(Math.max(...xs))} ms  ${note}`);
  const rows = out.flatMap(([name, xs]) => [
    { name: `${name} p50`, value: pct(xs, 0.5), unit: 'ms', better: 'lower' },
    { name: `${name} p95`, value: pct(xs, 0.95), unit: 'ms', better: 'lower' },
  ]).filter((row) => Number.isFinite(row.value));
  return { text, rows };
}

/** Typing at two paces (150 ms: faster than a salvage; 300 ms: slower), each printed; returns the BENCH_JSON rows. */
export async function brokenScenarios(c, lines) {
  const rows = [];
  for (const gapMs of [150, 300]) {
    const r = report(await brokenTyping(c, `file:///bench/broken-${gapMs}.gshard`, { lines, gapMs }));
    for (const l of r.text) console.log(l);
    rows.push(...r.rows);
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lines = Number(process.argv[2] ?? 2000);
  const c = new LspClient();
  await c.initialize({}); // the default schedule: debounce 30 ms, idle 400 ms
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at start; ${lines} lines`);
  const rows = await brokenScenarios(c, lines);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at end`);
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 'lsp-broken', rows })}`);
  await c.stop();
}
