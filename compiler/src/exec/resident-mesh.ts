// Owns a program stepped again and again on the simulated mesh with some of its outputs fed back as the
// next step's feeds (a training step's params and optimizer state): those buffers stay on the devices,
// in this thread or in the mesh workers, and only the outputs a step asks for come back.
import type { Module } from '../ir/module.js';
import type { NDArray } from '../runtime/index.js';
import { simulateInProcess } from './mesh-sim.js';
import type { Feedback, FeedUpdate } from './worker-protocol.js';

export type { Feedback, FeedUpdate } from './worker-protocol.js';

export interface ResidentStep {
  /** outputs[d] = device d's outputs that the step asked for, in the order asked. */
  readonly outputs: NDArray[][];
  /** Wall time of the step (compute and collectives). */
  readonly ms: number;
}

export interface ResidentMesh {
  /**
   * Runs one step: first `updates` replace feeds (k: device id), then the program runs, then each
   * `feedback` output becomes its feed for the next step. Returns the outputs `returns` (by index).
   */
  step(returns: readonly number[], updates?: readonly FeedUpdate[]): Promise<ResidentStep>;
}

/** Opens resident runs elsewhere (the worker pool); declared here so this file does not import the pool. */
export interface ResidentRunner {
  resident(local: Module, feeds: readonly (readonly NDArray[])[], feedback: readonly Feedback[]): Promise<ResidentMesh>;
}

/** `feeds[d]` = device d's inputs then params (tiles.ts `distribute`); with `runner`, on its workers. */
export async function openResident(
  local: Module, feeds: readonly (readonly NDArray[])[], feedback: readonly Feedback[], runner?: ResidentRunner,
): Promise<ResidentMesh> {
  if (runner) return runner.resident(local, feeds, feedback);
  const held = feeds.map((f) => [...f]);
  return {
    step: (returns, updates = []) => {
      for (const u of updates) {
        held.forEach((f, d) => {
          const a = u.arrays[d];
          if (!a) throw new Error(`feed update ${u.feed} has no array for device ${d}`);
          f[u.feed] = a;
        });
      }
      const run = simulateInProcess(local, held);
      run.outputs.forEach((outs, d) => {
        for (const fb of feedback) held[d]![fb.feed] = pick(outs, fb.output); // one feed list per device
      });
      return Promise.resolve({ outputs: run.outputs.map((outs) => returns.map((k) => pick(outs, k))), ms: run.ms });
    },
  };
}

function pick(outs: readonly NDArray[], k: number): NDArray {
  const a = outs[k];
  if (!a) throw new Error(`the program has no output ${k}`);
  return a;
}
