// Public entry of @gshard/compiler.
export { runCli, COMMANDS } from './cli/run-cli.js';
export { nodeIO, type CliIO } from './cli/io.js';
export { frontend, type FrontendResult } from './pipeline.js';
export * from './ir/types.js';
export * from './ir/module.js';
export { printModule } from './ir/printer.js';
export { parseModuleText } from './ir/text-parser.js';
export { verifyModule } from './ops/verify.js';
export {
  OP_REGISTRY, OP_ENTRIES, OP_KINDS, COLLECTIVE_KINDS, isCollectiveKind, isOpKind, opEntry,
  type OpKind, type CollectiveKind,
} from './ops/registry.js';
export type { OpEntry } from './ops/entry.js';
export { opWork, type OpWork } from './cost/flops.js';
export { BUILTINS, builtinSignature } from './lower/builtins.js';
export type { SymbolIndex, SymbolDef, SymbolRef } from './lower/context.js';
export { SymbolRefList } from './lower/symbol-refs.js';
export { analyze, analyzeTraining, Stage, type Analysis, type TrainingAnalysis } from './analysis.js';
export { gradientViews, reductionWords, type GradientView } from './train/gradient-view.js';
export * from './ir/mesh.js';
export * from './ir/sharding.js';
export * from './ir/sharding-text.js';
export { renderTiles } from './sharding/tiles.js';
export { renderDiagnostic } from './diag/render.js';
export { formatBytes } from './diag/format.js';
export { editDistance, didYouMean } from './diag/typos.js';
export { DIAGNOSTIC_CODES, COMPILER_CODES, CODE_FAMILIES, codeDoc, opShapeCode } from './diag/codes.js';
export { costModule, runCostCommand, trainCost, trainCostJson, type CostReport, type TrainCost } from './cost/index.js';
export { einsumOrderEntries, type EinsumOrderEntry } from './cost/einsum-orders.js';
export { orderCostText, type EinsumOrder, type EinsumOrderStep } from './ir/einsum-order.js';
export { mulberry32 } from './exec/prng.js';
export { suggest, type Suggestion, type SuggestedPlan, type SuggestOptions } from './suggest/suggest.js';
