// The front end of the pipeline (passes/ lists every pass): parse, then lower (resolve, build the
// global IR, check), and the verifier check that --verify-each runs after each pass.

import { parse, type Diagnostic, type Program } from '@gshard/grammar';
import { lowerProgram, type LowerOptions, type LowerResult } from './lower/lower.js';
import type { Module } from './ir/module.js';
import { LIMITS, limitMessage } from './limits.js';
import { verifyModule } from './ops/verify.js';
import { SymbolRefList } from './lower/symbol-refs.js';
import { InternalError } from './util/checked.js';

export { InternalError };

export interface FrontendResult {
  readonly program: Program;
  readonly lowered: LowerResult;
  readonly diagnostics: Diagnostic[];
  /** The checked global IR, present when there are no errors. */
  readonly module?: Module;
}

/** A parsed text: the AST and the syntax diagnostics; `refused` when the text is over the size limit. */
export interface ParsedSource {
  readonly program: Program;
  readonly diagnostics: Diagnostic[];
  readonly refused: boolean;
}

/** The parse pass: the AST of a text, with error recovery. Never throws on bad input. */
export function parseSource(text: string): ParsedSource {
  const tooBig = text.length > LIMITS.fileBytes.value;
  if (tooBig) {
    const span = { start: { offset: 0, line: 1, col: 1 }, end: { offset: 0, line: 1, col: 1 } };
    const program: Program = { kind: 'Program', items: [], comments: [], span };
    const diagnostics: Diagnostic[] = [{ code: 'limit-file-bytes', severity: 'error',
      message: `The file is too large: ${limitMessage(LIMITS.fileBytes, text.length)}`, span }];
    return { program, diagnostics, refused: true };
  }
  const parsed = parse(text);
  return { program: parsed.program, diagnostics: parsed.diagnostics, refused: false };
}

/** The lower pass: resolve, lower and check a parsed text (its diagnostics first, then the checker's). */
export function lowerParsed(text: string, parsed: ParsedSource, options: LowerOptions = {}): FrontendResult {
  if (parsed.refused) {
    const symbols = { definitions: [], references: new SymbolRefList(), instances: [] };
    const lowered: LowerResult = { diagnostics: [], symbols, dims: new Map() };
    return { program: parsed.program, lowered, diagnostics: [...parsed.diagnostics] };
  }
  const lowered = lowerProgram(parsed.program, options);
  const diagnostics = [...parsed.diagnostics, ...withoutCascades(text, parsed.diagnostics, lowered.diagnostics)];
  const clean = !diagnostics.some((d) => d.severity === 'error');
  return { program: parsed.program, lowered, diagnostics, ...(clean && lowered.module ? { module: lowered.module }
    : {}) };
}

/** Parse, lower and check one source text (the pipeline's first two passes). Never throws on bad input. */
export function frontend(text: string, options: LowerOptions = {}): FrontendResult {
  return lowerParsed(text, parseSource(text), options);
}

const UNKNOWN_NAME_CODES = new Set(['name-unresolved', 'name-unknown-dim', 'name-unknown-op', 'name-unknown-layer',
  'name-unknown-mesh']);

/**
 * Error recovery drops the statement or item around a syntax error, so names it defined look
 * undefined later. An unknown-name diagnostic for a name written on a line with a syntax error is
 * such a cascade (the diagnostic's `name` says which name), and so is any diagnostic on the very
 * text of a syntax error: both are left out, and every real problem is still reported once.
 */
function withoutCascades(text: string, syntax: readonly Diagnostic[], semantic: readonly Diagnostic[]): Diagnostic[] {
  if (syntax.length === 0) return [...semantic];
  const lines = text.split(/\r\n|\r|\n/);
  const broken = new Set<string>();
  for (const d of syntax) {
    for (const m of (lines[d.span.start.line - 1] ?? '').matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu)) broken.add(m[0]);
  }
  const overlapsSyntax = (d: Diagnostic) => syntax.some((x) => x.span.start.offset < d.span.end.offset
    && d.span.start.offset < Math.max(x.span.end.offset, x.span.start.offset + 1));
  return semantic.filter((d) => {
    if (overlapsSyntax(d)) return false;
    if (!UNKNOWN_NAME_CODES.has(d.code)) return true;
    return d.name === undefined || !broken.has(d.name);
  });
}

/** A broken IR invariant is our bug: this turns it into an exception with the pass name. */
export function assertVerified(m: Module, after: string): void {
  const problems = verifyModule(m);
  if (problems.length > 0) {
    throw new InternalError(`IR verifier failed after ${after}:\n  ${problems.slice(0, 10).join('\n  ')}`);
  }
}

