// `gshard check FILE...`: every problem in every file at once, on stdout (as tsc and eslint print
// findings, so `gshard check f | grep` works); exit 0 clean, 1 on errors.

import { parseArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { allDiagnostics, hasErrors, jsonDiagnostics, loadFile, printDiagnostics } from '../load.js';
import type { JsonDiagnostic } from '../../diag/render.js';

export const CHECK_USAGE = 'gshard check FILE... [--json] [--entry MODEL]';

export function checkCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['entry'], ['json']);
  if (args.positionals.length === 0) {
    io.err(`usage: ${CHECK_USAGE}\n`);
    return 2;
  }
  const entry = args.flags.get('entry');
  const all: JsonDiagnostic[] = [];
  let failed = false;
  for (const file of args.positionals) {
    const loaded = loadFile(io, file, typeof entry === 'string' ? { entry } : {});
    if (!loaded) {
      failed = true;
      continue;
    }
    const ds = allDiagnostics(loaded, typeof entry === 'string' ? { entry } : {});
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
