// `gshard explain FILE`: each collective of the SPMD program, the op and line that needed it, the
// sharding before and after, bytes per device, and a one-line reason.

import { PIPELINE_BOOLEANS, PIPELINE_USAGE, PIPELINE_VALUED } from '../pipeline-flags.js';
import { parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { compileFile } from '../compile-file.js';
import { collectivesJson, explainText } from '../../partition/spmd-view.js';
import { jsonDiagnostics } from '../load.js';
import { must } from '../../util/checked.js';
import { TRAIN_USAGE, TRAIN_BOOLEANS, TRAIN_VALUED, trainFlagOf, REMAT_FLAG } from '../train-flags.js';
import { explainTrainText, trainCollectives } from '../../train/train-view.js';

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
  if (train) {
    const diagnostics = jsonDiagnostics(compiled.loaded, compiled.diagnostics);
    if (json) io.out(`${JSON.stringify({ collectives: trainCollectives(compiled.spmd), diagnostics }, null, 2)}\n`);
    else io.out(explainTrainText(file, compiled.spmd));
    return 0;
  }
  if (json) {
    const diagnostics = jsonDiagnostics(compiled.loaded, compiled.diagnostics);
    io.out(`${JSON.stringify({ collectives: collectivesJson(compiled.spmd), diagnostics }, null, 2)}\n`);
  }
  else io.out(explainText(file, compiled.spmd));
  return 0;
}
