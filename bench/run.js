// Bench: `gshard run` on the simulated mesh (tfjs-wasm, 2 worker threads) against the one-device reference and, with
// GSHARD_JAX_PYTHON set, JAX on 8 CPU devices running the exported program; peak RSS; a scaling table over mesh
// sizes; and einsum GFLOP/s vs bare tf.matMul (run: node bench/run.js [reps]).
import * as tf from '@tensorflow/tfjs-core';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline } from '../compiler/dist/src/passes/run-pipeline.js';
import { initBackend } from '../compiler/dist/src/runtime/wasm-backend.js';
import { setZeroSkipping } from '../compiler/dist/src/runtime/kernels/zero-rows.js';
import { runModel, wasmBinaryOf, estimateRun } from '../compiler/dist/src/exec/run-model.js';
import { WorkerPool } from '../compiler/dist/src/exec/worker-pool.js';
import { simulateInProcess, simulateMesh } from '../compiler/dist/src/exec/mesh-sim.js';
import { distribute } from '../compiler/dist/src/exec/tiles.js';
import { prepareFeeds } from '../compiler/dist/src/exec/inputs.js';
import { interpret } from '../compiler/dist/src/exec/interpreter.js';
import { meshSize } from '../compiler/dist/src/ir/mesh.js';
import { jaxPython, startJaxTimer } from './lib/jax.js';
import { withPeakRss } from './lib/rss.js';
import { warmUp } from './lib/warmup.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const reps = process.argv[2] === '--memory' ? 0 : Number(process.argv[2] ?? 3);
const WORKERS = 2;
const MiB = 1024 ** 2;

/** The GShard MoE layer on `n` devices: groups and experts split over the one mesh axis. */
const moeLayer = ({ n = 8, G = 8, S = 512, M = 512, E = 8, H = 2048 } = {}) => `
mesh tpu = tpu_v3 [x = ${n}]
dim G = ${G}
dim S = ${S}
dim M = ${M}
dim E = ${E}
dim H = ${H}
dim C = 2 * S / E
model moe_layer(inputs: f32[G, S, M] @ split(G, ${n})) -> (f32[G, S, M], f32[]) on tpu {
  param wg: f32[M, E] @ replicate
  param wi: f32[E, M, H]
  param wo: f32[E, H, M]
  logits = einsum("GSM,ME->GSE", inputs, wg)
  combine, dispatch, aux = top2_gating(logits, E, C)
  expert_inputs = einsum("GSEC,GSM->EGCM", dispatch, inputs) @ split(E, ${n})
  h = relu(einsum("EGCM,EMH->EGCH", expert_inputs, wi))
  expert_outputs = einsum("EGCH,EHM->GECM", h, wo)
  outputs = einsum("GSEC,GECM->GSM", combine, expert_outputs)
  return outputs, aux
}
`;
const SOURCE = moeLayer();
const TRANSFORMER_FILE = join(ROOT, 'examples', 'moe_transformer.gshard');
const TRANSFORMER_DIMS = { B: 16, L: 128, M: 256, K: 32, H: 1024, S: 256 };

function compile(text, dims) {
  const r = runPipeline(text, dims ? { dims: new Map(Object.entries(dims)) } : {});
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !r.spmd) throw new Error(errors.map((d) => d.message).join('\n'));
  return { global: r.sharded, local: r.spmd };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (xs) => xs.reduce((s, x) => s + x, 0);
const fmt = (x, d = 0) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(d));

/** The 2-D products an einsum becomes: batch dims (in both operands and the output), free dims, contracting dims. */
function matmulShape(op) {
  const [a, b] = op.operands.map((v) => v.type.dims);
  const out = op.results[0].type.dims.map((d) => d.name);
  const size = new Map([...a, ...b].map((d) => [d.name, d.size]));
  const an = a.map((d) => d.name), bn = b.map((d) => d.name);
  const prod = (names) => names.reduce((p, d) => p * size.get(d), 1);
  const batch = out.filter((d) => an.includes(d) && bn.includes(d));
  const m = an.filter((d) => out.includes(d) && !bn.includes(d));
  const n = bn.filter((d) => out.includes(d) && !an.includes(d));
  const k = an.filter((d) => bn.includes(d) && !out.includes(d));
  const aOnly = an.filter((d) => !out.includes(d) && !bn.includes(d));
  const bOnly = bn.filter((d) => !out.includes(d) && !an.includes(d));
  if (aOnly.length || bOnly.length) return undefined;
  return { nb: prod(batch), m: prod(m), k: prod(k), n: prod(n) };
}

/** Bare tf.matMul on tensors already in the wasm heap, result read back: the same 2-D products, summed. */
function bareMatmulMs(shapes, times) {
  const ts = [];
  const tensors = shapes.map((s) => ({ s, a: tf.randomUniform([s.m, s.k]), b: tf.randomUniform([s.k, s.n]) }));
  for (let r = 0; r < times + 1; r++) {
    const t0 = performance.now();
    for (const { s, a, b } of tensors) {
      for (let i = 0; i < s.nb; i++) {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
      }
    }
    if (r > 0) ts.push(performance.now() - t0); // the first pass creates XNNPACK operators
  }
  for (const { a, b } of tensors) tf.dispose([a, b]);
  return median(ts);
}

/** The same products with the operands copied into the wasm heap on every call (what any einsum on JS arrays must do). */
function uploadMatmulMs(shapes, times) {
  const ts = [];
  const arrays = shapes.map((s) => ({ s, a: Float32Array.from({ length: s.m * s.k }, () => Math.random()), b: Float32Array.from({ length: s.k * s.n }, () => Math.random()) }));
  for (let r = 0; r < times + 1; r++) {
    const t0 = performance.now();
    for (const { s, a, b } of arrays) {
      for (let i = 0; i < s.nb; i++) {
        const ta = tf.tensor2d(a, [s.m, s.k]);
        const tb = tf.tensor2d(b, [s.k, s.n]);
        const c = tf.matMul(ta, tb);
        c.dataSync();
        tf.dispose([ta, tb, c]);
      }
    }
    if (r > 0) ts.push(performance.now() - t0);
  }
  return median(ts);
}


/**
 * Per-op-kind time on the mesh, where the build's kernel stats carry it (`byKind`: op kind -> ms or
 * { ms, calls }, summed over devices); a build without it says so. The hook for the per-op profile of `gshard run`.
 */
function opKindTable(stats) {
  if (!stats.every((s) => s && typeof s.byKind === 'object')) return undefined;
  const total = new Map();
  // byKind values: ms, or { ms, calls } (the shape of `gshard run --profile`'s OpProfile)
  for (const s of stats) {
    for (const [k, v] of Object.entries(s.byKind)) total.set(k, (total.get(k) ?? 0) + (typeof v === 'number' ? v : v.ms));
  }
  const all = sum([...total.values()]);
  return [...total].sort((a, b) => b[1] - a[1]).map(([kind, ms]) => ({ kind, ms: fmt(ms), share: `${fmt((100 * ms) / all, 1)}%` }));
}

/**
 * Reference, mesh and (when configured) JAX, interleaved rep by rep so machine load hits all alike.
 * The mesh is timed from every worker holding its tiles to every worker done; RSS is the process's
 * (all threads) high-water mark during the mesh run.
 */
async function benchWorkload(pool, { label, global, local, jax }) {
  const check = await runModel(global, local, { seed: 1, pool }); // warm-up, and the equivalence check
  if (!check.equal) throw new Error(`${label}: mesh differs from the reference: max rel ${check.maxRelError}`);
  const feeds = prepareFeeds(global, 1);
  const feedMap = new Map(feeds.map((f) => [f.value.name, f.array]));
  const globals = feeds.map((f) => f.array);
  const args = [...local.inputs, ...local.params];
  const estimate = estimateRun(global, local);
  const n = check.devices;
  const rows = [];
  let lastRun;
  // The mesh settles after ~10 runs (bench/lib/warmup.js); JAX's timer is likewise timed after its compile and a
  // warm-up step.
  const warmupMs = await warmUp(() => interpret(global, feedMap),
    async () => (await simulateMesh(local, distribute(args, globals, local.mesh, { shared: true }), { pool })).ms);
  for (let r = 0; r < reps; r++) {
    const r0 = performance.now();
    interpret(global, feedMap);
    const referenceMs = performance.now() - r0;
    const perDevice = distribute(args, globals, local.mesh, { shared: true });
    const m = await withPeakRss(() => simulateMesh(local, perDevice, { pool }));
    lastRun = m.value;
    const jaxMs = jax ? await jax.step() : undefined;
    // the same run with matmul sharing off (idle workers sleep at barriers instead of helping)
    pool.shareMatmuls = false;
    const unshared = await simulateMesh(local, distribute(args, globals, local.mesh, { shared: true }), { pool });
    pool.shareMatmuls = true;
    const w = m.value.workers ?? [];
    rows.push({
      referenceMs, meshMs: m.value.ms, jaxMs, collectiveMs: m.value.collectiveMs, unsharedMs: unshared.ms,
      computeMs: Math.max(...w.map((x) => x.computeMs)), waitMs: Math.max(...w.map((x) => x.waitMs)),
      helpMs: Math.max(...w.map((x) => x.helpMs)), rowsShared: sum(w.map((x) => x.rowsGiven)),
      unsharedWaitMs: Math.max(...(unshared.workers ?? []).map((x) => x.waitMs)),
      peakBytes: m.peakBytes, growthBytes: m.peakBytes - m.beforeBytes, rssHow: m.how,
    });
  }
  const liveSum = n * estimate.perDevicePeak;
  const s = {
    label, devices: n, equal: check.equal, coldMs: check.meshMs, warmupMs, maxRelError: check.maxRelError,
    backend: check.backend,
    referenceMs: median(rows.map((x) => x.referenceMs)), meshMs: median(rows.map((x) => x.meshMs)),
    meshOverReference: median(rows.map((x) => x.meshMs / x.referenceMs)),
    jaxMs: jax ? median(rows.map((x) => x.jaxMs)) : undefined,
    meshOverJax: jax ? median(rows.map((x) => x.meshMs / x.jaxMs)) : undefined,
    collectiveMs: median(rows.map((x) => x.collectiveMs)), computeMs: median(rows.map((x) => x.computeMs)),
    waitMs: median(rows.map((x) => x.waitMs)), helpMs: median(rows.map((x) => x.helpMs)),
    rowsShared: median(rows.map((x) => x.rowsShared)), unsharedMs: median(rows.map((x) => x.unsharedMs)),
    unsharedWaitMs: median(rows.map((x) => x.unsharedWaitMs)),
    sharedOverUnshared: median(rows.map((x) => x.meshMs / x.unsharedMs)), peakBytes: Math.max(...rows.map((x) => x.peakBytes)),
    growthBytes: Math.max(...rows.map((x) => x.growthBytes)), liveSum, rssHow: rows[0].rssHow,
    flops: sum(check.stats.map((x) => x.einsumFlops)), profile: opKindTable(lastRun.stats),
  };
  return s;
}

const memRatio = (m, key) => (m.peakBytes - m.idleBytes) / m[key];

function printWorkload(s, jaxNote) {
  console.log(`\n${s.label}: ${s.devices} simulated devices, ${WORKERS} worker threads; ${wasmBinaryOf(s.backend)}; ` +
    `reps ${reps} (medians; reference, mesh and JAX interleaved); einsums ${fmt(s.flops / 1e9, 2)} GFLOP`);
  console.table([
    { measure: 'reference (global program, main thread)', value: fmt(s.referenceMs), unit: 'ms' },
    { measure: `mesh (${s.devices} devices in ${WORKERS} workers, collectives included)`, value: fmt(s.meshMs), unit: 'ms' },
    { measure: '  first mesh run after compile (cold: JIT, buffer pools, fresh pages)', value: fmt(s.coldMs), unit: 'ms' },
    { measure: `  the ${s.warmupMs.length} untimed warm-up runs after it`, value: s.warmupMs.map((x) => fmt(x)).join(' '), unit: 'ms' },
    { measure: '  busiest worker: its devices\' ops', value: fmt(s.computeMs), unit: 'ms' },
    { measure: '  busiest worker: collectives (in the workers, shared memory)', value: fmt(s.collectiveMs), unit: 'ms' },
    { measure: '  most idle worker: waiting at collectives', value: fmt(s.waitMs), unit: 'ms' },
    { measure: '  most helpful worker: computing the other\'s matmul rows at barriers', value: fmt(s.helpMs), unit: 'ms' },
    { measure: '  matmul rows handed to an idle worker (all workers)', value: String(s.rowsShared), unit: 'rows' },
    { measure: 'mesh with matmul sharing off (interleaved)', value: fmt(s.unsharedMs), unit: 'ms' },
    { measure: '  most idle worker: waiting at collectives, sharing off', value: fmt(s.unsharedWaitMs), unit: 'ms' },
    { measure: '  mesh / mesh with sharing off (median of per-rep ratios)', value: fmt(s.sharedOverUnshared, 2), unit: 'x' },
    { measure: 'mesh / reference (bar: <= 1.0 for the MoE layer)', value: fmt(s.meshOverReference, 2), unit: 'x' },
    { measure: `JAX jit, ${s.devices} CPU devices, exported program`, value: s.jaxMs === undefined ? jaxNote : fmt(s.jaxMs), unit: 'ms' },
    { measure: 'mesh / JAX (median of per-rep ratios)', value: s.meshOverJax === undefined ? '-' : fmt(s.meshOverJax, 2), unit: 'x' },
    { measure: `peak RSS of this bench process during its mesh runs (${s.rssHow})`, value: fmt(s.peakBytes / MiB), unit: 'MiB' },
    { measure: 'fresh process: RSS idle (backend and workers started)', value: fmt(s.memory.mesh.idleBytes / MiB), unit: 'MiB' },
    { measure: 'fresh process: peak RSS of one mesh run', value: fmt(s.memory.mesh.peakBytes / MiB), unit: 'MiB' },
    { measure: '  sum of per-device live peaks (liveness estimate)', value: fmt(s.memory.mesh.liveSum / MiB), unit: 'MiB' },
    { measure: '  (peak - idle) / live sum (bar: <= ~2)', value: fmt(memRatio(s.memory.mesh, 'liveSum'), 2), unit: 'x' },
    { measure: 'fresh process: peak RSS of a whole run (reference + mesh + compare)', value: fmt(s.memory.run.peakBytes / MiB), unit: 'MiB' },
    { measure: '  (peak - idle) / the run\'s liveness estimate', value: fmt(memRatio(s.memory.run, 'runEstimate'), 2), unit: 'x' },
    { measure: 'max rel error mesh vs reference', value: s.maxRelError.toExponential(1), unit: '' },
  ]);
  if (s.profile) console.table(s.profile);
  else console.log('per-op-kind time: this build\'s kernel stats carry no per-kind times (the `byKind` hook is empty)');
}

/**
 * The same model (fixed sizes) on 8..64 devices: the mesh does the same total work, split finer, so
 * its time should stay flat; growth with the device count is per-device overhead.
 */
async function scaling(pool) {
  const out = [];
  for (const n of [8, 16, 32, 64]) {
    const { global, local } = compile(moeLayer({ n, G: 64, S: 128, M: 128, E: 64, H: 256 }));
    const check = await runModel(global, local, { seed: 1, pool }); // warm-up and equivalence
    if (!check.equal) throw new Error(`scaling ${n}: mesh differs from the reference`);
    const feeds = prepareFeeds(global, 1).map((f) => f.array);
    const args = [...local.inputs, ...local.params];
    const ms = [];
    for (let r = 0; r < reps; r++) ms.push((await simulateMesh(local, distribute(args, feeds, local.mesh, { shared: true }), { pool })).ms);
    out.push({ devices: n, meshMs: median(ms), flops: sum(check.stats.map((x) => x.einsumFlops)), ops: local.ops.length, referenceMs: check.referenceMs });
  }
  return out;
}

/**
 * `--memory WORKLOAD PHASE` (a child process of this bench, so nothing earlier is held): RSS of the
 * process idle (backend and workers started), then the peak during one mesh run (`mesh`: the global
 * arrays dropped once tiled) or one whole `gshard run` (`run`: reference, mesh, comparison), against
 * the liveness estimates.
 */
async function memoryChild(which, phase) {
  const { global, local } = which === 'layer' ? compile(SOURCE) : compile(readFileSync(TRANSFORMER_FILE, 'utf8'), TRANSFORMER_DIMS);
  await initBackend();
  const pool = await WorkerPool.start(WORKERS);
  const idleBytes = process.memoryUsage.rss();
  const estimate = estimateRun(global, local);
  let peak;
  try {
    if (phase === 'mesh') {
      let globals = prepareFeeds(global, 1).map((f) => f.array);
      const perDevice = distribute([...local.inputs, ...local.params], globals, local.mesh, { shared: true });
      globals = undefined;
      peak = await withPeakRss(() => simulateMesh(local, perDevice, { pool }));
    } else {
      peak = await withPeakRss(() => runModel(global, local, { seed: 1, pool }));
    }
  } finally {
    await pool.close();
  }
  const n = meshSize(local.mesh);
  console.log(JSON.stringify({
    idleBytes, peakBytes: peak.peakBytes, how: peak.how, liveSum: n * estimate.perDevicePeak, runEstimate: estimate.total,
  }));
}

/** Runs the memory children one after another: their figures for the mesh alone and for a whole run. */
function memoryFigures(which) {
  const out = {};
  for (const phase of ['mesh', 'run']) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--memory', which, phase], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`memory child ${which} ${phase}: ${r.stderr}`);
    out[phase] = JSON.parse(r.stdout.trim().split('\n').pop());
  }
  return out;
}

if (process.argv[2] === '--memory') {
  await memoryChild(process.argv[3], process.argv[4]);
  process.exit(0);
}

await initBackend();
const python = jaxPython();
const jaxNote = python ? 'failed (see above)' : 'not run: set GSHARD_JAX_PYTHON to a Python with jax==0.10.2 (bench/README.md)';
const layer = compile(SOURCE);
const transformer = compile(readFileSync(TRANSFORMER_FILE, 'utf8'), TRANSFORMER_DIMS);
const pool = await WorkerPool.start(WORKERS);
let results;
let scale;
try {
  const workloads = [
    { label: 'MoE layer G=8 S=512 M=512 H=2048 E=8 (C=128)', memory: 'layer', ...layer, jaxSpec: { source: SOURCE, model: 'moe_layer' } },
    {
      label: 'examples/moe_transformer.gshard B=16 L=128 M=256 K=32 H=1024 S=256', memory: 'transformer', ...transformer,
      jaxSpec: { file: TRANSFORMER_FILE, model: transformer.global.name, args: Object.entries(TRANSFORMER_DIMS).flatMap(([k, v]) => ['--dim', `${k}=${v}`]) },
    },
  ];
  results = [];
  for (const w of workloads) {
    let jax;
    if (python) {
      try {
        jax = await startJaxTimer(python, { ...w.jaxSpec, devices: 8 });
      } catch (e) {
        console.log(`JAX timer for ${w.label} failed: ${e.message}`);
      }
    }
    try {
      const s = await benchWorkload(pool, { ...w, jax });
      if (jax) s.jaxInfo = jax.info;
      s.memory = memoryFigures(w.memory);
      results.push(s);
      printWorkload(s, jaxNote);
    } finally {
      jax?.close();
    }
  }
  scale = await scaling(pool);
} finally {
  await pool.close();
}
console.log('\nscaling: the MoE layer G=64 S=128 M=128 H=256 E=64 (fixed sizes) on more simulated devices, 2 workers');
console.table(scale.map((x) => ({
  devices: x.devices, 'local ops per device': x.ops, 'einsum GFLOP (all devices)': fmt(x.flops / 1e9, 2), 'mesh ms': fmt(x.meshMs),
  'vs 8 devices': fmt(x.meshMs / scale[0].meshMs, 2), 'reference ms (one device)': fmt(x.referenceMs),
})));

const { global, local } = layer;
const einsumOps = local.ops.filter((op) => op.kind === 'einsum');
const shapes = einsumOps.map(matmulShape).filter(Boolean);
const perDeviceFlops = shapes.reduce((s, x) => s + 2 * x.nb * x.m * x.k * x.n, 0);
// The bar compares kernels under the same conditions: the 8 devices run in this thread (no other
// worker competing for the core), interleaved rep by rep with the bare matMuls, so load on a shared
// machine hits both alike.
const feeds = distribute([...local.inputs, ...local.params], prepareFeeds(global, 1).map((f) => f.array), local.mesh);
simulateInProcess(local, feeds); // warm-up
const sameThread = [];
const einsumTime = (run) => run.stats.reduce((t, x) => t + x.einsumMs, 0);
for (let r = 0; r < reps; r++) {
  // The bar is about the dense matmul path, which bare tf.matMul does: skipping the masks' zeros (the sparse
  // dispatch/combine einsums, dead expert rows) is off for it, and timed on beside it.
  setZeroSkipping(false);
  const run = simulateInProcess(local, feeds);
  setZeroSkipping(true);
  const skipping = simulateInProcess(local, feeds);
  const flops = run.stats.reduce((t, x) => t + x.einsumFlops, 0);
  const bare = bareMatmulMs(shapes, 1);
  sameThread.push({ einsum: flops / einsumTime(run) / 1e6, bare: perDeviceFlops / bare / 1e6,
    skipGain: einsumTime(run) / einsumTime(skipping) });
}
const threadEinsumGflops = median(sameThread.map((x) => x.einsum));
const bareGflops = median(sameThread.map((x) => x.bare));
const uploadGflops = perDeviceFlops / uploadMatmulMs(shapes, reps) / 1e6;
const gflopRatio = median(sameThread.map((x) => x.einsum / x.bare));
const skipGain = median(sameThread.map((x) => x.skipGain));
console.log('\neinsum kernels of the MoE layer, devices in this thread (interleaved with bare matMuls)');
console.table([
  ...shapes.map((s, i) => ({ einsum: JSON.stringify(einsumOps[i].attrs.inputs.map((x) => x.join('')).join(',') + '->' + einsumOps[i].attrs.output.join('')), '2-D products per device': `${s.nb} x [${s.m},${s.k}]x[${s.k},${s.n}]` })),
]);
console.table([
  { measure: 'einsum GFLOP/s on the mesh, devices in this thread (dense path)', value: threadEinsumGflops.toFixed(1) },
  { measure: 'bare tf.matMul GFLOP/s, same 2-D shapes, this thread, interleaved', value: bareGflops.toFixed(1) },
  { measure: 'ratio einsum / bare, same thread (bar: >= 0.8)', value: gflopRatio.toFixed(2) },
  { measure: 'for context: tf.matMul uploading its operands each call', value: uploadGflops.toFixed(1) },
  { measure: 'einsum time dense path / with zeros skipped (what the mesh runs)', value: skipGain.toFixed(2) },
]);
const [a, b] = results;
const json = (s, p) => ({
  [`${p}ReferenceMs`]: Math.round(s.referenceMs), [`${p}MeshMs`]: Math.round(s.meshMs),
  [`${p}ColdMeshMs`]: Math.round(s.coldMs), [`${p}MeshOverReference`]: +s.meshOverReference.toFixed(3),
  ...(s.jaxMs !== undefined ? { [`${p}JaxMs`]: Math.round(s.jaxMs), [`${p}MeshOverJax`]: +s.meshOverJax.toFixed(3) } : {}),
  [`${p}MeshPeakRssMiB`]: Math.round(s.memory.mesh.peakBytes / MiB), [`${p}MeshRssOverLive`]: +memRatio(s.memory.mesh, 'liveSum').toFixed(3),
  [`${p}RunPeakRssMiB`]: Math.round(s.memory.run.peakBytes / MiB), [`${p}RunRssOverEstimate`]: +memRatio(s.memory.run, 'runEstimate').toFixed(3),
  [`${p}WaitMs`]: Math.round(s.waitMs), [`${p}UnsharedMs`]: Math.round(s.unsharedMs),
  [`${p}SharedOverUnshared`]: +s.sharedOverUnshared.toFixed(3), [`${p}CollectiveMs`]: Math.round(s.collectiveMs), [`${p}MaxRelError`]: s.maxRelError,
});
console.log(`BENCH_JSON ${JSON.stringify({
  bench: 'run', devices: 8, ...json(a, 'layer'), ...json(b, 'transformer'),
  ...Object.fromEntries(scale.map((x) => [`scaling${x.devices}Ms`, Math.round(x.meshMs)])),
  einsumGflops: +threadEinsumGflops.toFixed(2), bareMatmulGflops: +bareGflops.toFixed(2), uploadMatmulGflops: +uploadGflops.toFixed(2), gflopRatio: +gflopRatio.toFixed(3), zeroSkipGain: +skipGain.toFixed(3),
})}`);
