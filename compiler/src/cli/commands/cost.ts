// `gshard cost FILE [--train] [--remat=none|all|auto] [--json] [--html OUT]`: time and memory of a step on TPU-v3.

import type { Diagnostic } from '@gshard/grammar';
import { PIPELINE_BOOLEANS, PIPELINE_USAGE, PIPELINE_VALUED } from '../pipeline-flags.js';
import { parseArgs, flagString, UsageError, type ParsedArgs } from '../args.js';
import { TRAIN_BOOLEANS, TRAIN_USAGE, TRAIN_VALUED, trainFlagOf } from '../train-flags.js';
import { trainProgramCost, trainProgramText } from '../../cost/train-program-cost.js';
import { rematSavings, rematText, type RematSavings } from '../../cost/remat-savings.js';
import type { CliIO } from '../io.js';
import { compileFile } from '../compile-file.js';
import { REMAT_MODES, type RematMode, runCostCommand } from '../../cost/index.js';
import { jsonDiagnostics, printDiagnostics } from '../load.js';
import { must } from '../../util/checked.js';

export const COST_USAGE = 'gshard cost FILE [--train [--optimizer ...: the real training program]]'
  + ' [--remat=none|all|auto]'
  + ` [--json] [--html OUT] [--mesh SPEC] [--entry MODEL] ${PIPELINE_USAGE}; training program flags: ${TRAIN_USAGE}`;

export function costCommand(argv: readonly string[], io: CliIO): number {
  // A bare --remat (the older spelling) means --remat=all.
  const args = parseArgs(argv.map((a) => (a === '--remat' ? '--remat=all' : a)),
    ['mesh', 'entry', 'html', 'remat', ...TRAIN_VALUED, ...PIPELINE_VALUED],
    ['train', 'json', ...TRAIN_BOOLEANS, ...PIPELINE_BOOLEANS]);
  if (args.positionals.length !== 1) {
    throw new UsageError(`${args.positionals.length < 1 ? 'missing' : 'too many'} arguments`);
  }
  const file = must(args.positionals[0], 'the length was checked above');
  // --optimizer / --shard-optimizer-state: cost the real training program instead of the estimate
  const real = [...TRAIN_VALUED, ...TRAIN_BOOLEANS].some((f) => args.flags.has(f));
  if (real) return costTrainingProgram(io, file, args);
  const remat = flagString(args, 'remat') ?? 'auto';
  if (!(REMAT_MODES as readonly string[]).includes(remat)) {
    throw new UsageError(`--remat must be one of ${REMAT_MODES.join(', ')}, not '${remat}'`);
  }
  const compiled = compileFile(io, file, args, args.flags.has('json'));
  if (!compiled) return 1;
  const html = flagString(args, 'html');
  const result = runCostCommand(compiled.spmd, {
    train: args.flags.has('train'), json: args.flags.has('json'), remat: remat as RematMode, ...(html ? { html } : {}),
  });
  const spans = new Map([...compiled.spmd.inputs, ...compiled.spmd.params,
    ...compiled.spmd.ops.flatMap((o) => o.results)].map((v) => [v.name, v.span]));
  const diagnostics: Diagnostic[] = result.diagnostics.map((d) => ({
    code: d.code, severity: d.severity, message: d.message,
    span: (d.valueName ? spans.get(d.valueName) : undefined) ?? compiled.loaded.result.program.span,
  }));
  if (args.flags.has('json')) {
    const all = jsonDiagnostics(compiled.loaded, [...compiled.diagnostics, ...diagnostics]);
    io.out(`${JSON.stringify({ ...result.json, diagnostics: all }, null, 2)}\n`);
  } else {
    printDiagnostics(io, compiled.loaded, diagnostics);
    // --html asks for the page instead of the table.
    if (!html) io.out(result.text);
  }
  if (html && result.html) {
    io.writeFile(html, result.html);
    if (!args.flags.has('json')) io.out(`wrote ${html}\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** `cost --train --optimizer X [--shard-optimizer-state]`: the partitioned training program, costed as it is. */
function costTrainingProgram(io: CliIO, file: string, args: ParsedArgs): number {
  const train = must(trainFlagOf(args), 'optimizer flags need --train (trainFlagOf throws otherwise)');
  if (args.flags.has('html')) throw new UsageError('--html is not available for the training program yet');
  const compiled = compileFile(io, file, args, args.flags.has('json'), train);
  if (!compiled) return 1;
  const cost = trainProgramCost(compiled.spmd);
  const placement = train.statePlacement === 'data' ? 'split over the data axes (ZeRO)' : 'sharded like its param';
  // With layers recomputed: the same program without remat, for what it saves and what it costs.
  let remat: RematSavings | undefined;
  if (compiled.spmd.ops.some((op) => op.phase === 'recompute')) {
    const plain = compileFile(io, file, args, true, { ...train, remat: 'none' });
    if (plain) remat = rematSavings(compiled.spmd, cost, trainProgramCost(plain.spmd));
  }
  if (args.flags.has('json')) {
    const trainingProgram = { ...cost, statePlacement: train.statePlacement ?? 'param', ...(remat ? { remat } : {}) };
    io.out(`${JSON.stringify({ model: compiled.spmd.name, trainingProgram,
      diagnostics: jsonDiagnostics(compiled.loaded, compiled.diagnostics) }, null, 2)}\n`);
  } else {
    io.out(trainProgramText(cost, placement) + (remat ? rematText(remat) : ''));
  }
  return 0;
}
