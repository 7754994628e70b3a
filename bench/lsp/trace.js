// Where an edit's latency goes on the server's main thread: runs the server with GSHARD_LSP_TRACE=1
// on the generated model, edits it `gap` ms apart (as bench/lsp/run.js does), and prints per edit
// the time to diagnostics split into: the server reading the change, the debounce, checking (wall,
// on-CPU, waiting for a CPU), GC pauses, and whether the slow stages were running or arrived.
// Run: `npx tsc -b && node bench/lsp/trace.js [lines] [edits] [gapMs]` from the repo root;
// INIT='{"idleMs":100000}' passes initializationOptions (here: no slow stages at all).

import { LspClient } from '../../lsp/dist/test/lsp-client.js';
import { loadavg } from 'node:os';
import { generateModel } from './generate.js';

const LINES = Number(process.argv[2] ?? 2000);
const EDITS = Number(process.argv[3] ?? 30);
const GAP = Number(process.argv[4] ?? 1000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const abs = () => performance.timeOrigin + performance.now();
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

process.env.GSHARD_LSP_TRACE = '1';
const text = generateModel(LINES);
const lines = text.split('\n');
const bindingLines = lines.flatMap((l, i) => (/^\s+[a-z]\w* = /.test(l) ? [i] : []));
const withX = bindingLines.filter((l) => lines[l].includes('x, wi'));
const target = withX[Math.floor(withX.length / 2)];
const col = lines[target].indexOf('x, wi');

const c = new LspClient();
await c.initialize(JSON.parse(process.env.INIT ?? '{}'));
const uri = 'file:///bench/model.gshard';
c.open(uri, text);
await c.settled(uri, 1);
console.log(`load average ${load()} at start; ${lines.length} lines, ${EDITS} edits ${GAP} ms apart`);

const edits = [];
let version = 1;
for (let i = 0; i < EDITS; i++) {
  const sent = abs();
  version = c.change(uri, i % 2 === 0 ? 'q' : 'x', { start: { line: target, character: col }, end: { line: target, character: col + 1 } });
  await c.diagnosticsFor(uri, version);
  edits.push({ version, sent, got: abs() });
  await sleep(GAP);
}
await c.stop();

const events = c.stderr.split('\n').flatMap((l) => {
  const m = /^\[gshard-trace\] (\S+) (\S+) ?(.*)$/.exec(l);
  if (!m) return [];
  const field = (k) => Number(new RegExp(`${k}=(\\S+)`).exec(m[3])?.[1] ?? NaN);
  return [{ t: Number(m[1]), name: m[2], arg: m[3].split(' ')[0], detail: m[3], cpu: field('cpu'), runq: field('runq') }];
});
const find = (name, v) => events.find((e) => e.name === name && e.arg === String(v));
const f = (x, w = 5) => (Number.isFinite(x) ? x.toFixed(0) : '?').padStart(w);
console.log('    v  total  read debnc  check(cpu runq)   gc in window    slow stages');
const totals = [];
const sums = { check: 0, cpu: 0, runq: 0, gc: 0 };
for (const e of edits) {
  const changed = find('change', e.version);
  const start = find('check-start', e.version);
  const end = find('check-end', e.version);
  const inWindow = events.filter((x) => x.t >= e.sent && x.t <= e.got);
  const gc = inWindow.filter((x) => x.name === 'gc').map((x) => Number(x.arg));
  const notes = inWindow.filter((x) => x.name === 'worker-message' || x.name === 'full-stale' || x.name === 'published-full')
    .map((x) => `${x.name}@+${(x.t - e.sent).toFixed(0)}`);
  // Was a slow-stage analysis running on the other core while this edit was checked?
  const posts = events.filter((x) => x.name === 'worker-post' && x.t < e.got);
  const lastPost = posts[posts.length - 1];
  const reply = lastPost && events.find((x) => x.name === 'worker-message' && x.t > lastPost.t);
  if (lastPost && (!reply || reply.t > e.sent)) notes.push(`worker busy until ${reply ? `+${(reply.t - e.sent).toFixed(0)}` : 'never'}`);
  const gcMs = gc.reduce((a, b) => a + b, 0);
  totals.push(e.got - e.sent);
  sums.check += end.t - start.t; sums.cpu += end.cpu - start.cpu; sums.runq += end.runq - start.runq; sums.gc += gcMs;
  console.log(`${f(e.version)} ${f(e.got - e.sent, 6)} ${f(changed.t - e.sent)} ${f(start.t - changed.t)} ${f(end.t - start.t, 6)}(${f(end.cpu - start.cpu, 3)} ${f(end.runq - start.runq, 4)})  ` +
    `${gc.length ? `${gcMs.toFixed(0)} ms in ${gc.length}` : '-'}`.padEnd(15) + `  ${notes.join(', ') || '-'}`);
}
const sorted = [...totals].sort((a, b) => a - b);
const n = edits.length;
console.log(`mean check ${(sums.check / n).toFixed(0)} ms = cpu ${(sums.cpu / n).toFixed(0)} + waiting for a cpu ${(sums.runq / n).toFixed(0)} (+ rest); gc in window ${(sums.gc / n).toFixed(0)} ms`);
console.log(`p50 ${sorted[Math.floor(n / 2)].toFixed(0)} ms, p95 ${sorted[Math.min(n - 1, Math.floor(0.95 * n))].toFixed(0)} ms; load average ${load()} at end`);
