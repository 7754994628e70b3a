// `gshard explain FILE`: each collective of the SPMD program, the op and line that needed it, the
// sharding before and after, bytes per device, and a one-line reason; then the contraction order of
// each einsum of three or more operands.

import { PIPELINE_BOOLEANS, PIPELINE_USAGE, PIPELINE_VALUED } from '../pipeline-flags.js';
import { parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { compileFile } from '../compile-file.js';
import { collectivesJson, explainText } from '../../partition/spmd-view.js';
import { jsonDiagnostics } from '../load.js';
import { must } from '../../util/checked.js';
import { TRAIN_USAGE, TRAIN_BOOLEANS, TRAIN_VALUED, trainFlagOf, REMAT_FLAG } from '../train-flags.js';
import { explainTrainText, trainCollectives } from '../../train/train-view.js';
import { einsumOrderEntries, einsumOrderLines } from '../../cost/einsum-orders.js';
import type { Module } from '../../ir/module.js';

export const EXPLAIN_USAGE = 'gshard explain FILE [--json] [--mesh SPEC] [--entry MODEL]'
  + ` [--train ${TRAIN_USAGE}] ${PIPELINE_USAGE}`;

export function explainCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['mesh', 'entry', REMAT_FLAG, ...TRAIN_VALUED, ...PIPELINE_VALUED],
    ['json', 'train', ...TRAIN_BOOLEANS, ...PIPELINE_BOOLEANS]);
  // --train: the collectives of the training step, backward ones said as the gradients they serve
  const train = trainFlagOf(args);
  if (args.positionals.length !== 1) {
    throw new UsageError(`${args.positionals.length < 1 ? 'missing' : 'too many'} arguments`);
  }
  const json = args.flags.has('json');
  const file = must(args.positionals[0], 'the length was checked above');
  const compiled = compileFile(io, file, args, json, train);
  if (!compiled) return 1;
  const m = compiled.spmd;
  if (json) {
    const collectives = train ? trainCollectives(m) : collectivesJson(m);
    const diagnostics = jsonDiagnostics(compiled.loaded, compiled.diagnostics);
    io.out(`${JSON.stringify({ collectives, ...ordersJson(m), diagnostics }, null, 2)}\n`);
  } else {
    io.out((train ? explainTrainText(file, m) : explainText(file, m)) + ordersText(file, m));
  }
  return 0;
}

/** The `einsumOrders` key, only when the program has an einsum of three or more operands. */
function ordersJson(m: Module): { einsumOrders?: ReturnType<typeof einsumOrderEntries> } {
  return m.einsumOrders?.length ? { einsumOrders: einsumOrderEntries(m) } : {};
}

/** The orders after a blank line, at `file:line:col` as the collectives are; empty without one. */
function ordersText(file: string, m: Module): string {
  const lines = einsumOrderLines(m, (line, col) => `${file}:${line}:${col}`);
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}
