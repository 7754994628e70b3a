// Parser throughput: generates a 10,000-line valid .gshard file (many layers with params, einsums
// and annotations) and times lex() alone (offsets only, as parse() calls it; and full positions, as
// the language server calls it), parse(), then parse + check (the compiler's frontend(): parse,
// lower, check) on the same file; prints lines/second (median run) for each.
// Run with `npx tsc -b && node bench/parse.js` from the repo root (frontend needs compiler/dist).

import { lex, parse } from '../grammar/dist/src/index.js';
import { LineIndex } from '../grammar/dist/src/positions.js';

const TARGET_LINES = 10_000;
const WARMUP_RUNS = 5;
const TIMED_RUNS = 9;

/** One ffn-like layer of 12 lines (+1 blank) with a distinct name. */
function layer(i) {
  return `// layer ${i}: a feed-forward block with a residual
layer ffn_${i}(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] {
  param wi: f32[M, H] @ [_, model]
  param wo: f32[H, M] @ [model, _]
  param scale: f32[M] @ replicate
  h = relu(einsum("BSM,MH->BSH", x, wi)) @ [data, _, model]
  g = gelu(einsum("BSM,MH->BSH", x, wi)) * 0.5 + h
  y = einsum("BSH,HM->BSM", g, wo) @ [data, ?, _]
  n = layer_norm(x + y, M) * scale
  s = reduce_sum(n, [S]) / 2
  return n
}
`;
}

/** A valid file of at least `lines` lines: a mesh, dims, then whole layers. */
function generate(lines) {
  let text = 'mesh pod = tpu_v3 [data = 4, model = 4]\ndim B = 8\ndim S = 16\ndim M = 32\ndim H = 4 * M\n\n';
  for (let i = 0; text.split('\n').length <= lines; i++) text += layer(i) + '\n';
  return text;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall and process CPU time (all threads, so GC helpers count) of `run(text)`, median of the timed runs. */
function time(run) {
  for (let i = 0; i < WARMUP_RUNS; i++) run(text);
  const wall = [];
  const cpu = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(text);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const text = generate(TARGET_LINES);
const lines = text.split('\n').length - 1;
// The benchmark must measure a valid file, not error recovery.
const check = parse(text);
if (check.diagnostics.length > 0) throw new Error(`benchmark input is not valid: ${check.diagnostics[0].message}`);

// parse() builds its LineIndex before lexing, so the lex rows time lexing alone.
const lineIndex = new LineIndex(text);
const rows = [
  ["lex() offsets (parse()'s call)", time((t) => lex(t, lineIndex, 'offsets'))],
  ["lex() full positions (the LSP's call)", time((t) => lex(t, lineIndex, 'full'))],
  ['parse()', time(parse)],
];
let frontend;
try {
  ({ frontend } = await import('../compiler/dist/src/pipeline.js'));
} catch (e) {
  console.error(`(skipping parse + check: compiler/dist is not built: ${e.message.split('\n')[0]})`);
}
if (frontend) {
  const checked = frontend(text);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`benchmark input does not check: ${errors[0].code} ${errors[0].message}`);
  rows.push(['parse + check (frontend())', time(frontend)]);
}

// On a shared machine the CPU time is the steadier figure: waiting for a core shows in wall time only.
const rate = (ms) => Math.round((lines / ms) * 1000).toLocaleString('en-US');
console.log(`${lines} lines (${text.length} bytes), median of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs`);
console.log('| what | wall ms | wall lines/s | cpu ms (user+system) | cpu lines/s |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [what, t] of rows) {
  console.log(`| ${what} | ${t.wall.toFixed(1)} | ${rate(t.wall)} | ${t.cpu.toFixed(1)} | ${rate(t.cpu)} |`);
}
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'parse', unit: 'ms', rows: rows.flatMap(([what, t]) => [
  { name: `${what} wall ms`, value: t.wall, better: 'lower' },
  { name: `${what} cpu ms`, value: t.cpu, better: 'lower' },
]) })}`);
