// The public entry from text to AST: lex, guard nesting, parse with recovery (building the AST), and
// collect every diagnostic sorted by position; a clean text goes item by item (parseByItems).
// Never throws: anything unexpected is an internal-error.

import type { Comment, Item, Program } from './ast.js';
import { diagnostic, NO_SPAN, type Diagnostic } from './diagnostic.js';
import { itemCuts } from './item-cuts.js';
import { lex } from './lexer.js';
import { limitNesting, MAX_NESTING } from './nesting.js';
import { NodeBuilder } from './build.js';
import { parser } from './parser.js';
import { LineIndex } from './positions.js';
import { scan } from './scanner.js';
import { toDiagnostic } from './syntax-errors.js';
import { UnterminatedComment, UnterminatedString } from './tokens.js';

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
  return parseByItems(text, lines) ?? parseWhole(text, lines, nestingLimit);
}

/**
 * Lexes and parses one top-level item at a time, so no token outlives its item (tokens that live
 * through a whole-file parse survive garbage collections: ~25% of the parse time of a 10,000-line
 * file). Gives up (undefined) on the first problem of any kind: the whole-file parse then reports
 * it exactly as before. Items are independent (program = item*, and every cut is before an item
 * keyword), so for a clean text the items equal the whole-file parse's; a test holds it to that.
 */
export function parseByItems(text: string, lines: LineIndex = new LineIndex(text)): ParseResult | undefined {
  const cuts = itemCuts(text);
  if (cuts.length < 2) return undefined;
  const builder = new NodeBuilder(lines, text.length >> 2);
  const items: Item[] = [];
  const comments: Comment[] = [];
  for (let k = 0; k <= cuts.length; k++) {
    const from = cuts[k - 1] ?? 0;
    const to = cuts[k] ?? text.length;
    const scanned = scan(text.slice(from, to), 'offsets');
    if (scanned.errors.length > 0) return undefined;
    for (const t of scanned.tokens) {
      if (t.tokenType === UnterminatedString) return undefined;
      t.startOffset += from;
    }
    for (const t of scanned.comments) {
      if (t.tokenType === UnterminatedComment) return undefined;
      t.startOffset += from;
      comments.push({ kind: 'Comment', text: t.image, span: builder.tokenSpan(t) });
    }
    const nesting = limitNesting(scanned.tokens, lines, MAX_NESTING);
    if (nesting.diagnostics.length > 0) return undefined;
    const parsed = parser.parseProgram(nesting.tokens, builder);
    if (parser.errors.length > 0 || builder.reports.length > 0) return undefined;
    for (const item of parsed) {
      if (item === undefined) return undefined;
      items.push(item);
    }
  }
  return { program: { kind: 'Program', items, comments, span: lines.span(0, text.length) }, diagnostics: [] };
}

/** The whole token stream in one parse, with recovery: every text with a problem goes here. */
export function parseWhole(
  text: string,
  lines: LineIndex = new LineIndex(text),
  nestingLimit = MAX_NESTING,
): ParseResult {
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
