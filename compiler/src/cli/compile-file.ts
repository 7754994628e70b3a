// Loads a file and runs it through the whole pipeline to the SPMD program, printing diagnostics;
// shared by the commands that need the partitioned program (explain, cost, run, export).

import type { Diagnostic } from '@gshard/grammar';
import type { Module } from '../ir/module.js';
import { propagateShardings } from '../sharding/propagate.js';
import { partitionModule } from '../partition/partition.js';
import { assertVerified } from '../pipeline.js';
import { flagString, type ParsedArgs } from './args.js';
import type { CliIO } from './io.js';
import { hasErrors, loadFile, printDiagnostics, type Loaded } from './load.js';
import { lowerOptionsOf } from './mesh-option.js';

export interface Compiled {
  readonly loaded: Loaded;
  readonly global: Module;
  readonly sharded: Module;
  readonly spmd: Module;
  readonly diagnostics: Diagnostic[];
}

/** undefined after printing why (read error or diagnostics with errors). */
export function compileFile(io: CliIO, file: string, args: ParsedArgs, quiet = false): Compiled | undefined {
  const loaded = loadFile(io, file, lowerOptionsOf(args));
  if (!loaded) return undefined;
  const diagnostics = [...loaded.result.diagnostics];
  const global = loaded.result.module;
  if (!global || hasErrors(diagnostics)) {
    printDiagnostics(io, loaded, diagnostics);
    if (!hasErrors(diagnostics)) io.err(`${file}: error[name-no-model]: the file has no model to compile; add \`model main(...) { ... }\` that calls your layers.\n`);
    return undefined;
  }
  // --verify-each: the IR verifier after every pass; a broken invariant is our bug (exit 3).
  const verify = args.flags.has('verify-each') ? assertVerified : () => {};
  verify(global, 'lower');
  const propagated = propagateShardings(global);
  verify(propagated.module, 'propagate');
  diagnostics.push(...propagated.diagnostics);
  const partitioned = partitionModule(propagated.module);
  verify(partitioned.module, 'partition');
  diagnostics.push(...partitioned.diagnostics);
  if (!quiet || hasErrors(diagnostics)) printDiagnostics(io, loaded, diagnostics);
  if (hasErrors(diagnostics)) return undefined;
  return { loaded, global, sharded: propagated.module, spmd: partitioned.module, diagnostics };
}
