// Reads a source file and runs the pipeline on it with the command's flags, printing diagnostics;
// shared by every subcommand.

import type { Diagnostic } from '@gshard/grammar';
import type { FrontendResult } from '../pipeline.js';
import { runPipeline, type PipelineResult } from '../passes/run-pipeline.js';
import { renderDiagnostic, sortDiagnostics, toJsonDiagnostic, type JsonDiagnostic } from '../diag/render.js';
import type { ParsedArgs } from './args.js';
import type { CliIO } from './io.js';
import { FileReadError } from '../files/read-regular.js';
import { pipelineOptionsOf, printTimings } from './pipeline-flags.js';
import { must } from '../util/checked.js';
import type { TrainSpec } from '../passes/pass.js';

export interface Loaded {
  readonly file: string;
  readonly source: string;
  /** The parse and lower passes' result. */
  readonly result: FrontendResult;
}

export interface Ran {
  readonly loaded: Loaded;
  readonly pipeline: PipelineResult;
}

/** A diagnostic that is not at a place in a source file (a file that cannot be read, a name not found). */
export function fileDiagnostic(file: string, code: string, message: string): JsonDiagnostic {
  const at = { line: 1, col: 1 };
  return { file, line: 1, col: 1, endLine: 1, endCol: 1, severity: 'error', code, message,
    span: { start: at, end: at } };
}

/** `{"diagnostics": [...]}` on stdout: what every --json command prints when the file has errors. */
export function printJsonDiagnostics(io: CliIO, diagnostics: readonly JsonDiagnostic[]): void {
  io.out(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
}

/**
 * The text of a file; undefined when it cannot be read (already reported: on stderr, or with
 * --json as `{"diagnostics": [...]}`, or into `collect` for a command that prints them all at once).
 */
export function readSource(io: CliIO, file: string, json = false, collect?: JsonDiagnostic[]): string | undefined {
  try {
    return io.readFile(file);
  } catch (e) {
    const message = e instanceof FileReadError ? e.message
      : `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    const code = e instanceof FileReadError ? e.code : 'io-read';
    if (collect) collect.push(fileDiagnostic(file, code, message));
    else if (json) printJsonDiagnostics(io, [fileDiagnostic(file, code, message)]);
    else io.err(`${file}: error[${code}]: ${message}\n`);
    return undefined;
  }
}

/**
 * Reads `file` and runs the passes up to `upTo` (default: all) with the command's --entry, --mesh,
 * --verify-each, --dump-after and --timings. Undefined when the file cannot be read (already reported).
 */
export function runFile(
  io: CliIO, file: string, args: ParsedArgs, upTo?: string, collect?: JsonDiagnostic[], train?: TrainSpec,
): Ran | undefined {
  const options = pipelineOptionsOf(args, io, upTo, train);
  const source = readSource(io, file, args.flags.has('json'), collect);
  if (source === undefined) return undefined;
  const pipeline = runPipeline(source, options);
  printTimings(io, args, file, pipeline);
  // every command runs at least through lower, which always sets `front`
  return { loaded: { file, source, result: must(pipeline.front, 'lower always sets front') }, pipeline };
}

/**
 * Diagnostics go to stderr (stdout carries the command's product), or to stdout for `check`, whose product they are.
 */
export function printDiagnostics(io: CliIO, loaded: Loaded,
  diagnostics: readonly Diagnostic[] = loaded.result.diagnostics, stream: 'out' | 'err' = 'err'): void {
  const color = stream === 'out' ? io.color : io.errColor ?? io.color;
  for (const d of sortDiagnostics(diagnostics)) {
    io[stream](`${renderDiagnostic(loaded.file, loaded.source, d, { color })}\n`);
  }
}

export function jsonDiagnostics(loaded: Loaded,
  diagnostics: readonly Diagnostic[] = loaded.result.diagnostics): JsonDiagnostic[] {
  return sortDiagnostics(diagnostics).map((d) => toJsonDiagnostic(loaded.file, d));
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
