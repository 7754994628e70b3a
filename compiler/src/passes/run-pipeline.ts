// One way through the compiler: the pass list run on a source text up to a chosen pass, with the IR
// verifier after every pass (verifyEach), the IR text after one pass (dumpAfter) and per-pass times.

import type { Mesh } from '../ir/mesh.js';
import { printModule } from '../ir/printer.js';
import { assertVerified } from '../pipeline.js';
import type { Pass, PipelineState, TrainSpec } from './pass.js';
import { PASSES, passIndex, TRAINING_PASSES } from './list.js';

export interface PipelineOptions {
  /** The last pass to run (default: every pass). */
  readonly upTo?: string;
  /** Replaces the file's mesh (`--mesh`); axes keep their names. */
  readonly mesh?: Mesh;
  /** Sizes replacing the file's dim declarations (`--dim B=16`); derived dims are recomputed. */
  readonly dims?: ReadonlyMap<string, number>;
  /** The model to compile when the file has several (`--entry`; default: the first). */
  readonly entry?: string;
  /** Run the IR verifier after every pass; a broken invariant throws an InternalError naming the pass. */
  readonly verifyEach?: boolean;
  /** The pass after which to print the IR (its text form). */
  readonly dumpAfter?: string;
  /** Receives the dump as soon as the pass ran (default: kept in the result's `dump`). */
  readonly onDump?: (pass: string, text: string) => void;
  /** `loc(...)` positions in the dump (default: printed). */
  readonly dumpLocations?: boolean;
  /** The pass list (default: PASSES; TRAINING_PASSES when `train` is set). */
  readonly passes?: readonly Pass[];
  /** A training compile: the optimizer the autodiff pass appends (implies TRAINING_PASSES). */
  readonly train?: TrainSpec;
}

export interface PassTiming {
  readonly pass: string;
  readonly ms: number;
  readonly counters?: Readonly<Record<string, number>>;
}

export interface PipelineResult extends PipelineState {
  /** Wall-clock milliseconds of each pass that ran (verification and dumps not included). */
  readonly timings: readonly PassTiming[];
  /** The dump of `dumpAfter` when no `onDump` took it. */
  readonly dump?: string;
}

/** Thrown for a pass name that is not in the list (a usage error at the command line). */
export class UnknownPassError extends Error {
  constructor(readonly pass: string, readonly known: readonly string[]) {
    super(`unknown pass '${pass}' (passes: ${known.join(', ')})`);
  }
}

function indexOf(name: string, passes: readonly Pass[]): number {
  const i = passIndex(name, passes);
  if (i < 0) throw new UnknownPassError(name, passes.map((p) => p.name));
  return i;
}

/** Runs the passes on `source`, stopping after `upTo` or at the first pass that halts. Never throws on bad input. */
export function runPipeline(source: string, options: PipelineOptions = {}): PipelineResult {
  const lowerOptions = {
    ...(options.entry ? { entry: options.entry } : {}), ...(options.mesh ? { meshOverride: options.mesh } : {}),
    ...(options.dims ? { dimOverrides: options.dims } : {}),
  };
  const train = options.train ? { train: options.train } : {};
  return resumePipeline({ source, lowerOptions, diagnostics: [], ran: [], ...train }, options);
}

/**
 * Runs the passes after the last one `start` ran (a bench times propagation on one lowered module;
 * the state is never changed in place, so it can be resumed again).
 */
export function resumePipeline(start: PipelineState, options: PipelineOptions = {}): PipelineResult {
  const passes = options.passes ?? (options.train || start.train ? TRAINING_PASSES : PASSES);
  const last = options.upTo === undefined ? passes.length - 1 : indexOf(options.upTo, passes);
  const dumpAt = options.dumpAfter === undefined ? -1 : indexOf(options.dumpAfter, passes);
  const previous = start.ran[start.ran.length - 1];
  const first = previous === undefined ? 0 : indexOf(previous, passes) + 1;
  let state = start;
  let dump: string | undefined;
  const timings: PassTiming[] = [];
  for (let i = first; i <= last && state.haltedAfter === undefined; i++) {
    const pass = passes[i]!; // i <= last < passes.length
    const t0 = performance.now();
    const r = pass.run(state);
    const ms = performance.now() - t0;
    state = {
      ...state, ...r.update,
      diagnostics: [...state.diagnostics, ...r.diagnostics], ran: [...state.ran, pass.name],
      ...(r.halt ? { haltedAfter: pass.name } : {}),
    };
    timings.push({ pass: pass.name, ms, ...(r.counters ? { counters: r.counters } : {}) });
    if (options.verifyEach && r.update.module) assertVerified(r.update.module, pass.name);
    if (i === dumpAt) {
      const after = state;
      const text = pass.dump ? pass.dump(after)
        : after.module ? printModule(after.module, { locations: options.dumpLocations ?? true }) : '';
      if (options.onDump) options.onDump(pass.name, text);
      else dump = text;
    }
  }
  return { ...state, timings, ...(dump !== undefined ? { dump } : {}) };
}
