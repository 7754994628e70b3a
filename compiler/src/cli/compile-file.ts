// Loads a file and runs it through the whole pipeline to the SPMD program, printing diagnostics;
// shared by the commands that need the partitioned program (explain, cost, show).

import type { Diagnostic } from '@gshard/grammar';
import type { Module } from '../ir/module.js';
import type { ParsedArgs } from './args.js';
import type { CliIO } from './io.js';
import type { TrainSpec } from '../passes/pass.js';
import { fileDiagnostic, hasErrors, jsonDiagnostics, printDiagnostics, printJsonDiagnostics, runFile,
  type Loaded } from './load.js';

export interface Compiled {
  readonly loaded: Loaded;
  readonly global: Module;
  readonly sharded: Module;
  readonly spmd: Module;
  readonly diagnostics: Diagnostic[];
}

/** undefined after printing why (read error or diagnostics with errors). */
/**
 * undefined after printing why (read error or diagnostics with errors): rendered on stderr, or
 * with --json as `{"diagnostics": [...]}` on stdout. `quiet`: a clean file's warnings are the caller's to print.
 */
export function compileFile(
  io: CliIO, file: string, args: ParsedArgs, quiet = false, train?: TrainSpec,
): Compiled | undefined {
  const ran = runFile(io, file, args, undefined, undefined, train);
  if (!ran) return undefined;
  const { loaded, pipeline } = ran;
  const diagnostics = [...pipeline.diagnostics];
  const { global, sharded, spmd } = pipeline;
  const json = args.flags.has('json');
  const NO_MODEL = 'the file has no model to compile; add `model main(...) { ... }` that calls your layers.';
  if (!global || hasErrors(diagnostics) || !sharded || !spmd) {
    const noModel = !global && !hasErrors(diagnostics);
    if (json) {
      printJsonDiagnostics(io, [...jsonDiagnostics(loaded, diagnostics),
        ...(noModel ? [fileDiagnostic(file, 'name-no-model', NO_MODEL)] : [])]);
    }
    else {
      printDiagnostics(io, loaded, diagnostics);
      if (noModel) io.err(`${file}: error[name-no-model]: ${NO_MODEL}\n`);
    }
    return undefined;
  }
  if (!quiet) printDiagnostics(io, loaded, diagnostics);
  return { loaded, global, sharded, spmd, diagnostics };
}
