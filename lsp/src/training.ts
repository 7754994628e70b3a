// The training step of a document for the editor (`gshard.costMode` = "train"): the cost `gshard cost --train
// --json` reports (trainCost on the same training program) and each param's gradient sharding, computed in the
// worker and carried to the main thread inside the enrichment's detail.

import { analyzeTraining, gradientViews, opWork, trainCost, type GradientView } from '@gshard/compiler';

/** What the lenses and hovers read in training mode. */
export interface TrainingDetail {
  /** Why there is no training cost (the training compile's first error, e.g. no scalar loss); else absent. */
  readonly unavailable?: string;
  readonly optimizer?: string;
  /** Of the whole step, per device: the numbers `cost --train --json` has as stepSeconds, hbmBytesPerDevice, ... */
  readonly stepSeconds?: number;
  readonly peakBytes?: number;
  readonly hbmBytes?: number;
  readonly flopsPerDevice?: number;
  /** Per op of the training program that does work: start offset, end offset, FLOPs per device. */
  readonly work: number[];
  readonly gradients: GradientView[];
}

/** Runs where the slow stages run (the worker). `text` already partitions as a forward program. */
export function trainingDetail(text: string): TrainingDetail {
  const t = analyzeTraining(text);
  const spmd = t.spmd;
  if (!spmd || !t.sharded) {
    const first = t.diagnostics.find((d) => d.severity === 'error');
    return { unavailable: first ? `${first.message} [${first.code}]` : 'the training program did not build', work: [],
      gradients: [] };
  }
  const c = trainCost(spmd);
  const work: number[] = [];
  // the FLOPs `cost --train --json` sums per layer: each op's opWork, at the source span of the op it came from
  for (const op of spmd.ops) {
    const flops = opWork(op).flops;
    if (flops > 0) work.push(op.span.start.offset, op.span.end.offset, flops);
  }
  return {
    optimizer: c.program.optimizer, stepSeconds: c.report.step.stepSeconds, peakBytes: c.report.memory.peakBytes,
    hbmBytes: c.report.hardware.hbmBytes, flopsPerDevice: c.report.step.flopsPerDevice, work,
    gradients: gradientViews(t.sharded, spmd),
  };
}

/** Training FLOPs per device of the ops whose source lies inside [start, end]. */
export function trainingFlopsWithin(d: TrainingDetail, start: number, end: number): number {
  const w = d.work;
  let n = 0;
  // (start, end, flops) triples: i + 2 < w.length because w.length is a multiple of 3
  for (let i = 0; i < w.length; i += 3) if (start <= w[i]! && w[i + 1]! <= end) n += w[i + 2]!;
  return n;
}
