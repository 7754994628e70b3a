// What rematerialisation buys in a training program: its liveness peak against the same program without
// remat, and the FLOPs (and collectives) of the forward ops it runs again.

import type { Module } from '../ir/module.js';
import { opWork } from './flops.js';
import { collectivesOf } from '../partition/partition.js';
import type { TrainProgramCost } from './train-program-cost.js';
import { formatBytes } from '../diag/format.js';

export interface RematSavings {
  /** Layer instances recomputed, and the recomputed ops (per device program) with their FLOPs. */
  readonly layers: number;
  readonly recomputedOps: number;
  readonly recomputedFlops: number;
  readonly recomputedCollectives: number;
  readonly peakBytesWithout: number;
  readonly peakBytes: number;
  readonly flopsWithout: number;
  readonly flops: number;
}

/** `spmd` is the remat program, costed as `withRemat`; `without` is the same compile with remat off. */
export function rematSavings(spmd: Module, withRemat: TrainProgramCost, without: TrainProgramCost): RematSavings {
  const recomputed = spmd.ops.filter((op) => op.phase === 'recompute');
  return {
    layers: new Set(recomputed.map((op) => op.remat)).size,
    recomputedOps: recomputed.length,
    recomputedFlops: recomputed.reduce((s, op) => s + opWork(op).flops, 0),
    recomputedCollectives: collectivesOf(spmd).filter((op) => op.phase === 'recompute').length,
    peakBytesWithout: without.peakBytes, peakBytes: withRemat.peakBytes,
    flopsWithout: without.flopsPerDevice, flops: withRemat.flopsPerDevice,
  };
}

export function rematText(r: RematSavings): string {
  const saved = r.peakBytesWithout - r.peakBytes;
  const extra = r.flops - r.flopsWithout;
  const pct = (x: number, of: number) => (of > 0 ? `${((100 * x) / of).toFixed(1)}%` : '-');
  return [
    `  rematerialised    ${r.layers} layer instance${r.layers === 1 ? '' : 's'}: ${r.recomputedOps} forward ops `
      + `recomputed (${r.recomputedCollectives} collective${r.recomputedCollectives === 1 ? '' : 's'})`,
    `    peak live bytes ${formatBytes(r.peakBytes)} with remat, ${formatBytes(r.peakBytesWithout)} without `
      + `(saves ${formatBytes(saved)}, ${pct(saved, r.peakBytesWithout)})`,
    `    FLOPs           ${r.flops.toExponential(3)} with remat, ${r.flopsWithout.toExponential(3)} without `
      + `(+${extra.toExponential(3)}, +${pct(extra, r.flopsWithout)})`,
  ].join('\n') + '\n';
}
