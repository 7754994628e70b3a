// Parser throughput: generates a 10,000-line valid .gshard file (many layers with params, einsums
// and annotations), parses it several times after a warm-up, and prints lines/second (median run).
// Run with `npx tsc -p grammar && node bench/parse.js` from the repo root.

import { parse } from '../grammar/dist/src/index.js';

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

const text = generate(TARGET_LINES);
const lines = text.split('\n').length - 1;
// The benchmark must measure a valid file, not error recovery.
const check = parse(text);
if (check.diagnostics.length > 0) throw new Error(`benchmark input is not valid: ${check.diagnostics[0].message}`);

for (let i = 0; i < WARMUP_RUNS; i++) parse(text);
// Wall time and process CPU time (all threads, so GC helpers count): on a shared machine the CPU
// time is the steadier figure, since waiting for a core shows in wall time only.
const wall = [];
const cpu = [];
for (let i = 0; i < TIMED_RUNS; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  parse(text);
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const rate = (ms) => Math.round((lines / ms) * 1000).toLocaleString('en-US');
console.log(`parse() on ${lines} lines (${text.length} bytes), median of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs`);
console.log('| clock | median ms | lines/second |');
console.log('| --- | ---: | ---: |');
console.log(`| wall | ${median(wall).toFixed(1)} | ${rate(median(wall))} |`);
console.log(`| cpu (user+system) | ${median(cpu).toFixed(1)} | ${rate(median(cpu))} |`);
