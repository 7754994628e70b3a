// `gshard cost FILE [--train [--remat=...] | --train-estimate [--remat=...]] [--json] [--html OUT]`: a step's time and
// memory on TPU-v3.

import type { Diagnostic } from '@gshard/grammar';
import { PIPELINE_BOOLEANS, PIPELINE_USAGE, PIPELINE_VALUED } from '../pipeline-flags.js';
import { parseArgs, flagString, UsageError, type ParsedArgs } from '../args.js';
import { REMAT_USAGE, TRAIN_BOOLEANS, TRAIN_USAGE, TRAIN_VALUED, trainFlagOf } from '../train-flags.js';
import { trainCost, trainCostJson, trainCostText } from '../../cost/train-program-cost.js';
import { rematSavings, rematText, type RematSavings } from '../../cost/remat-savings.js';
import type { CliIO } from '../io.js';
import { compileFile, type Compiled } from '../compile-file.js';
import { REMAT_MODES, type RematMode, reportHtml, runCostCommand, type CostDiagnostic } from '../../cost/index.js';
import { jsonDiagnostics, printDiagnostics } from '../load.js';
import { must } from '../../util/checked.js';

export const COST_USAGE = `gshard cost FILE [--train ${REMAT_USAGE} | --train-estimate [--remat=none|all|auto]]`
  + ` [--json] [--html OUT] [--mesh SPEC] [--entry MODEL] ${PIPELINE_USAGE}; with --train: ${TRAIN_USAGE}`;

export function costCommand(argv: readonly string[], io: CliIO): number {
  // A bare --remat (the older spelling) means --remat=all.
  const args = parseArgs(argv.map((a) => (a === '--remat' ? '--remat=all' : a)),
    ['mesh', 'entry', 'html', 'remat', ...TRAIN_VALUED, ...PIPELINE_VALUED],
    ['train', 'train-estimate', 'json', ...TRAIN_BOOLEANS, ...PIPELINE_BOOLEANS]);
  if (args.positionals.length !== 1) {
    throw new UsageError(`${args.positionals.length < 1 ? 'missing' : 'too many'} arguments`);
  }
  const file = must(args.positionals[0], 'the length was checked above');
  const estimate = args.flags.has('train-estimate');
  if (estimate) {
    for (const f of [...TRAIN_VALUED, ...TRAIN_BOOLEANS]) {
      if (args.flags.has(f)) {
        throw new UsageError(`--${f} costs the training program: use it with --train, not --train-estimate`);
      }
    }
  }
  // --train: the real training program (forward + backward + optimizer update), partitioned and costed as built;
  // its --remat (none|marked|all) is read with the other training flags.
  if (args.flags.has('train') && !estimate) return costTrainingProgram(io, file, args);
  const remat = flagString(args, 'remat') ?? 'auto';
  if (!(REMAT_MODES as readonly string[]).includes(remat)) {
    throw new UsageError(`--remat must be one of ${REMAT_MODES.join(', ')}, not '${remat}'`);
  }
  const compiled = compileFile(io, file, args, args.flags.has('json'));
  if (!compiled) return 1;
  const html = flagString(args, 'html');
  const result = runCostCommand(compiled.spmd, {
    train: estimate, json: args.flags.has('json'), remat: remat as RematMode, ...(html ? { html } : {}),
  });
  return printCost(io, compiled, result.diagnostics, { json: args.flags.has('json') ? result.json : undefined,
    text: result.text, html, page: result.html });
}

interface Printed {
  /** The --json object (diagnostics are added to it); undefined prints `text` instead. */
  readonly json: object | undefined;
  readonly text: string;
  /** --html OUT and the page written there (instead of the table). */
  readonly html: string | undefined;
  readonly page: string | undefined;
}

/** Prints a report: diagnostics (at their values) and the table, or one JSON object; writes the page. */
function printCost(io: CliIO, compiled: Compiled, found: readonly CostDiagnostic[], p: Printed): number {
  const spans = new Map([...compiled.spmd.inputs, ...compiled.spmd.params,
    ...compiled.spmd.ops.flatMap((o) => o.results)].map((v) => [v.name, v.span]));
  const diagnostics: Diagnostic[] = found.map((d) => ({
    code: d.code, severity: d.severity, message: d.message,
    span: (d.valueName ? spans.get(d.valueName) : undefined) ?? compiled.loaded.result.program.span,
  }));
  if (p.html && p.page) io.writeFile(p.html, p.page);
  if (p.json) {
    const all = jsonDiagnostics(compiled.loaded, [...compiled.diagnostics, ...diagnostics]);
    io.out(`${JSON.stringify({ ...p.json, diagnostics: all }, null, 2)}\n`);
  } else {
    printDiagnostics(io, compiled.loaded, diagnostics);
    // --html asks for the page instead of the table.
    io.out(p.html ? `wrote ${p.html}\n` : p.text);
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** `cost --train [--optimizer X] [--shard-optimizer-state]`: the partitioned training program, costed as it is. */
function costTrainingProgram(io: CliIO, file: string, args: ParsedArgs): number {
  const train = must(trainFlagOf(args), '--train is set (trainFlagOf returns the spec then)');
  const compiled = compileFile(io, file, args, args.flags.has('json'), train);
  if (!compiled) return 1;
  const cost = trainCost(compiled.spmd);
  const placement = train.statePlacement ?? 'param';
  const words = placement === 'data' ? 'split over the data axes (ZeRO)' : 'sharded like its param';
  const html = flagString(args, 'html');
  // With layers recomputed: the same program without remat, for what it saves and what it costs.
  let remat: RematSavings | undefined;
  if (compiled.spmd.ops.some((op) => op.phase === 'recompute')) {
    const plain = compileFile(io, file, args, true, { ...train, remat: 'none' });
    if (plain) remat = rematSavings(compiled.spmd, cost.program, trainCost(plain.spmd).program);
  }
  const json = trainCostJson(cost, compiled.spmd, placement);
  return printCost(io, compiled, cost.report.diagnostics, {
    json: args.flags.has('json') ? (remat ? withRemat(json, remat) : json) : undefined,
    text: trainCostText(cost, compiled.spmd, words) + (remat ? rematText(remat) : ''), html,
    page: html ? reportHtml(cost.report, compiled.spmd) : undefined,
  });
}

/** The --json object with what remat saves added to its `trainingProgram`. */
function withRemat(json: Record<string, unknown>, remat: RematSavings): Record<string, unknown> {
  const program = json['trainingProgram'];
  return { ...json, trainingProgram: { ...(typeof program === 'object' ? program : {}), remat } };
}
