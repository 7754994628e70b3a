// Owns the messages between the mesh's worker pool and its device workers (structured-clone payloads;
// tiles and the collective exchange are SharedArrayBuffers, which a message shares instead of copying).
import type { Module } from '../ir/module.js';
import type { BackendInfo, NDArray } from '../runtime/index.js';
import type { KernelStats } from './device-runner.js';
import type { ExchangeInit } from './shared-exchange.js';

/** Where a worker's time went during a run (ms): its devices' ops, collectives, and waiting for the other workers. */
export interface WorkerTimes {
  readonly computeMs: number;
  /** Copying operands into the exchange and computing its devices' collective results. */
  readonly collectiveMs: number;
  /** Idle at the barriers: done with its part and waiting for the slowest worker. */
  readonly waitMs: number;
  /** At the barriers, computing rows of the other workers' matmuls instead of idling (matmul-sharing.ts). */
  readonly helpMs: number;
  /** Matmul rows of this worker's devices computed by others, and rows it computed for others. */
  readonly rowsGiven: number;
  readonly rowsTaken: number;
}

/**
 * Pool -> worker. `feeds[k]` are the inputs then params of `devices[k]`; a worker loads them, answers
 * `loaded`, and starts on `go` (so loading is not timed). Collectives run in the workers, through
 * `exchange`; the pool only waits for `done`. `progress` asks this worker to report each collective.
 */
export type ToWorker =
  | {
    readonly type: 'run'; readonly module: Module; readonly devices: readonly number[];
    readonly feeds: readonly (readonly NDArray[])[]; readonly exchange: ExchangeInit; readonly progress: boolean;
    /** Offer rows of large matmuls to workers idle at a barrier (matmul-sharing.ts). */
    readonly share: boolean;
  }
  | { readonly type: 'go' }
  /**
   * A resident run (resident-mesh.ts): load the program and feeds once (answered `loaded`), then `step`
   * any number of times, each answered `done` with only the outputs `returns` (by output index); after
   * each step, output `feedback[i].output` of every device becomes its feed `feedback[i].feed`, so those
   * buffers never leave the worker. `updates` replace feeds of this worker's devices before the step.
   */
  | {
    readonly type: 'load'; readonly module: Module; readonly devices: readonly number[];
    readonly feeds: readonly (readonly NDArray[])[]; readonly exchange: ExchangeInit;
    readonly feedback: readonly Feedback[]; readonly share: boolean;
  }
  | {
    readonly type: 'step'; readonly returns: readonly number[]; readonly updates: readonly FeedUpdate[];
    readonly progress: boolean;
  }
  | { readonly type: 'exit' };

/** Output `output` of a step becomes feed `feed` (index into the inputs then params) of the next. */
export interface Feedback { readonly output: number; readonly feed: number }

/** Feed `feed` of each device is replaced by `arrays[k]` (k: the device's place in the receiver's list). */
export interface FeedUpdate { readonly feed: number; readonly arrays: readonly NDArray[] }

/** Worker -> pool. */
export type ToMain =
  | { readonly type: 'ready'; readonly backend: BackendInfo }
  | { readonly type: 'loaded' }
  | { readonly type: 'progress'; readonly op: number }
  | {
    readonly type: 'done'; readonly outputs: readonly (readonly NDArray[])[]; readonly stats: readonly KernelStats[];
    readonly times: WorkerTimes; readonly rssBytes: number;
  }
  | { readonly type: 'error'; readonly message: string };
