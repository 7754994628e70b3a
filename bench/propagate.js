// bench/propagate: sharding propagation of gshard_600b.gshard (MoE 2048E, 36 layers) on 16, 128
// and 2048 devices, with the ratio to the 16-device time. The work must not grow with the number
// of devices (target: ratio at most 1.2): propagation reasons about axes, never about devices.
import { readFileSync } from 'node:fs';
import { resumePipeline, runPipeline } from '../compiler/dist/src/passes/run-pipeline.js';

const source = readFileSync(new URL('../examples/gshard_600b.gshard', import.meta.url), 'utf8');
const what = process.argv[2] === 'compile' ? 'compile' : 'propagate';
const runs = Number(process.argv[3] ?? 5);

/** The 600B model on D devices: the mesh axis and the one-expert-per-core dims scale with D. */
function sourceFor(devices) {
  return source
    .replace(/tpu_v3 \[x = 2048\]/, `tpu_v3 [x = ${devices}]`)
    .replace(/split\((\w+), 2048\)/g, `split($1, ${devices})`)
    .replace(/^dim E = 2048/m, `dim E = ${devices}`)
    // one gating group per core, as the file has at 2048 (G = B * L / S)
    .replace(/^dim S = 2048/m, `dim S = B * L / ${devices}`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Compile each configuration once, then time them round-robin so JIT warm-up and machine noise
// fall on every device count alike (timing one count after another favours the later ones).
const configs = [16, 128, 2048].map((devices) => {
  // parse and lower once; each timed round resumes the pipeline after lower
  const lowered = runPipeline(sourceFor(devices), { upTo: 'lower' });
  if (!lowered.global) {
    console.error(`gshard_600b on ${devices} devices does not compile:`, lowered.diagnostics.slice(0, 3));
    process.exit(1);
  }
  return { devices, lowered, module: lowered.global, times: [], detail: '' };
});
for (let i = 0; i < runs + 1; i++) {
  for (const c of configs) {
    const t0 = performance.now();
    const r = resumePipeline(c.lowered, what === 'compile' ? {} : { upTo: 'propagate' });
    const t1 = performance.now();
    if (what === 'compile') c.detail = `${r.spmd.ops.length} local ops`;
    else c.detail = `${r.timings[0].counters['op visits']} op visits`;
    if (i > 0) c.times.push(t1 - t0); // the first round warms up the JIT
  }
}
const rows = configs.map((c) => ({ devices: c.devices, ops: c.module.ops.length, ms: median(c.times), detail: c.detail }));
const base = rows[0].ms;
console.log(`bench/${what}: gshard_600b.gshard (36 layers), median of ${runs} runs\n`);
console.log(`devices  global ops  ${what === 'compile' ? 'propagate+partition' : 'propagate'} ms  ratio to 16  detail`);
for (const r of rows) {
  console.log(`${String(r.devices).padStart(7)}  ${String(r.ops).padStart(10)}  ${r.ms.toFixed(1).padStart(14)}  ${(r.ms / base).toFixed(2).padStart(11)}  ${r.detail}`);
}
console.log(`BENCH_JSON ${JSON.stringify({ bench: what, unit: 'ms', rows: rows.map((r) => ({ name: `${r.devices} devices`, value: r.ms, ratio: r.ms / base })) })}`);
