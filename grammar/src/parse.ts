// The public entry from text to AST: lex, guard nesting, parse with recovery, build the AST, and
// collect every diagnostic sorted by position. Never throws: anything unexpected is an internal-error.

import type { Program } from './ast.js';
import { diagnostic, NO_SPAN, type Diagnostic } from './diagnostic.js';
import { lex } from './lexer.js';
import { limitNesting } from './nesting.js';
import { parser } from './parser.js';
import { LineIndex } from './positions.js';
import { toDiagnostic } from './syntax-errors.js';
import { AstBuilder } from './to-ast.js';

export interface ParseResult {
  readonly program: Program;
  /** Syntax diagnostics in source order; empty for a valid file. */
  readonly diagnostics: Diagnostic[];
}

export function parse(text: string): ParseResult {
  try {
    return parseOrThrow(text);
  } catch (e) {
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const whole = typeof text === 'string' ? new LineIndex(text).span(0, text.length) : NO_SPAN;
    const message = `Expected the parser to finish but it failed (${detail}); this is a bug in gshard.`;
    return {
      program: { kind: 'Program', items: [], comments: [], span: whole },
      diagnostics: [diagnostic('internal-error', 'error', message, { start: whole.start, end: whole.start })],
    };
  }
}

function parseOrThrow(text: string): ParseResult {
  const lines = new LineIndex(text);
  const lexed = lex(text, lines);
  const nesting = limitNesting(lexed.tokens, lines);
  const cst = parser.parseProgram(nesting.tokens);
  const quiet = (offset: number) => nesting.quiet.some(([a, b]) => offset >= a && offset < b);
  const parseDiagnostics = parser.errors
    .map((e) => toDiagnostic(e, lines))
    .filter((d) => !quiet(d.span.start.offset));
  const builder = new AstBuilder(lines);
  const program = builder.program(cst, lexed.comments);
  const diagnostics = [...lexed.diagnostics, ...nesting.diagnostics, ...parseDiagnostics, ...builder.diagnostics];
  diagnostics.sort((a, b) => a.span.start.offset - b.span.start.offset);
  return { program, diagnostics };
}
