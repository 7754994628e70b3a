// Parser throughput: generates a 10,000-line valid .gshard file (many layers with params, einsums
// and annotations) and times lex() alone (offsets only, as parse() calls it; and full positions, as
// the language server calls it), parse(), then parse + check (the compiler's frontend(): parse,
// lower, check) on the same file; prints lines/second (median run) for each.
// Run with `npx tsc -b && node bench/parse.js` from the repo root (frontend needs compiler/dist).
//
// `--against DIR` also times another built checkout (e.g. `git worktree add /tmp/base <commit>`,
// then `npm ci` there) in the same process, its runs interleaved with ours, and prints the ratios:
// this machine's speed drifts by a quarter within an hour, so figures from two runs do not compare.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/** The functions a checkout's build offers (rows it cannot time are absent). */
async function load(root) {
  const url = (p) => pathToFileURL(resolve(root, p)).href;
  const { lex, parse } = await import(url('grammar/dist/src/index.js'));
  const { LineIndex } = await import(url('grammar/dist/src/positions.js'));
  let frontend;
  try {
    ({ frontend } = await import(url('compiler/dist/src/pipeline.js')));
  } catch (e) {
    console.error(`(${root}: skipping parse + check: compiler/dist is not built: ${e.message.split('\n')[0]})`);
  }
  return { lex, parse, LineIndex, frontend };
}

/** The rows of one checkout: [what, run(text)], after checking the input is valid for it. */
function rowsOf(api, text) {
  const check = api.parse(text);
  if (check.diagnostics.length > 0) throw new Error(`benchmark input is not valid: ${check.diagnostics[0].message}`);
  // parse() builds its LineIndex before lexing, so the lex rows time lexing alone.
  const lineIndex = new api.LineIndex(text);
  const rows = [
    ["lex() offsets (parse()'s call)", (t) => api.lex(t, lineIndex, 'offsets')],
    ["lex() full positions (the LSP's call)", (t) => api.lex(t, lineIndex, 'full')],
    ['parse()', api.parse],
  ];
  if (api.frontend) {
    const errors = api.frontend(text).diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(`benchmark input does not check: ${errors[0].code} ${errors[0].message}`);
    rows.push(['parse + check (frontend())', api.frontend]);
  }
  return rows;
}

/**
 * Wall and process CPU time (all threads, so GC helpers count) of each of `runs` on `text`, median
 * of the timed runs. Several runs are interleaved, in alternating order, so drift falls on all alike.
 */
function time(runs, text) {
  for (let i = 0; i < WARMUP_RUNS; i++) for (const run of runs) run(text);
  const samples = runs.map(() => ({ wall: [], cpu: [] }));
  for (let i = 0; i < TIMED_RUNS; i++) {
    const order = runs.map((_, k) => k);
    if (i % 2 === 1) order.reverse();
    for (const k of order) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      runs[k](text);
      samples[k].wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      samples[k].cpu.push((c.user + c.system) / 1000);
    }
  }
  return samples.map((s) => ({ wall: median(s.wall), cpu: median(s.cpu) }));
}

const againstAt = process.argv.indexOf('--against');
const againstDir = againstAt > 0 ? process.argv[againstAt + 1] : undefined;
if (againstAt > 0 && (!againstDir || !existsSync(resolve(againstDir, 'grammar/dist/src/index.js')))) {
  console.error('usage: node bench/parse.js [--against DIR]   (DIR: another checkout, built: grammar/dist/src/index.js must exist)');
  process.exit(2);
}

const text = generate(TARGET_LINES);
const lines = text.split('\n').length - 1;
const ours = rowsOf(await load(new URL('..', import.meta.url).pathname), text);
const theirs = againstDir ? new Map(rowsOf(await load(againstDir), text)) : new Map();
const timed = ours.map(([what, run]) => {
  const base = theirs.get(what);
  const [t, b] = time(base ? [run, base] : [run], text);
  return { what, t, b };
});

// On a shared machine the CPU time is the steadier figure: waiting for a core shows in wall time only.
const rate = (ms) => Math.round((lines / ms) * 1000).toLocaleString('en-US');
console.log(`${lines} lines (${text.length} bytes), median of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs`);
console.log('| what | wall ms | wall lines/s | cpu ms (user+system) | cpu lines/s |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const { what, t } of timed) {
  console.log(`| ${what} | ${t.wall.toFixed(1)} | ${rate(t.wall)} | ${t.cpu.toFixed(1)} | ${rate(t.cpu)} |`);
}
if (againstDir) {
  console.log(`\nagainst ${againstDir}, timed in the same process, runs interleaved (ratio = this checkout / that one; < 1 is faster)`);
  console.log('| what | wall ms | baseline wall ms | wall ratio | cpu ms | baseline cpu ms | cpu ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { what, t, b } of timed) {
    if (!b) continue;
    console.log(`| ${what} | ${t.wall.toFixed(1)} | ${b.wall.toFixed(1)} | ${(t.wall / b.wall).toFixed(3)} | ${t.cpu.toFixed(1)} | ${b.cpu.toFixed(1)} | ${(t.cpu / b.cpu).toFixed(3)} |`);
  }
}
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'parse', unit: 'ms', rows: timed.flatMap(({ what, t, b }) => [
  { name: `${what} wall ms`, value: t.wall, better: 'lower' },
  { name: `${what} cpu ms`, value: t.cpu, better: 'lower' },
  ...(b ? [{ name: `${what} wall ratio vs baseline`, value: t.wall / b.wall, unit: 'x', better: 'lower' }] : []),
]) })}`);
