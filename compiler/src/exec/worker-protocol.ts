// Owns the messages between the mesh's worker pool and its device workers (structured-clone payloads).
import type { Module } from '../ir/module.js';
import type { BackendInfo, NDArray } from '../runtime/index.js';
import type { KernelStats } from './device-runner.js';

/** Pool -> worker. `feeds[k]` are the inputs then params of `devices[k]`; a worker loads them, answers `loaded`, and starts on `go` (so loading is not timed). */
export type ToWorker =
  | { readonly type: 'run'; readonly module: Module; readonly devices: readonly number[]; readonly feeds: readonly (readonly NDArray[])[] }
  | { readonly type: 'go' }
  | { readonly type: 'collected'; readonly op: number; readonly bufs: readonly NDArray[] }
  | { readonly type: 'exit' };

/** Worker -> pool. A worker stops at each collective and sends its devices' operands, in `devices` order. */
export type ToMain =
  | { readonly type: 'ready'; readonly backend: BackendInfo }
  | { readonly type: 'loaded' }
  | { readonly type: 'collective'; readonly op: number; readonly bufs: readonly NDArray[] }
  | { readonly type: 'done'; readonly outputs: readonly (readonly NDArray[])[]; readonly stats: readonly KernelStats[] }
  | { readonly type: 'error'; readonly message: string };
