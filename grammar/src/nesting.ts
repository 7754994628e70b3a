// Guards the recursive-descent parser against stack overflow: a pre-scan of the token stream that
// cuts brackets nested deeper than a limit (and over-long runs of unary '-') before parsing.

import type { IToken } from 'chevrotain';
import { diagnostic, type Diagnostic } from './diagnostic.js';
import type { LineIndex } from './positions.js';
import { LBracket, LParen, Minus, RBracket, RParen } from './tokens.js';

/**
 * Deepest bracket nesting (and longest '-' run) the parser accepts. Each level costs up to six
 * rule calls in Chevrotain; a cold (not yet optimised) parser overflows Node's default stack near
 * 200 levels of `[-[-...`, so 128 leaves room for the caller's own stack.
 */
export const MAX_NESTING = 128;

export interface NestingResult {
  /** The tokens to parse: too-deep groups are removed, with their brackets. */
  readonly tokens: IToken[];
  readonly diagnostics: Diagnostic[];
  /**
   * Offset ranges [start, end) whose parser errors are consequences of a cut (the outermost bracket
   * group around it) and must not be reported.
   */
  readonly quiet: ReadonlyArray<readonly [number, number]>;
}

function isOpener(t: IToken): boolean {
  return t.tokenType === LParen || t.tokenType === LBracket;
}
function isCloser(t: IToken): boolean {
  return t.tokenType === RParen || t.tokenType === RBracket;
}

export function limitNesting(tokens: IToken[], lines: LineIndex, limit: number = MAX_NESTING): NestingResult {
  /** The kept tokens; null until the first cut (a valid file keeps them all: no copy). */
  let out: IToken[] | null = null;
  const diagnostics: Diagnostic[] = [];
  const quiet: [number, number][] = [];
  let depth = 0;
  let minusRun = 0;
  let quietStart = -1;
  const tooDeep = (t: IToken, what: string) =>
    diagnostics.push(
      diagnostic(
        'syntax-nesting-too-deep',
        'error',
        `Expected at most ${limit} nested ${what} but found more.`,
        lines.span(t.startOffset, t.startOffset + t.image.length),
      ),
    );
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!; // i < tokens.length (the loop also moves i, so no for-of)
    if (t.tokenType === Minus) {
      minusRun++;
      if (minusRun === limit + 1) tooDeep(t, "unary '-'");
      if (minusRun > limit) {
        out ??= tokens.slice(0, i);
        continue;
      }
    } else {
      minusRun = 0;
    }
    if (isOpener(t)) {
      if (depth >= limit) {
        tooDeep(t, 'brackets');
        if (quietStart < 0) quietStart = t.startOffset;
        out ??= tokens.slice(0, i);
        // Skip the whole group, up to and including its matching closer.
        let d = 0;
        for (; i < tokens.length; i++) {
          const u = tokens[i]!; // i < tokens.length
          if (isOpener(u)) d++;
          else if (isCloser(u) && --d === 0) break;
        }
        continue;
      }
      depth++;
    } else if (isCloser(t) && depth > 0) {
      depth--;
      if (depth === 0 && quietStart >= 0) {
        quiet.push([quietStart, t.startOffset + 1]);
        quietStart = -1;
      }
    }
    out?.push(t);
  }
  if (quietStart >= 0) quiet.push([quietStart, Infinity]);
  return { tokens: out ?? tokens, diagnostics, quiet };
}
