// Owns one equivalence run: memory guard, feeds, the reference interpreter, the simulated mesh, and the
// comparison of their outputs.
import type { Module } from '../ir/module.js';
import { LIMITS } from '../limits.js';
import { meshSize, meshToString } from '../ir/mesh.js';
import { backendInfo, initBackend, maxAbsDiff, maxRelDiff, type BackendInfo, type NDArray } from '../runtime/index.js';
import { type Feed, prepareFeeds } from './inputs.js';
import { interpret } from './interpreter.js';
import { estimateMemory } from './liveness.js';
import { simulateMesh } from './mesh-sim.js';
import { assemble, distribute } from './tiles.js';
import type { WorkerPool } from './worker-pool.js';
import type { KernelStats } from './device-runner.js';
import { isCollectiveKind } from '../ops/registry.js';
import { toleranceOf } from './tolerance.js';
import { formatBytes } from '../diag/format.js';
import { mergeProfiles, type OpProfile } from './profile.js';
import { at, got } from '../util/checked.js';

export interface MemoryReport {
  /** Peak live bytes of one device (every device runs the same shapes). */
  readonly perDevicePeak: number;
  readonly perDeviceParams: number;
  readonly perDeviceInputs: number;
  /** Peak live bytes of the reference (global) run. */
  readonly referencePeak: number;
  /** What the whole run may hold at once: the reference, every device, and the gathered outputs. */
  readonly total: number;
}

/** Estimates a run's memory before anything is allocated (liveness over both programs). */
export function estimateRun(global: Module, local: Module): MemoryReport {
  const g = estimateMemory(global);
  const l = estimateMemory(local);
  const n = meshSize(local.mesh);
  const outputs = global.outputs.reduce((s, v) => s + v.type.dims.reduce((p, d) => p * d.size, 4), 0);
  return {
    perDevicePeak: l.peak, perDeviceParams: l.params, perDeviceInputs: l.inputs, referencePeak: g.peak,
    total: g.peak + n * l.peak + outputs,
  };
}

/** A run refused before allocating: its estimate is over LIMITS.runBytes. */
export class MemoryLimitError extends Error {
  constructor(readonly estimate: MemoryReport) {
    super(`this run needs about ${formatBytes(estimate.total)} (reference ${formatBytes(estimate.referencePeak)} + ` +
      `${formatBytes(estimate.perDevicePeak)} per device), over the limit of ${formatBytes(LIMITS.runBytes.value)} ` +
      `for ${LIMITS.runBytes.what}. ` +
      `Run it on fewer or smaller dims, or raise the limit with ${LIMITS.runBytes.envVar}=<bytes> ` +
      '(LIMITS.runBytes in compiler/src/limits.ts); note the wasm heap of one thread stops at 4 GiB.');
  }
}

export { formatBytes };

export interface OutputReport {
  readonly name: string;
  readonly dtype: string;
  readonly dims: { name: string; size: number }[];
  readonly maxAbsError: number;
  readonly maxRelError: number;
  readonly tolerance: number;
  readonly ok: boolean;
  /** Replicas of a tile that disagree (must be none). */
  readonly replicaMismatches: { device: number; reference: number; maxDiff: number }[];
}

export interface RunReport {
  readonly model: string;
  readonly mesh: string;
  readonly devices: number;
  readonly workers: number;
  readonly backend: BackendInfo;
  readonly wasmBinary: string;
  readonly seed: number;
  readonly referenceMs: number;
  readonly meshMs: number;
  readonly collectiveMs: number;
  /** Putting every device's tiles in place (not in meshMs). */
  readonly loadMs: number;
  readonly collectives: number;
  readonly localOps: number;
  readonly globalOps: number;
  readonly maxAbsError: number;
  readonly maxRelError: number;
  readonly equal: boolean;
  readonly outputs: OutputReport[];
  readonly memory: MemoryReport;
  /** Einsums on the mesh: total flops, kernel time summed over devices, and the rate per device thread. */
  readonly einsum: { flops: number; ms: number; gflops: number };
  readonly feeds: Feed[];
  /** The outputs themselves, for --save and tests. */
  readonly arrays: { name: string; mesh: NDArray; reference: NDArray }[];
  readonly stats: KernelStats[];
  /**
   * Kernel time per op kind: the mesh summed over devices (collectives apart, in collectiveMs), and the
   * reference.
   */
  readonly profile: { readonly mesh: OpProfile; readonly reference: OpProfile };
}

// TrainOptions (train-run.ts) repeats these fields plus `steps`; it is left alone here because train-run.ts is
// being changed on another branch (it can extend RunOptions once that lands).
export interface RunOptions {
  readonly seed?: number;
  readonly inputsDir?: string;
  /** With inputsDir: generate a feed it lacks from the seed instead of refusing the run. */
  readonly generateMissing?: boolean;
  readonly pool?: WorkerPool;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Skip the memory guard (tests of the guard itself call estimateRun). */
  readonly ignoreLimit?: boolean;
}

/** The name of the .wasm file tfjs-backend-wasm loaded, from what it reports. */
export function wasmBinaryOf(info: BackendInfo): string {
  if (info.backend !== 'wasm') return 'none (JS fallback)';
  if (info.threads) return 'tfjs-backend-wasm-threaded-simd.wasm';
  return info.simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
}

export async function runModel(global: Module, local: Module, options: RunOptions = {}): Promise<RunReport> {
  const memory = estimateRun(global, local);
  if (!options.ignoreLimit && memory.total > LIMITS.runBytes.value) throw new MemoryLimitError(memory);
  await initBackend();
  const seed = options.seed ?? 0;
  const feeds = prepareFeeds(global, seed, options.inputsDir, { generateMissing: options.generateMissing ?? false });
  const feedMap = new Map(feeds.map((f) => [f.value.name, f.array]));
  const localArgs = [...local.inputs, ...local.params];
  const globalArgs = [...global.inputs, ...global.params];
  localArgs.forEach((v, i) => {
    if (globalArgs[i]?.name !== (v.globalName ?? v.name)) {
      throw new Error(`local ${v.role} '${v.name}' does not match global '${globalArgs[i]?.name}'`);
    }
  });

  const progress = options.onProgress;
  const r0 = performance.now();
  const referenceProfile: OpProfile = {};
  const reference = interpret(global, feedMap, {
    profile: referenceProfile,
    ...(progress ? { onProgress: (d: number, t: number) => progress('reference', d, t) } : {}),
  });
  const referenceMs = performance.now() - r0;

  const globals = globalArgs.map((v) => got(feedMap, v.name, 'feeds')); // prepareFeeds feeds every arg
  const perDevice = distribute(localArgs, globals, local.mesh, { shared: !!options.pool });
  const run = await simulateMesh(local, perDevice, {
    ...(options.pool ? { pool: options.pool } : {}),
    ...(progress ? { onProgress: (d, t) => progress('mesh', d, t) } : {}),
  });

  const outputs: OutputReport[] = [];
  const arrays: RunReport['arrays'] = [];
  let maxAbs = 0;
  let maxRel = 0;
  local.outputs.forEach((v, k) => {
    const perDevice = run.outputs.map((o) => at(o, k, 'device outputs'));
    const { array, replicaMismatches } = assemble(v, perDevice, local.mesh);
    // the local program has the global program's outputs, in order (the partitioner keeps them)
    const ref = at(reference, k, 'reference outputs');
    const abs = maxAbsDiff(array, ref);
    const rel = maxRelDiff(array, ref);
    const gv = at(global.outputs, k, 'global outputs');
    const tolerance = toleranceOf(global, gv);
    const ok = rel <= tolerance && replicaMismatches.length === 0;
    maxAbs = Math.max(maxAbs, abs);
    maxRel = Math.max(maxRel, rel);
    const name = uniqueOutputName(gv.name, k, global);
    const dims = gv.type.dims.map((d) => ({ name: d.name, size: d.size }));
    outputs.push({
      name, dtype: gv.type.dtype, dims, maxAbsError: abs, maxRelError: rel, tolerance, ok, replicaMismatches,
    });
    arrays.push({ name, mesh: array, reference: ref });
  });
  const flops = run.stats.reduce((s, x) => s + x.einsumFlops, 0);
  const ems = run.stats.reduce((s, x) => s + x.einsumMs, 0);
  const backend = options.pool?.backend ?? backendInfo();
  return {
    model: global.name, mesh: meshToString(local.mesh), devices: meshSize(local.mesh),
    workers: options.pool ? Math.min(options.pool.size, meshSize(local.mesh)) : 0,
    backend, wasmBinary: wasmBinaryOf(backend), seed,
    referenceMs, meshMs: run.ms, collectiveMs: run.collectiveMs, loadMs: run.loadMs,
    collectives: local.ops.filter((o) => isCollectiveKind(o.kind)).length,
    localOps: local.ops.length, globalOps: global.ops.length,
    maxAbsError: maxAbs, maxRelError: maxRel, equal: outputs.every((o) => o.ok), outputs, memory,
    einsum: { flops, ms: ems, gflops: ems > 0 ? flops / ems / 1e6 : 0 }, feeds, arrays, stats: run.stats,
    profile: { mesh: mergeProfiles(run.stats.map((s) => s.byKind ?? {})), reference: referenceProfile },
  };
}

/** Output k's name for reports and files: the value name, suffixed when two outputs share it. */
function uniqueOutputName(name: string, k: number, m: Module): string {
  return m.outputs.findIndex((v) => v.name === name) === k ? name : `${name}.${k}`;
}
