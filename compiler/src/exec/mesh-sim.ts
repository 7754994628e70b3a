// Owns the simulated mesh: every device runs the local program, in lockstep between collectives, in this thread
// or in worker threads with their own wasm backends.
import type { Module } from '../ir/module.js';
import { meshSize } from '../ir/mesh.js';
import { holdResident, type NDArray } from '../runtime/index.js';
import { runCollective } from './collective-step.js';
import { DeviceRunner, emptyStats, segmentsOf, type KernelStats } from './device-runner.js';
import { lastUses } from './liveness.js';
import { at } from '../util/checked.js';

export interface MeshRunResult {
  /** outputs[d] = device d's output buffers, in program order. */
  readonly outputs: NDArray[][];
  readonly stats: KernelStats[];
  /** Wall time of the run (compute and collectives; not distributing the inputs). */
  readonly ms: number;
  /** Time spent in collectives (data movement between device buffers; in workers, the busiest worker's). */
  readonly collectiveMs: number;
  /** Time to put every device's tiles in place (handing them to the worker threads); not part of `ms`. */
  readonly loadMs: number;
  /** With workers: where each worker's time went. */
  readonly workers?: readonly WorkerRun[];
  /** With workers: the process's resident set size as the last worker saw it at the end of its run. */
  readonly rssBytes?: number;
}

/** One worker's devices and its time: its devices' ops, its collective work, its idle wait at barriers (ms). */
export interface WorkerRun {
  readonly devices: readonly number[];
  readonly computeMs: number;
  readonly collectiveMs: number;
  readonly waitMs: number;
  /** Computing rows of other workers' matmuls while at a barrier, and the rows given and taken (matmul-sharing.ts). */
  readonly helpMs: number;
  readonly rowsGiven: number;
  readonly rowsTaken: number;
}

/**
 * Runs the devices elsewhere, in groups (worker-pool.ts): same program and feeds, same result. Declared
 * here, where it is used, so that this file does not import the pool that imports its result type.
 */
export interface DeviceGroupRunner {
  run(
    local: Module, feeds: readonly (readonly NDArray[])[], onProgress?: (done: number, total: number) => void,
  ): Promise<MeshRunResult>;
}

export interface MeshRunOptions {
  /** Run device groups in these workers; without, every device runs in this thread. */
  readonly pool?: DeviceGroupRunner;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Checks the program is runnable on a simulated mesh: device ids 0..n-1, a local view. */
function checkProgram(local: Module): number {
  if (local.view !== 'local') throw new Error('the mesh simulator runs a partitioned (local) program');
  const n = meshSize(local.mesh);
  const ids = [...local.mesh.deviceIds].sort((a, b) => a - b);
  if (ids.some((d, i) => d !== i)) throw new Error(`device ids of mesh ${local.mesh.name} are not 0..${n - 1}`);
  return n;
}

/** `feeds[d]` = device d's inputs then params (see tiles.ts `distribute`). */
export async function simulateMesh(
  local: Module, feeds: readonly (readonly NDArray[])[], options: MeshRunOptions = {},
): Promise<MeshRunResult> {
  const n = checkProgram(local);
  if (feeds.length !== n) throw new Error(`${feeds.length} feed lists for ${n} devices`);
  if (options.pool) return options.pool.run(local, feeds, options.onProgress);
  return simulateInProcess(local, feeds, options.onProgress);
}

/** All devices in this thread: each segment on every device, then the collective over their buffers. */
export function simulateInProcess(
  local: Module, feeds: readonly (readonly NDArray[])[], onProgress?: (done: number, total: number) => void,
): MeshRunResult {
  // the devices' inputs and params are read-only for the run: matmuls may keep them on the wasm heap
  const closeResident = holdResident(feeds.flat());
  try {
    return runInProcess(local, feeds, onProgress);
  } finally {
    closeResident();
  }
}

function runInProcess(
  local: Module, feeds: readonly (readonly NDArray[])[], onProgress?: (done: number, total: number) => void,
): MeshRunResult {
  const n = checkProgram(local);
  const t0 = performance.now();
  const last = lastUses(local);
  const stats = Array.from({ length: n }, () => emptyStats());
  const devices = Array.from({ length: n }, (_, d) =>
    new DeviceRunner(local, d, at(feeds, d, 'device feeds'), at(stats, d, 'stats'), last));
  let collectiveMs = 0;
  for (const seg of segmentsOf(local)) {
    for (const dev of devices) dev.runRange(seg.from, seg.to);
    if (seg.collective !== undefined) {
      const c0 = performance.now();
      const i = seg.collective;
      const operands = devices.map((dev) => dev.collectiveOperand(i, false));
      const results = runCollective(at(local.ops, i, 'ops'), local.mesh, operands);
      devices.forEach((dev, d) => dev.finishCollective(i, at(results, d, 'collective results'), false));
      collectiveMs += performance.now() - c0;
    }
    onProgress?.(seg.collective !== undefined ? seg.collective + 1 : local.ops.length, local.ops.length);
  }
  const outputs = devices.map((dev) => dev.outputs());
  return { outputs, stats, ms: performance.now() - t0, collectiveMs, loadMs: 0 };
}
