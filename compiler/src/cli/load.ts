// Reads a source file and runs the frontend, printing diagnostics; shared by every subcommand.

import type { Diagnostic } from '@gshard/grammar';
import { frontend, type FrontendResult } from '../pipeline.js';
import { analyze, Stage } from '../analysis.js';
import { renderDiagnostic, sortDiagnostics, toJsonDiagnostic, type JsonDiagnostic } from '../diag/render.js';
import type { CliIO } from './io.js';
import type { LowerOptions } from '../lower/lower.js';

export interface Loaded {
  readonly file: string;
  readonly source: string;
  readonly result: FrontendResult;
}

/** undefined when the file cannot be read (already reported). */
export function loadFile(io: CliIO, file: string, options: LowerOptions = {}): Loaded | undefined {
  let source: string;
  try {
    source = io.readFile(file);
  } catch (e) {
    io.err(`${file}: error[io-read]: cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return undefined;
  }
  return { file, source, result: frontend(source, options) };
}

/** Every problem in a file: the frontend's, then propagation's and the partitioner's warnings. */
export function allDiagnostics(loaded: Loaded, options: LowerOptions = {}): Diagnostic[] {
  if (!loaded.result.module) return loaded.result.diagnostics;
  return analyze(loaded.source, Stage.Partitioned, options).diagnostics;
}

/** Diagnostics go to stderr (stdout carries the command's product), or to stdout for `check`, whose product they are. */
export function printDiagnostics(io: CliIO, loaded: Loaded, diagnostics: readonly Diagnostic[] = loaded.result.diagnostics, stream: 'out' | 'err' = 'err'): void {
  const color = stream === 'out' ? io.color : io.errColor ?? io.color;
  for (const d of sortDiagnostics(diagnostics)) io[stream](`${renderDiagnostic(loaded.file, loaded.source, d, { color })}\n`);
}

export function jsonDiagnostics(loaded: Loaded, diagnostics: readonly Diagnostic[] = loaded.result.diagnostics): JsonDiagnostic[] {
  return sortDiagnostics(diagnostics).map((d) => toJsonDiagnostic(loaded.file, d));
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
