// costModule: the pure cost of a partitioned (local) program on its mesh; the one entry the CLI and LSP use.

import type { Module } from '../ir/module.js';
import { meshSize } from '../ir/mesh.js';
import { type CostDiagnostic, hbmDiagnostics } from './diagnostics.js';
import { memoryProfile, type MemoryReport } from './memory.js';
import { stepCost, type StepCost } from './step.js';
import { type Hardware, TPU_V3_HARDWARE } from './tpu-v3.js';

/**
 * Rematerialisation of a training step: `none` keeps every saved forward value, `all` keeps only layer inputs and
 * re-runs each layer's forward before its backward, `auto` costs `none` and switches to `all` only when `none`
 * does not fit in HBM (GShard rematerialised only the models that needed it, §5). `true`/`false` = `all`/`none`.
 */
export type RematMode = 'none' | 'all' | 'auto';
export const REMAT_MODES: readonly RematMode[] = ['none', 'all', 'auto'];

export interface CostOptions {
  readonly train?: boolean;
  /** Rematerialise each layer's forward during the backward (training only); default `none`. */
  readonly remat?: boolean | RematMode;
  readonly hardware?: Hardware;
}

export interface CostReport {
  readonly module: string;
  readonly devices: number;
  readonly train: boolean;
  readonly remat: boolean;
  /** The mode asked for; with `auto`, `remat` says what it chose. */
  readonly rematMode: RematMode;
  /** With `auto` and remat chosen: HBM per device the step would need without it. */
  readonly peakBytesWithoutRemat?: number;
  readonly hardware: Hardware;
  readonly step: StepCost;
  readonly memory: MemoryReport;
  readonly fits: boolean;
  /** Model FLOPs per device over step time x peak. */
  readonly mxuUtilization: number;
  /** Roofline time over predicted step time: how close to the ideal the schedule gets. */
  readonly rooflineUtilization: number;
  /** Share of the step spent in collectives. */
  readonly communicationShare: number;
  readonly diagnostics: readonly CostDiagnostic[];
}

export function costModule(module: Module, options: CostOptions = {}): CostReport {
  const r = options.remat;
  const mode: RematMode = r === true ? 'all' : r === false || r === undefined ? 'none' : r;
  if (mode !== 'auto' || !options.train) return costWith(module, options, mode, mode === 'all');
  const plain = costWith(module, options, 'auto', false);
  if (plain.fits) return plain;
  return { ...costWith(module, options, 'auto', true), peakBytesWithoutRemat: plain.memory.peakBytes };
}

function costWith(module: Module, options: CostOptions, rematMode: RematMode, rematOn: boolean): CostReport {
  const hw = options.hardware ?? TPU_V3_HARDWARE;
  const train = options.train ?? false;
  const remat = train && rematOn;
  const diagnostics: CostDiagnostic[] = [];
  if (module.view !== 'local') {
    diagnostics.push({ code: 'cost-global-program', severity: 'warning',
      message: 'costing a global (unpartitioned) program: shapes are global, not per device' });
  }
  const step = stepCost(module, { train, remat }, hw);
  const memory = memoryProfile(module, { train, remat });
  diagnostics.push(...hbmDiagnostics(module, memory, hw.hbmBytes, { train, remat, rematMode }));
  const s = step.stepSeconds;
  return {
    module: module.name, devices: meshSize(module.mesh), train, remat, rematMode: train ? rematMode : 'none',
    hardware: hw, step, memory,
    fits: memory.peakBytes <= hw.hbmBytes,
    mxuUtilization: s > 0 ? step.flopsPerDevice / (s * hw.peakFlops) : 0,
    rooflineUtilization: s > 0 ? step.rooflineSeconds / s : 0,
    communicationShare: s > 0 ? step.collectiveSeconds / s : 0,
    diagnostics,
  };
}
