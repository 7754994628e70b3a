// Bench: one training step (forward, backward, SGD update) of examples/moe_decoder_lm.gshard at a bench size, on the
// simulated mesh (tfjs-wasm, 2 worker threads) against the one-device reference and, with GSHARD_JAX_PYTHON set,
// the `export --train --format jax` train_step on 8 CPU devices; per-op-kind time.
//   node bench/train.js [reps] [--build DIR]   DIR: another checkout's built tree (its compiler/dist), to compare
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { jaxPython, startJaxTimer } from './lib/jax.js';
import { withPeakRss } from './lib/rss.js';
import { MESH_WARMUP, warmUp } from './lib/warmup.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const buildAt = argv.indexOf('--build');
const BUILD = buildAt >= 0 ? resolve(argv[buildAt + 1] ?? '.') : ROOT;
const positional = argv.filter((_, i) => buildAt < 0 || (i !== buildAt && i !== buildAt + 1));
const reps = Number(positional[0] ?? 3);
const dist = (path) => import(pathToFileURL(join(BUILD, 'compiler', 'dist', 'src', path)).href);
const { runPipeline } = await dist('passes/run-pipeline.js');
const { initBackend, full } = await dist('runtime/index.js');
const { wasmBinaryOf } = await dist('exec/run-model.js');
const { WorkerPool } = await dist('exec/worker-pool.js');
const { simulateMesh } = await dist('exec/mesh-sim.js');
const { distribute } = await dist('exec/tiles.js');
const { interpret } = await dist('exec/interpreter.js');
const { prepareFeeds } = await dist('exec/inputs.js');
const { trainModel } = await dist('exec/train-run.js');
const { mergeProfiles, profileRows } = await dist('exec/profile.js');
const { OPTIMIZERS } = await dist('train/optimizer.js');
const WORKERS = 2;
const MiB = 1024 ** 2;
const FILE = join(ROOT, 'examples', 'moe_decoder_lm.gshard');
// The size of bench/run.js's Transformer (B=16 L=128 M=256 K=32 H=1024 S=256), with a 512-token vocabulary.
const DIMS = { B: 16, L: 128, V: 512, M: 256, K: 32, H: 1024, S: 256 };
const LR = 0.1;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, d = 0) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(d));

function compile() {
  const r = runPipeline(readFileSync(FILE, 'utf8'), {
    dims: new Map(Object.entries(DIMS)), train: { optimizer: OPTIMIZERS.sgd({ lr: LR }) },
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !r.spmd) throw new Error(errors.map((d) => d.message).join('\n'));
  return { global: r.sharded, local: r.spmd };
}

/** The first step's feeds (as exec/train-run.ts's trainFeeds; written here so that an older build runs too). */
function trainFeeds(global, seed) {
  const initOf = new Map(global.training.state.map((s) => [s.name, s.init]));
  return prepareFeeds(global, seed).map((f) => {
    const init = initOf.get(f.value.name);
    if (init === undefined) return f;
    const t = f.value.type;
    return { ...f, array: full(t.dtype, t.dims.map((d) => d.name), t.dims.map((d) => d.size), init) };
  });
}

/** Per-op-kind rows of the mesh (summed over devices, collectives as one row) beside the reference's. */
function kindTable(meshProfile, collectiveMs, refProfile) {
  const ref = new Map(profileRows(refProfile).map((r) => [r.kind, r]));
  return profileRows(meshProfile, { '(collectives)': collectiveMs }).map((r) => ({
    kind: r.kind, 'mesh ms (all devices)': fmt(r.ms, 1), 'mesh share': `${fmt(100 * r.share, 1)}%`, calls: r.calls,
    'reference ms': fmt(ref.get(r.kind)?.ms, 1), 'reference share': ref.has(r.kind) ? `${fmt(100 * ref.get(r.kind).share, 1)}%` : '-',
  }));
}

const backend = await initBackend();
const python = jaxPython();
const { global, local } = compile();
const pool = await WorkerPool.start(WORKERS);
let jax;
if (python) {
  try {
    jax = await startJaxTimer(python, {
      file: FILE, model: global.name, devices: 8, train: true,
      args: [...Object.entries(DIMS).flatMap(([k, v]) => ['--dim', `${k}=${v}`]), '--optimizer', 'sgd', '--lr', String(LR)],
    });
  } catch (e) {
    console.log(`JAX timer failed: ${e.message}`);
  }
}
const rows = [];
let check;
let lastMesh;
let lastRefProfile;
let warmupMs = [];
let residentStepMs = [];
let residentCheck;
try {
  // warm-up, and the equivalence check: one step on both, gradients and updated params compared
  check = await trainModel(global, local, { steps: 1, seed: 1, pool });
  if (!check.equal) throw new Error(`the mesh's training step differs from the reference: max rel ${check.maxRelError}`);
  const feeds = trainFeeds(global, 1);
  const feedMap = new Map(feeds.map((f) => [f.value.name, f.array]));
  const globals = feeds.map((f) => f.array);
  const args = [...local.inputs, ...local.params];
  warmupMs = await warmUp(() => interpret(global, feedMap),
    async () => (await simulateMesh(local, distribute(args, globals, local.mesh, { shared: true }), { pool })).ms);
  for (let r = 0; r < reps; r++) {
    const profile = {};
    const r0 = performance.now();
    interpret(global, feedMap, { profile });
    const referenceMs = performance.now() - r0;
    lastRefProfile = profile;
    const perDevice = distribute(args, globals, local.mesh, { shared: true });
    const m = await withPeakRss(() => simulateMesh(local, perDevice, { pool }));
    lastMesh = m.value;
    const jaxMs = jax ? await jax.step() : undefined;
    rows.push({ referenceMs, meshMs: m.value.ms, jaxMs, collectiveMs: m.value.collectiveMs, peakBytes: m.peakBytes });
  }
  // What `gshard train --steps N` runs: the resident mesh (params stay in the workers as the next step's feeds, only
  // the loss comes back), after the same warm-up; its steps alternate with reference steps, not with JAX's.
  const trained = await trainModel(global, local, { steps: MESH_WARMUP + reps, seed: 1, pool });
  residentCheck = trained;
  residentStepMs = (trained.stepMeshMs ?? []).slice(MESH_WARMUP); // empty on a build without stepMeshMs
} finally {
  jax?.close();
  await pool.close();
}

const s = {
  referenceMs: median(rows.map((x) => x.referenceMs)), meshMs: median(rows.map((x) => x.meshMs)),
  meshOverReference: median(rows.map((x) => x.meshMs / x.referenceMs)),
  jaxMs: jax ? median(rows.map((x) => x.jaxMs)) : undefined,
  meshOverJax: jax ? median(rows.map((x) => x.meshMs / x.jaxMs)) : undefined,
  collectiveMs: median(rows.map((x) => x.collectiveMs)), peakBytes: Math.max(...rows.map((x) => x.peakBytes)),
  flops: lastMesh.stats.reduce((t, x) => t + x.einsumFlops, 0),
  residentMs: residentStepMs.length ? median(residentStepMs) : undefined,
};
const jaxNote = python ? 'failed (see above)' : 'not run: set GSHARD_JAX_PYTHON to a Python with jax==0.10.2 (bench/README.md)';
const dims = Object.entries(DIMS).map(([k, v]) => `${k}=${v}`).join(' ');
if (BUILD !== ROOT) console.log(`\nbuild measured: ${BUILD}`);
console.log(`\ntraining step (fwd+bwd+sgd) of examples/moe_decoder_lm.gshard ${dims}: ${check.devices} simulated devices, ` +
  `${WORKERS} worker threads; ${global.ops.length} global ops, ${local.ops.length} per device; ` +
  `reps ${reps} (medians; reference, mesh and JAX interleaved); einsums ${fmt(s.flops / 1e9, 2)} GFLOP (all devices)` +
  `${jax ? `; JAX: ${jax.info}` : ''}`);
console.table([
  { measure: 'reference (global training program, main thread)', value: fmt(s.referenceMs), unit: 'ms' },
  { measure: `mesh (${check.devices} devices in ${WORKERS} workers, collectives included)`, value: fmt(s.meshMs), unit: 'ms' },
  { measure: '  first step after compile (cold: JIT, buffer pools, fresh pages)', value: fmt(check.meshMs), unit: 'ms' },
  { measure: `  the ${warmupMs.length} untimed warm-up steps after it`, value: warmupMs.map((x) => fmt(x)).join(' '), unit: 'ms' },
  { measure: '  busiest worker: collectives (in the workers, shared memory)', value: fmt(s.collectiveMs), unit: 'ms' },
  { measure: 'mesh / reference (median of per-rep ratios)', value: fmt(s.meshOverReference, 2), unit: 'x' },
  { measure: `JAX jit train_step, ${check.devices} CPU devices, export --train`, value: s.jaxMs === undefined ? jaxNote : fmt(s.jaxMs), unit: 'ms' },
  { measure: 'mesh / JAX (median of per-rep ratios)', value: s.meshOverJax === undefined ? '-' : fmt(s.meshOverJax, 2), unit: 'x' },
  { measure: `resident steps as \`gshard train\` runs them (median of ${reps} after ${MESH_WARMUP} warm-up steps)`, value: fmt(s.residentMs), unit: 'ms' },
  {
    // over many steps the two runs drift apart (see bench/README.md); the first, checked step is the equivalence test
    measure: `  params after those ${MESH_WARMUP + reps} steps: max rel error mesh vs reference (${residentCheck?.equal ? 'EQUAL' : 'DIFFERENT'} by the step bound)`,
    value: residentCheck ? residentCheck.maxRelError.toExponential(1) : '-', unit: '',
  },
  { measure: '  resident step / JAX (medians)', value: s.residentMs === undefined || s.jaxMs === undefined ? '-' : fmt(s.residentMs / s.jaxMs, 2), unit: 'x' },
  { measure: `peak RSS of this bench process during its mesh runs`, value: fmt(s.peakBytes / MiB), unit: 'MiB' },
  { measure: 'first step: gradients max rel error mesh vs reference', value: check.gradMaxRelError.toExponential(1), unit: '' },
]);
console.log(`per-op-kind kernel time of the last rep (${wasmBinaryOf(backend)}; mesh summed over devices)`);
console.table(kindTable(mergeProfiles(lastMesh.stats.map((x) => x.byKind)), lastMesh.collectiveMs, lastRefProfile));
console.log(`BENCH_JSON ${JSON.stringify({
  bench: 'train', trainReferenceMs: Math.round(s.referenceMs), trainMeshMs: Math.round(s.meshMs),
  trainColdMeshMs: Math.round(check.meshMs),
  ...(s.residentMs !== undefined ? { trainResidentStepMs: Math.round(s.residentMs) } : {}),
  trainMeshOverReference: +s.meshOverReference.toFixed(3),
  ...(s.jaxMs !== undefined ? { trainJaxMs: Math.round(s.jaxMs), trainMeshOverJax: +s.meshOverJax.toFixed(3) } : {}),
  trainCollectiveMs: Math.round(s.collectiveMs), trainMeshPeakRssMiB: Math.round(s.peakBytes / MiB),
  trainGradMaxRelError: check.gradMaxRelError,
})}`);
