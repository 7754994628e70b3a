// The named pipeline: each stage a function of the previous one's output, listed in order.
// parse -> lower (resolve, build global IR, check) -> propagate -> partition -> run | cost | export

import { parse, type Diagnostic, type Program } from '@gshard/grammar';
import { lowerProgram, type LowerOptions, type LowerResult } from './lower/lower.js';
import type { Module } from './ir/module.js';
import { LIMITS, limitMessage } from './limits.js';
import { verifyModule } from './ir/verify.js';

export interface FrontendResult {
  readonly program: Program;
  readonly lowered: LowerResult;
  readonly diagnostics: Diagnostic[];
  /** The checked global IR, present when there are no errors. */
  readonly module?: Module;
}

/** Parse, lower and check one source text. Never throws on bad input. */
export function frontend(text: string, options: LowerOptions = {}): FrontendResult {
  const tooBig = text.length > LIMITS.fileBytes.value;
  if (tooBig) {
    const span = { start: { offset: 0, line: 1, col: 1 }, end: { offset: 0, line: 1, col: 1 } };
    const program: Program = { kind: 'Program', items: [], comments: [], span };
    const diagnostics: Diagnostic[] = [{ code: 'limit-file-bytes', severity: 'error', message: `The file is too large: ${limitMessage(LIMITS.fileBytes, text.length)}`, span }];
    return { program, lowered: { diagnostics: [], symbols: { definitions: [], references: [], instances: [] }, dims: new Map() }, diagnostics };
  }
  const parsed = parse(text);
  const lowered = lowerProgram(parsed.program, options);
  const diagnostics = [...parsed.diagnostics, ...lowered.diagnostics];
  const clean = !diagnostics.some((d) => d.severity === 'error');
  return { program: parsed.program, lowered, diagnostics, ...(clean && lowered.module ? { module: lowered.module } : {}) };
}

/** A broken IR invariant is our bug: this turns it into an exception with the pass name. */
export function assertVerified(m: Module, after: string): void {
  const problems = verifyModule(m);
  if (problems.length > 0) throw new InternalError(`IR verifier failed after ${after}:\n  ${problems.slice(0, 10).join('\n  ')}`);
}

export class InternalError extends Error {}
