// Loads a file and runs it through the whole pipeline to the SPMD program, printing diagnostics;
// shared by the commands that need the partitioned program (explain, cost, show).

import type { Diagnostic } from '@gshard/grammar';
import type { Module } from '../ir/module.js';
import type { ParsedArgs } from './args.js';
import type { CliIO } from './io.js';
import { hasErrors, printDiagnostics, runFile, type Loaded } from './load.js';

export interface Compiled {
  readonly loaded: Loaded;
  readonly global: Module;
  readonly sharded: Module;
  readonly spmd: Module;
  readonly diagnostics: Diagnostic[];
}

/** undefined after printing why (read error or diagnostics with errors). */
export function compileFile(io: CliIO, file: string, args: ParsedArgs, quiet = false): Compiled | undefined {
  const ran = runFile(io, file, args);
  if (!ran) return undefined;
  const { loaded, pipeline } = ran;
  const diagnostics = [...pipeline.diagnostics];
  const { global, sharded, spmd } = pipeline;
  if (!global) {
    printDiagnostics(io, loaded, diagnostics);
    if (!hasErrors(diagnostics)) io.err(`${file}: error[name-no-model]: the file has no model to compile; add \`model main(...) { ... }\` that calls your layers.\n`);
    return undefined;
  }
  if (!quiet || hasErrors(diagnostics)) printDiagnostics(io, loaded, diagnostics);
  if (hasErrors(diagnostics) || !sharded || !spmd) return undefined;
  return { loaded, global, sharded, spmd, diagnostics };
}
