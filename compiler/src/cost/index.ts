// Public entry of the cost model: costModule (pure) and runCostCommand (what `gshard cost` prints).

import type { Module } from '../ir/module.js';
import { costModule, type CostReport, type RematMode } from './cost.js';
import type { CostDiagnostic } from './diagnostics.js';
import { reportHtml, reportJson, reportText } from './report.js';

export { costModule, REMAT_MODES, type CostOptions, type CostReport, type RematMode } from './cost.js';
export { collectiveTime, allToAllLoad, ringStages, type CollectiveKind,
  type CollectiveTime } from './collective-time.js';
export { opWork, einsumFlops } from './flops.js';
export { memoryProfile, livenessPeak, adafactorStateBytes, type MemoryReport } from './memory.js';
export { stepCost, costOps, type StepCost, type LayerCost, type OpCost, type CollectiveCost } from './step.js';
export { layerOfOp, layerOfName } from './layers.js';
export { layerPath } from './report.js';
export { TPU_V3, EFFICIENCY, TPU_V3_HARDWARE, constantsTable, type Hardware } from './tpu-v3.js';
export type { CostDiagnostic } from './diagnostics.js';
export { reportText, reportJson, reportHtml } from './report.js';
export { trainCost, trainCostJson, trainCostText, trainProgramCost, type TrainCost,
  type TrainProgramCost } from './train-program-cost.js';

export interface CostCommandOptions {
  readonly train: boolean;
  readonly json: boolean;
  readonly html?: string;
  readonly remat?: boolean | RematMode;
}

export interface CostCommandResult {
  /** What to print: the JSON text with --json, else the table. */
  readonly text: string;
  readonly json: object;
  /** The page to write to `options.html`, when asked for. */
  readonly html?: string;
  readonly diagnostics: CostDiagnostic[];
  readonly report: CostReport;
}

export function runCostCommand(module: Module, options: CostCommandOptions): CostCommandResult {
  const report = costModule(module, { train: options.train, remat: options.remat ?? 'none' });
  const json = reportJson(report, module);
  const text = options.json ? JSON.stringify(json, null, 2) + '\n' : reportText(report, module);
  const out: CostCommandResult = { text, json, diagnostics: [...report.diagnostics], report };
  return options.html !== undefined ? { ...out, html: reportHtml(report, module) } : out;
}
