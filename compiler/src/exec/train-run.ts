// Owns one training run: the training program stepped N times on the simulated mesh and on one device
// (the reference), parameters and optimizer state carried between steps (on the mesh, each device keeps
// its shards: resident-mesh.ts), and their comparison.
import { shardingOf, type Module, type TrainingLayout, type Value } from '../ir/module.js';
import { LIMITS } from '../limits.js';
import { axisSize, meshSize, meshToString, type Mesh } from '../ir/mesh.js';
import { typesEqual } from '../ir/types.js';
import { full, initBackend, makeArray, maxRelDiff, type NDArray } from '../runtime/index.js';
import { type Feed, prepareFeeds } from './inputs.js';
import { interpret } from './interpreter.js';
import { openResident, type Feedback, type FeedUpdate } from './resident-mesh.js';
import { assemble, distribute, tileOf } from './tiles.js';
import type { WorkerPool } from './worker-pool.js';
import { toleranceOf } from './tolerance.js';
import { StepBounds, withinBound } from './step-bound.js';
import { estimateRun, MemoryLimitError } from './run-model.js';
import { InternalError } from '../util/checked.js';

export interface TrainStep {
  readonly loss: number;
  readonly referenceLoss: number;
}

/** One tensor after the run, on the mesh and on the reference, with its error and the bar it is held to. */
export interface TrainTensor {
  readonly name: string;
  readonly mesh: NDArray;
  readonly reference: NDArray;
  readonly maxRelError: number;
  readonly tolerance: number;
  readonly ok: boolean;
  /**
   * A param after the steps: its elements beyond `tolerance` of the scale but within the gradient's
   * tolerance propagated through the optimizer's updates (step-bound.ts), of all its elements.
   */
  readonly propagated?: { readonly elements: number; readonly of: number };
}

export interface TrainReport {
  readonly model: string;
  readonly mesh: string;
  readonly devices: number;
  readonly optimizer: string;
  readonly seed: number;
  readonly steps: readonly TrainStep[];
  /** The largest relative error of the parameters after the last step (mesh vs reference). */
  readonly maxRelError: number;
  /** The largest relative error of the first step's gradients. */
  readonly gradMaxRelError: number;
  readonly equal: boolean;
  /** Wall-clock milliseconds over all steps: the reference program, and the mesh (every device + collectives). */
  readonly referenceMs: number;
  readonly meshMs: number;
  /** The mesh's wall time per step (the resident workers keep params between steps); meshMs is their sum. */
  readonly stepMeshMs: readonly number[];
  readonly globalOps: number;
  readonly localOps: number;
  readonly feeds: readonly Feed[];
  /** The first step's gradients, the parameters after the last step, and the optimizer state after it. */
  readonly grads: readonly TrainTensor[];
  readonly final: readonly TrainTensor[];
  readonly state: readonly TrainTensor[];
  /** Params and state tensors that cannot stay on the devices between steps (see `staysOnDevice`). */
  readonly viaHost: readonly string[];
}

export interface TrainOptions {
  readonly steps: number;
  readonly seed?: number;
  readonly inputsDir?: string;
  readonly generateMissing?: boolean;
  readonly pool?: WorkerPool;
  /** Called once per step and program (`reference`, `mesh`) with the step number. */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  readonly ignoreLimit?: boolean;
}

export function layoutOf(m: Module): TrainingLayout {
  if (!m.training) throw new InternalError(`module ${m.name} is not a training program (no autodiff pass ran)`);
  return m.training;
}

/** A copy that no run can recycle or alias. */
const copy = (a: NDArray): NDArray => makeArray(a.dtype, a.dims, a.shape, a.data.slice());

/**
 * The first step's feeds of a training program: inputs and params as `prepareFeeds` makes them (generated
 * from `seed` or loaded from `inputsDir`), optimizer state set to its optimizer's initial value.
 */
export function trainFeeds(global: Module, seed: number, inputsDir?: string, generateMissing = false): Feed[] {
  const initOf = new Map(layoutOf(global).state.map((s) => [s.name, s.init]));
  return prepareFeeds(global, seed, inputsDir, { generateMissing }).map((f) => {
    const init = initOf.get(f.value.name);
    if (init === undefined) return f;
    const t = f.value.type;
    const array = full(t.dtype, t.dims.map((d) => d.name), t.dims.map((d) => d.size), init);
    return { ...f, array, source: `init ${init}` };
  });
}

/**
 * Runs `steps` training steps of the global training program (reference) and of its SPMD program
 * (mesh), each from the same feeds; the params and state each run updates feed its own next step.
 */
export async function trainModel(global: Module, local: Module, options: TrainOptions): Promise<TrainReport> {
  const layout = layoutOf(global);
  const memory = estimateRun(global, local);
  if (!options.ignoreLimit && memory.total > LIMITS.runBytes.value) throw new MemoryLimitError(memory);
  await initBackend();
  const seed = options.seed ?? 0;
  const feeds = trainFeeds(global, seed, options.inputsDir, options.generateMissing ?? false);
  const globalArgs = [...global.inputs, ...global.params];
  const localArgs = [...local.inputs, ...local.params];
  localArgs.forEach((v, i) => {
    if (globalArgs[i]?.name !== (v.globalName ?? v.name)) {
      throw new InternalError(`local ${v.role} '${v.name}' does not match global '${globalArgs[i]?.name}'`);
    }
  });
  const carried = [...layout.params, ...layout.state.map((s) => s.name)];
  const nextAt = [...layout.outputs.params, ...layout.outputs.state];
  const refState = new Map(feeds.map((f) => [f.value.name, f.array]));
  const meshState = new Map(feeds.map((f) => [f.value.name, copy(f.array)]));
  // Each updated param or state tensor whose tiles are laid out as its feed's stays on its device; any
  // other (a layout propagation chose differently, uneven tiles) comes back and is split again.
  const argIndex = new Map(globalArgs.map((v, i) => [v.name, i]));
  const feedback: Feedback[] = [];
  const viaHost: Feedback[] = [];
  const viaHostNames: string[] = [];
  carried.forEach((name, i) => {
    const output = at(nextAt, i);
    const feed = argIndex.get(name);
    if (feed === undefined) throw new InternalError(`the training program has no param '${name}'`);
    if (staysOnDevice(at(localArgs, feed), at(local.outputs, output), local.mesh)) feedback.push({ output, feed });
    else { viaHost.push({ output, feed }); viaHostNames.push(name); }
  });
  const loaded = distribute(localArgs, globalArgs.map((v) => must(meshState.get(v.name), v)), local.mesh,
    { shared: !!options.pool });
  const resident = await openResident(local, loaded, feedback, options.pool);
  let updates: FeedUpdate[] = [];
  const steps: TrainStep[] = [];
  let referenceMs = 0;
  let meshMs = 0;
  const stepMeshMs: number[] = [];
  let firstGrads: { ref: NDArray[]; mesh: NDArray[] } | undefined;
  let lastRef: NDArray[] = [];
  let lastMesh: NDArray[] = [];
  const bounds = new StepBounds(global, layout);
  for (let s = 0; s < options.steps; s++) {
    options.onProgress?.(`step ${s + 1}/${options.steps}`, s, options.steps);
    const r0 = performance.now();
    const ref = interpret(global, refState);
    referenceMs += performance.now() - r0;
    // only the loss comes back, and the gradients after the first step and the params and state after the last
    const returns = [...new Set([layout.outputs.loss, ...(s === 0 ? layout.outputs.grads : []),
      ...(s === options.steps - 1 ? nextAt : []), ...viaHost.map((h) => h.output)])];
    const run = await resident.step(returns, updates);
    meshMs += run.ms;
    stepMeshMs.push(run.ms);
    // sparse: output k where it came back
    const mesh: NDArray[] = [];
    returns.forEach((k, j) => {
      mesh[k] = assemble(at(local.outputs, k), run.outputs.map((o) => at(o, j)), local.mesh).array;
    });
    steps.push({ loss: scalarOf(mesh[layout.outputs.loss]), referenceLoss: scalarOf(ref[layout.outputs.loss]) });
    if (s === 0) {
      firstGrads = {
        ref: layout.outputs.grads.map((k) => copy(at(ref, k))), mesh: layout.outputs.grads.map((k) => at(mesh, k)),
      };
    }
    bounds.add(refState, ref);
    carried.forEach((name, i) => refState.set(name, copy(at(ref, at(nextAt, i)))));
    updates = viaHost.map(({ output, feed }) => {
      const arg = at(localArgs, feed);
      const global = at(mesh, output);
      return { feed, arrays: Array.from({ length: meshSize(local.mesh) }, (_, d) => tileOf(global, arg.sharding,
        local.mesh, d)) };
    });
    lastRef = ref;
    lastMesh = mesh;
  }
  options.onProgress?.('done', options.steps, options.steps);
  const compare = (names: readonly string[], idx: readonly number[], r: readonly NDArray[], m: readonly NDArray[]) =>
    names.map((name, i): TrainTensor => {
      const k = at(idx, i);
      const reference = at(r, i);
      const meshArray = at(m, i);
      const rel = maxRelDiff(meshArray, reference);
      const tolerance = toleranceOf(global, at(global.outputs, k));
      return { name, mesh: meshArray, reference, maxRelError: rel, tolerance, ok: rel <= tolerance };
    });
  const pick = (xs: readonly NDArray[], idx: readonly number[]) => idx.map((k) => at(xs, k));
  const grads = firstGrads ? compare(layout.params, layout.outputs.grads, firstGrads.ref, firstGrads.mesh) : [];
  const after = (names: readonly string[], idx: readonly number[]) =>
    (steps.length ? compare(names, idx, pick(lastRef, idx), pick(lastMesh, idx)) : []);
  // a param is also EQUAL where it is within its gradient's tolerance carried through the updates
  const final = after(layout.params, layout.outputs.params).map((t, i): TrainTensor => {
    const w = withinBound(t.mesh, t.reference, t.tolerance, at(bounds.perParam, i));
    const propagated = w.amplified > 0 ? { propagated: { elements: w.amplified, of: w.elements } } : {};
    return { ...t, ok: t.ok || w.ok, ...propagated };
  });
  const state = after(layout.state.map((s) => s.name), layout.outputs.state);
  const lossBar = toleranceOf(global, at(global.outputs, layout.outputs.loss));
  const lossOk = steps.every((st) =>
    Math.abs(st.loss - st.referenceLoss) <= lossBar * Math.max(1, Math.abs(st.referenceLoss)));
  return {
    model: global.name, mesh: meshToString(local.mesh), devices: meshSize(local.mesh), optimizer: layout.optimizer,
    seed, steps,
    maxRelError: Math.max(0, ...final.map((t) => t.maxRelError)),
    gradMaxRelError: Math.max(0, ...grads.map((t) => t.maxRelError)),
    equal: lossOk && [...grads, ...final, ...state].every((t) => t.ok),
    referenceMs, meshMs, stepMeshMs, globalOps: global.ops.length, localOps: local.ops.length,
    feeds, grads, final, state,
    viaHost: viaHostNames,
  };
}

/**
 * True when device d's tile of output `out` is exactly what it needs as feed `feed` next step: the same
 * local type and layout, complete (no pending partial sums), and no padding (which tileOf sets to zero).
 */
function staysOnDevice(feed: Value, out: Value, mesh: Mesh): boolean {
  const a = shardingOf(feed);
  const b = shardingOf(out);
  const sameAxes = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  const global = feed.globalType ?? feed.type;
  return typesEqual(feed.type, out.type) && b.unreduced.length === 0 && a.dims.length === b.dims.length
    && a.dims.every((d, k) => sameAxes(d.axes, b.dims[k]?.axes ?? []))
    && global.dims.every((d, k) => d.size % (a.dims[k]?.axes ?? []).reduce((p, x) => p * (axisSize(mesh, x) ?? 1), 1)
      === 0);
}

function at<T>(xs: readonly T[], k: number): T {
  const x = xs[k];
  if (x === undefined) throw new InternalError(`training program output ${k} is missing`);
  return x;
}

function must(a: NDArray | undefined, v: Value): NDArray {
  if (!a) throw new InternalError(`no array for ${v.role} '${v.name}'`);
  return a;
}

function scalarOf(a: NDArray | undefined): number {
  if (!a || a.data.length !== 1) throw new InternalError('the loss is not a scalar');
  return Number(a.data[0]);
}
