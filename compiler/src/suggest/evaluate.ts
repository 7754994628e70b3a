// One plan's price: the source text through the pipeline (propagate fills every value the annotations leave
// open, then partition) and the cost model, memoized by the text.

import type { Mesh } from '../ir/mesh.js';
import type { Module } from '../ir/module.js';
import { runPipeline } from '../passes/run-pipeline.js';
import { costModule, type CollectiveCost, TPU_V3_HARDWARE } from '../cost/index.js';

export interface EvalOptions {
  readonly mesh?: Mesh;
  readonly dims?: ReadonlyMap<string, number>;
  readonly entry?: string;
  readonly train: boolean;
  /** HBM per core the plan must fit in (default: TPU-v3's 16 GiB). */
  readonly hbmBytes?: number;
}

export interface Evaluation {
  /** False when the plan does not compile (a conflict the annotations cause); the message says why. */
  readonly ok: boolean;
  readonly error?: string;
  readonly stepSeconds: number;
  readonly hbmBytesPerDevice: number;
  readonly fits: boolean;
  readonly remat: boolean;
  readonly computeSeconds: number;
  readonly collectives: readonly CollectiveCost[];
  /** Every value's propagated split axes (and pending sums): equal signatures are the same SPMD program. */
  readonly signature: string;
}

function signatureOf(m: Module): string {
  const parts: string[] = [];
  for (const v of [...m.inputs, ...m.params, ...m.ops.flatMap((o) => o.results)]) {
    // Axes only: an open dim and a closed one split alike are the same program.
    const sh = v.sharding;
    parts.push(sh ? `${sh.dims.map((d) => d.axes.join('.')).join(',')}|${sh.unreduced.join('.')}` : '?');
  }
  return parts.join(';');
}

const FAILED = (error: string): Evaluation => ({
  ok: false, error, stepSeconds: Infinity, hbmBytesPerDevice: Infinity, fits: false, remat: false,
  computeSeconds: Infinity, collectives: [], signature: `error:${error}`,
});

/** Compiles and costs `text` (a training step with `--remat=auto` when `train`). Never throws on a bad plan. */
export function evaluateText(text: string, options: EvalOptions): Evaluation {
  const run = runPipeline(text, {
    ...(options.mesh ? { mesh: options.mesh } : {}), ...(options.dims ? { dims: options.dims } : {}),
    ...(options.entry ? { entry: options.entry } : {}),
  });
  const error = run.diagnostics.find((d) => d.severity === 'error');
  if (error) return FAILED(`${error.code}: ${error.message}`);
  if (!run.spmd || !run.sharded) return FAILED('the pipeline did not reach the SPMD program');
  const hardware = { ...TPU_V3_HARDWARE, hbmBytes: options.hbmBytes ?? TPU_V3_HARDWARE.hbmBytes };
  const report = costModule(run.spmd, { train: options.train, remat: 'auto', hardware });
  return {
    ok: true, stepSeconds: report.step.stepSeconds, hbmBytesPerDevice: report.memory.peakBytes, fits: report.fits,
    remat: report.remat, computeSeconds: report.step.computeSeconds, collectives: report.step.collectives,
    signature: signatureOf(run.sharded),
  };
}

/** `evaluateText` with a memo and a count of distinct plans priced. */
export class Evaluator {
  private readonly memo = new Map<string, Evaluation>();
  evaluations = 0;
  constructor(readonly options: EvalOptions) {}

  evaluate(text: string): Evaluation {
    const hit = this.memo.get(text);
    if (hit) return hit;
    this.evaluations++;
    const e = evaluateText(text, this.options);
    this.memo.set(text, e);
    return e;
  }
}
