// `gshard compile FILE --emit ast|ir|sharded|spmd [--json]`: prints one stage of the pipeline, or with
// --dump-after PASS (and no --emit) the IR after that pass.

import { parseArgs, flagString, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { hasErrors, jsonDiagnostics, printDiagnostics, runFile } from '../load.js';
import { printModule } from '../../ir/printer.js';
import { STAGES, type StageName } from '../stages.js';
import { PASS_NAMES, passIndex, TRAINING_PASSES } from '../../passes/list.js';
import { TRAIN_USAGE, TRAIN_BOOLEANS, TRAIN_VALUED, trainFlagOf, REMAT_FLAG } from '../train-flags.js';
import { PIPELINE_BOOLEANS, PIPELINE_USAGE, PIPELINE_VALUED } from '../pipeline-flags.js';
import { must } from '../../util/checked.js';

export const COMPILE_USAGE =
  `gshard compile FILE --emit ast|${Object.keys(STAGES).join('|')} [--json] [--mesh SPEC] [--entry MODEL]`
  + ` [--no-locations] [--all] [--train ${TRAIN_USAGE}] ${PIPELINE_USAGE}`;

const NO_MODEL = 'error[name-no-model]: the file has no model to compile; '
  + 'add `model main(...) { ... }` that calls your layers.';

/** The later of two passes; undefined stands for the end of the list. */
function later(a: string | undefined, b: string | undefined, training: boolean): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  const passes = training ? TRAINING_PASSES : undefined;
  return passIndex(a, passes) >= passIndex(b, passes) ? a : b;
}

export function compileCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['emit', 'entry', 'mesh', REMAT_FLAG, ...TRAIN_VALUED, ...PIPELINE_VALUED],
    ['json', 'no-locations', 'all', 'train', ...TRAIN_BOOLEANS, ...PIPELINE_BOOLEANS]);
  // --train: the training program (forward + backward + update) in place of the forward one
  const train = trainFlagOf(args);
  const dumpAfter = flagString(args, 'dump-after');
  // --dump-after PASS without --emit: the IR after that pass is the output.
  const emit = flagString(args, 'emit') ?? (dumpAfter !== undefined ? undefined : 'ir');
  if (args.positionals.length !== 1) throw new UsageError(`compile takes one file\nusage: ${COMPILE_USAGE}`);
  if (emit !== undefined && emit !== 'ast' && !(emit in STAGES)) {
    throw new UsageError(`--emit must be one of ast, ${Object.keys(STAGES).join(', ')}, not '${emit}'`);
  }
  const passNames = train ? TRAINING_PASSES.map((p) => p.name) : PASS_NAMES;
  if (dumpAfter !== undefined && passIndex(dumpAfter, train ? TRAINING_PASSES : undefined) < 0) {
    const trainOnly = !train && (dumpAfter === 'autodiff' || dumpAfter === 'remat');
    const hint = trainOnly ? `${dumpAfter} runs only with --train;` : 'there is no such pass;';
    throw new UsageError(`--dump-after ${dumpAfter}: ${hint} name one of ${passNames.join(', ')}`);
  }
  const stage = emit === undefined || emit === 'ast' ? undefined : STAGES[emit as StageName];
  // Run far enough for the stage and the dump, and at least through lower (which every output reads).
  // --timings without --emit times the whole compile (every pass); the output is still the ir stage.
  const timeAll = args.flags.has('timings') && !args.flags.has('emit');
  // a training compile's `ir` stage is the training program, which the autodiff pass makes
  const first = train ? 'autodiff' : 'lower';
  const stageEnd = stage?.upTo === 'lower' ? first : stage ? stage.upTo : first;
  const upTo = timeAll ? undefined : later(stageEnd, dumpAfter ?? first, train !== undefined);
  const ran = runFile(io, must(args.positionals[0], 'the length was checked above'), args, upTo, undefined, train);
  if (!ran) return 1;
  const { loaded, pipeline } = ran;
  const json = args.flags.has('json');
  if (emit === 'ast') {
    if (!json) printDiagnostics(io, loaded);
    const ast = json ? { ast: loaded.result.program, diagnostics: jsonDiagnostics(loaded) } : loaded.result.program;
    io.out(`${JSON.stringify(ast, null, 2)}\n`);
    return hasErrors(loaded.result.diagnostics) ? 1 : 0;
  }
  const diagnostics = [...pipeline.diagnostics];
  if (!stage) {
    printDiagnostics(io, loaded, diagnostics);
    if (!pipeline.global && !hasErrors(diagnostics)) io.err(`${loaded.file}: ${NO_MODEL}\n`);
    return !pipeline.global || hasErrors(diagnostics) ? 1 : 0;
  }
  const staged = stage.output(pipeline, { all: args.flags.has('all') });
  if (!staged.module || hasErrors(diagnostics)) {
    if (json) io.out(`${JSON.stringify({ diagnostics: jsonDiagnostics(loaded, diagnostics) }, null, 2)}\n`);
    else printDiagnostics(io, loaded, diagnostics);
    if (!hasErrors(diagnostics)) io.err(`${loaded.file}: ${NO_MODEL}\n`);
    return 1;
  }
  if (json) {
    io.out(`${JSON.stringify({ ...staged.json(), diagnostics: jsonDiagnostics(loaded, diagnostics) }, null, 2)}\n`);
  } else {
    printDiagnostics(io, loaded, diagnostics);
    io.out(staged.text ? staged.text() : printModule(staged.module, { locations: !args.flags.has('no-locations') }));
  }
  return 0;
}
