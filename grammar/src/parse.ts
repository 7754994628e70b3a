// The public entry from text to AST: lex, guard nesting, parse with recovery (building the AST), and
// collect every diagnostic sorted by position. Never throws: anything unexpected is an internal-error.

import type { Item, Program } from './ast.js';
import { diagnostic, NO_SPAN, type Diagnostic } from './diagnostic.js';
import { lex } from './lexer.js';
import { limitNesting, MAX_NESTING } from './nesting.js';
import { NodeBuilder } from './build.js';
import { parser } from './parser.js';
import { LineIndex } from './positions.js';
import { toDiagnostic } from './syntax-errors.js';

export interface ParseResult {
  readonly program: Program;
  /** Syntax diagnostics in source order; empty for a valid file. */
  readonly diagnostics: Diagnostic[];
}

/** Nesting limit for a second attempt when the first overflowed the stack (a caller deep in its own stack). */
const FALLBACK_NESTING = 16;

export function parse(text: string): ParseResult {
  try {
    try {
      return parseOrThrow(text, MAX_NESTING);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return parseOrThrow(text, FALLBACK_NESTING);
    }
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

function parseOrThrow(text: string, nestingLimit: number): ParseResult {
  const lines = new LineIndex(text);
  const lexed = lex(text, lines, 'offsets');
  const nesting = limitNesting(lexed.tokens, lines, nestingLimit);
  const builder = new NodeBuilder(lines, nesting.tokens.length);
  const items = parser.parseProgram(nesting.tokens, builder);
  const quiet = (offset: number) => nesting.quiet.some(([a, b]) => offset >= a && offset < b);
  // Recovery often re-syncs inside the broken statement and reports follow-on errors there; one
  // parser error per line keeps the first (real) one and still reports errors on other lines.
  const seenLines = new Set<number>();
  const parseDiagnostics = parser.errors
    .map((e) => toDiagnostic(e, lines))
    .filter((d) => !quiet(d.span.start.offset))
    .filter((d) => !seenLines.has(d.span.start.line) && seenLines.add(d.span.start.line) !== undefined);
  const program: Program = {
    kind: 'Program',
    items: items.filter((i): i is Item => i !== undefined),
    comments: lexed.comments.map((t) => ({ kind: 'Comment', text: t.image, span: builder.tokenSpan(t) })),
    span: lines.span(0, text.length),
  };
  const diagnostics = [...lexed.diagnostics, ...nesting.diagnostics, ...parseDiagnostics, ...builder.reports];
  diagnostics.sort((a, b) => a.span.start.offset - b.span.start.offset);
  return { program, diagnostics };
}
