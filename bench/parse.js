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

function generate(lines) {
  let text = 'mesh pod = tpu_v3 [data = 4, model = 4]\ndim B = 8\ndim S = 16\ndim M = 32\ndim H = 4 * M\n\n';
  let i = 0;
  while (text.split('\n').length < lines) text += layer(i++) + '\n';
  return text.split('\n').slice(0, lines).join('\n');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const text = generate(TARGET_LINES);
const lines = text.split('\n').length;
// A cut-off final layer would report errors; make sure the benchmark input is what it claims.
const check = parse(text.slice(0, text.lastIndexOf('\n// layer')));
if (check.diagnostics.length > 0) throw new Error(`benchmark input is not valid: ${check.diagnostics[0].message}`);
const valid = text.slice(0, text.lastIndexOf('\n// layer'));
const validLines = valid.split('\n').length;

for (let i = 0; i < WARMUP_RUNS; i++) parse(valid);
const times = [];
for (let i = 0; i < TIMED_RUNS; i++) {
  const t0 = performance.now();
  parse(valid);
  times.push(performance.now() - t0);
}
const ms = median(times);
console.log('| input | lines | bytes | median ms | lines/second |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(`| generated layers | ${validLines} | ${valid.length} | ${ms.toFixed(1)} | ${Math.round((validLines / ms) * 1000).toLocaleString('en-US')} |`);
void lines;
