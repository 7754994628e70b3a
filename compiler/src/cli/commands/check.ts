// `gshard check FILE...`: every problem in every file at once, on stdout (as tsc and eslint print
// findings, so `gshard check f | grep` works); exit 0 clean, 1 on errors.

import { parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { hasErrors, jsonDiagnostics, printDiagnostics, runFile } from '../load.js';
import type { JsonDiagnostic } from '../../diag/render.js';
import { PIPELINE_BOOLEANS, PIPELINE_USAGE, PIPELINE_VALUED } from '../pipeline-flags.js';

export const CHECK_USAGE = `gshard check FILE... [--json] [--entry MODEL] ${PIPELINE_USAGE}`;

export function checkCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['entry', ...PIPELINE_VALUED], ['json', ...PIPELINE_BOOLEANS]);
  if (args.positionals.length === 0) {
    throw new UsageError(`${args.positionals.length < 1 ? 'missing' : 'too many'} arguments`);
  }
  const all: JsonDiagnostic[] = [];
  let failed = false;
  for (const file of args.positionals) {
    // every pass: propagation's and the partitioner's warnings too
    const ran = runFile(io, file, args, undefined, args.flags.has('json') ? all : undefined);
    if (!ran) {
      failed = true;
      continue;
    }
    const { loaded } = ran;
    const ds = [...ran.pipeline.diagnostics];
    if (hasErrors(ds)) failed = true;
    if (args.flags.has('json')) all.push(...jsonDiagnostics(loaded, ds));
    else {
      printDiagnostics(io, loaded, ds, 'out');
      const errors = ds.filter((d) => d.severity === 'error').length;
      const warnings = ds.filter((d) => d.severity === 'warning').length;
      io.out(errors + warnings === 0 ? `${file}: ok\n` : `${file}: ${errors} error(s), ${warnings} warning(s)\n`);
    }
  }
  if (args.flags.has('json')) io.out(`${JSON.stringify({ diagnostics: all }, null, 2)}\n`);
  return failed ? 1 : 0;
}
