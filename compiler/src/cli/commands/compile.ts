// `gshard compile FILE --emit ast|ir|sharded|spmd [--json]`: prints one stage of the pipeline.

import { parseArgs, flagString, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { hasErrors, jsonDiagnostics, loadFile, printDiagnostics } from '../load.js';
import { printModule } from '../../ir/printer.js';
import { STAGES, type StageName } from '../stages.js';
import { lowerOptionsOf } from '../mesh-option.js';

export const COMPILE_USAGE = `gshard compile FILE --emit ast|${Object.keys(STAGES).join('|')} [--json] [--mesh SPEC] [--entry MODEL] [--dump-after lower|propagate|partition] [--no-locations] [--verify-each] [--all]`;

export function compileCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['emit', 'entry', 'mesh', 'dump-after'], ['json', 'no-locations', 'verify-each', 'all']);
  // --dump-after PASS prints the textual IR after that pass (lower, propagate or partition).
  const dumpAfter = flagString(args, 'dump-after');
  const DUMP: Record<string, StageName> = { lower: 'ir', propagate: 'sharded', partition: 'spmd' };
  if (dumpAfter !== undefined && !(dumpAfter in DUMP)) throw new UsageError(`--dump-after must be one of ${Object.keys(DUMP).join(', ')}, not '${dumpAfter}'`);
  const emit = dumpAfter !== undefined ? DUMP[dumpAfter]! : flagString(args, 'emit') ?? 'ir';
  if (args.positionals.length !== 1) throw new UsageError(`compile takes one file\nusage: ${COMPILE_USAGE}`);
  if (emit !== 'ast' && !(emit in STAGES)) throw new UsageError(`--emit must be one of ast, ${Object.keys(STAGES).join(', ')}, not '${emit}'`);
  const loaded = loadFile(io, args.positionals[0]!, lowerOptionsOf(args));
  if (!loaded) return 1;
  const json = args.flags.has('json');
  if (emit === 'ast') {
    if (!json) printDiagnostics(io, loaded);
    io.out(`${JSON.stringify(json ? { ast: loaded.result.program, diagnostics: jsonDiagnostics(loaded) } : loaded.result.program, null, 2)}\n`);
    return hasErrors(loaded.result.diagnostics) ? 1 : 0;
  }
  const staged = STAGES[emit as StageName](loaded, { verify: args.flags.has('verify-each'), all: args.flags.has('all') });
  const diagnostics = [...loaded.result.diagnostics, ...staged.diagnostics];
  if (!staged.module || hasErrors(diagnostics)) {
    if (json) io.out(`${JSON.stringify({ diagnostics: jsonDiagnostics(loaded, diagnostics) }, null, 2)}\n`);
    else printDiagnostics(io, loaded, diagnostics);
    if (!hasErrors(diagnostics)) io.err(`${loaded.file}: error[name-no-model]: the file has no model to compile; add \`model main(...) { ... }\` that calls your layers.\n`);
    return 1;
  }
  if (json) {
    io.out(`${JSON.stringify({ ...staged.json(), diagnostics: jsonDiagnostics(loaded, diagnostics) }, null, 2)}\n`);
  } else {
    printDiagnostics(io, loaded, diagnostics);
    io.out(staged.text && dumpAfter === undefined ? staged.text() : printModule(staged.module, { locations: !args.flags.has('no-locations') }));
  }
  return 0;
}
