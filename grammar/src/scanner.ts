// The hand-written scanner: text -> tokens, comments and invalid-character errors, exactly as
// Chevrotain's Lexer gives them for the token definitions in tokens.ts (the differential test
// grammar/test/scanner.test.ts holds it to that), without the per-token regexp work.
//
// Why by hand: Chevrotain tries regexps in order per first char, and every keyword is a regexp
// followed by the unicode Identifier matcher (`longer_alt`); here one pass over the chars decides,
// with the Identifier regexp only for non-ASCII chars. Allocation that survives GC is what costs
// most, so the one retained object per token is the token: keyword and punctuation images are the
// pattern strings, and equal names, numbers and strings share one image string per scan.

import { Lexer, type CustomPatternMatcherFunc, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

/** An invalid-character run, as Chevrotain reports it (line and column only with full positions). */
export interface ScanError {
  readonly offset: number;
  readonly length: number;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

export interface ScanResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly errors: ScanError[];
}

// ---- Tables derived from tokens.ts (checked once at load: a token kind the scanner does not
// know must fail loudly here, not lex differently from the definitions) ----

/** Tokens defined by regexps, which the scanner matches by hand below. */
const HAND_MATCHED: ReadonlySet<TokenType> = new Set([
  T.WhiteSpace,
  T.BlockComment,
  T.UnterminatedComment,
  T.LineComment,
  T.StringLiteral,
  T.UnterminatedString,
  T.NumberLiteral,
  T.Identifier,
]);

interface Word {
  readonly text: string;
  readonly type: TokenType;
}

/** Keywords by first char code, in lexer order. Only ASCII words (checked). */
const keywordsByChar: (Word[] | undefined)[] = [];
/** Fixed-text tokens (punctuation) by first char code, in lexer order; longer texts stay first if defined first. */
const fixedByChar: (Word[] | undefined)[] = [];

{
  const keywords = new Set<TokenType>([...T.reservedKeywords, ...T.contextualKeywords]);
  const seenKeywords: string[] = [];
  for (const type of T.allTokens) {
    const pattern = type.PATTERN;
    if (pattern === Lexer.NA || HAND_MATCHED.has(type)) continue;
    if (typeof pattern === 'string') {
      (fixedByChar[pattern.charCodeAt(0)] ??= []).push({ text: pattern, type });
    } else if (
      keywords.has(type) && pattern instanceof RegExp && !pattern.ignoreCase
      && /^[A-Za-z_][A-Za-z0-9_]*$/.test(pattern.source)
    ) {
      // A keyword regexp is tried before Identifier and loses to it only when the identifier is
      // longer. So a keyword preceded (in lexer order) by a proper prefix of itself never lexes.
      const text = pattern.source;
      if (seenKeywords.some((k) => text.startsWith(k))) continue;
      seenKeywords.push(text);
      (keywordsByChar[text.charCodeAt(0)] ??= []).push({ text, type });
    } else {
      throw new Error(`scanner.ts does not know how to match token ${type.name}`);
    }
  }
}

/** The Identifier token's own matcher: the fallback for non-ASCII chars, so unicode rules stay in one place. */
const identifierMatcher = T.Identifier.PATTERN as CustomPatternMatcherFunc;
/** The matcher's unused arguments (Chevrotain's matched tokens and groups so far). */
const NO_TOKENS: IToken[] = [];
const NO_GROUPS = {};

function isIdentStartAscii(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

// What an ASCII char can start, by char code.
const INVALID = 0;
const SPACE = 1;
const IDENT = 2;
const DIGIT = 3;
const FIXED = 4; // one fixed-text token, one char long
const FIXED_MULTI = 5; // several fixed-text tokens, or a longer one
const SLASH = 6; // a comment or the fixed '/'
const QUOTE = 7;

const asciiKind = new Uint8Array(128);
/** The token of a FIXED char. */
const fixedSingle: (TokenType | undefined)[] = [];
for (let c = 0; c < 128; c++) {
  const fixed = fixedByChar[c];
  if (c === 32 || (c >= 9 && c <= 13)) asciiKind[c] = SPACE;
  else if (isIdentStartAscii(c)) asciiKind[c] = IDENT;
  else if (c >= 48 && c <= 57) asciiKind[c] = DIGIT;
  else if (c === 47) asciiKind[c] = SLASH;
  else if (c === 34) asciiKind[c] = QUOTE;
  else if (fixed?.length === 1 && fixed[0]?.text.length === 1) {
    asciiKind[c] = FIXED;
    fixedSingle[c] = fixed[0].type;
  } else if (fixed) asciiKind[c] = FIXED_MULTI;
}
for (const [c, words] of fixedByChar.entries()) {
  if (!words) continue;
  // A fixed token must start with a char nothing else starts with ('/' also starts comments, which
  // the scanner tries first), and where several share a first char, a one-char one must be among
  // them, so that the char always lexes.
  const alone = asciiKind[c] === FIXED || asciiKind[c] === FIXED_MULTI || asciiKind[c] === SLASH;
  if (!alone || !words.some((w) => w.text.length === 1)) {
    throw new Error(`scanner.ts does not know how to match token ${words.map((w) => w.type.name).join(' or ')}`);
  }
}
// The order the scanner tries overlapping patterns in must be the lexer order.
for (const [first, then] of [
  [T.BlockComment, T.UnterminatedComment],
  [T.UnterminatedComment, T.Slash],
  [T.LineComment, T.Slash],
  [T.StringLiteral, T.UnterminatedString],
  ...[...T.reservedKeywords, ...T.contextualKeywords].map((k) => [k, T.Identifier]),
] as const) {
  if (T.allTokens.indexOf(first) > T.allTokens.indexOf(then)) {
    throw new Error(`scanner.ts expects ${first.name} before ${then.name} in allTokens`);
  }
}

/** ASCII chars that continue an identifier. */
const identPart = new Uint8Array(128);
for (let c = 0; c < 128; c++) identPart[c] = isIdentStartAscii(c) || (c >= 48 && c <= 57) ? 1 : 0;

/** WhiteSpace's chars: `[ \t\n\r\f\v\u00a0\ufeff]`. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// ---- Matchers: each returns the end offset of its token starting at `i` ----

/** Identifier from an identifier start at `i`: ASCII here, the unicode regexp from the first non-ASCII char. */
function identifierEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      if (identPart[c] === 0) return j;
      j++;
    } else {
      // The caller saw an identifier start at i, so the matcher matches at least that char.
      return i + identifierMatcher(text, i, NO_TOKENS, NO_GROUPS)![0].length;
    }
  }
  return j;
}

/** NumberLiteral: `\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`, each optional part taken only when complete. */
function numberEnd(text: string, i: number): number {
  let j = i + 1;
  while (isDigit(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    j += 2;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    const sign = text.charCodeAt(k);
    if (sign === 43 || sign === 45) k++;
    if (isDigit(text.charCodeAt(k))) {
      k++;
      while (isDigit(text.charCodeAt(k))) k++;
      j = k;
    }
  }
  return j;
}

/**
 * A string from the `"` at `i`: the end offset, negated (as -end) when unterminated. The body is
 * chars other than `"`, `\`, CR, LF, or `\` with any char but CR/LF; an unterminated string also
 * takes a trailing `\` that has nothing escapable after it (UnterminatedString's `\\?`).
 */
function stringEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c === 10 || c === 13) return -j;
    if (c === 92) {
      if (j + 1 >= n) return -(j + 1);
      const next = text.charCodeAt(j + 1);
      if (next === 10 || next === 13) return -(j + 1);
      j += 2;
    } else {
      j++;
    }
  }
  return -j;
}

/** The first fixed-text token (in lexer order) at `i`, whose first char is `c`. */
function fixedAt(text: string, i: number, c: number): Word {
  for (const w of fixedByChar[c] ?? []) if (text.startsWith(w.text, i)) return w;
  throw new Error('unreachable: every fixed-token char has a one-char token (checked at load)');
}

/** Whether any token can start at `i` (where Chevrotain's error recovery re-syncs). */
function canStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return asciiKind[c] !== INVALID;
  return c === 0xa0 || c === 0xfeff || identifierMatcher(text, i, NO_TOKENS, NO_GROUPS) !== null;
}

// ---- Images: names, numbers and strings repeat, so each scan shares one string per distinct
// image (a retained string per token would cost about as much as the token itself) ----

/**
 * Slots of a scan's image table (direct-mapped: a collision just replaces the older image): one per
 * 8 chars of text, a power of two from 16 to 4096, so that scanning a small piece stays cheap.
 */
function imageSlots(textLength: number): number {
  let slots = 16;
  while (slots < 4096 && slots * 8 < textLength) slots *= 2;
  return slots;
}
/** Chars hashed per image: enough to tell names apart, bounded for long strings. */
const HASHED_CHARS = 16;

/** The image text[start, end), reusing an equal earlier image from `table` when its slot holds one. */
function imageOf(text: string, start: number, end: number, table: (string | undefined)[]): string {
  const length = end - start;
  let h = length;
  for (let j = start, last = Math.min(end, start + HASHED_CHARS); j < last; j++) {
    h = (Math.imul(h, 31) + text.charCodeAt(j)) | 0;
  }
  const slot = (h ^ (h >>> 13)) & (table.length - 1);
  const seen = table[slot];
  if (seen !== undefined && seen.length === length && text.startsWith(seen, start)) return seen;
  const image = text.substring(start, end);
  table[slot] = image;
  return image;
}

// ---- Token objects: the fields of Chevrotain's tokens, in its order, one shape per position mode ----
//
// Classes, not object literals: a literal with the same keys as Chevrotain's full token gets the
// same V8 map, and Chevrotain's END_OF_FILE and recovery tokens hold NaN in those fields, which
// turns every number field of that map into a separate heap box (seven objects per token, not one).

class OffsetToken implements IToken {
  declare image: string;
  declare startOffset: number;
  declare tokenTypeIdx: number;
  declare tokenType: TokenType;
  constructor(image: string, start: number, type: TokenType) {
    this.image = image;
    this.startOffset = start;
    this.tokenTypeIdx = type.tokenTypeIdx!; // set for every token type by createToken
    this.tokenType = type;
  }
}

class FullToken implements IToken {
  declare image: string;
  declare startOffset: number;
  declare endOffset: number;
  declare startLine: number;
  declare endLine: number;
  declare startColumn: number;
  declare endColumn: number;
  declare tokenTypeIdx: number;
  declare tokenType: TokenType;
  /** The token text[start, end) on `line`, which starts at offset `lineStart`. */
  constructor(image: string, start: number, end: number, type: TokenType, line: number, lineStart: number) {
    this.image = image;
    this.startOffset = start;
    this.endOffset = end - 1;
    this.startLine = line;
    this.endLine = line;
    this.startColumn = start - lineStart + 1;
    this.endColumn = end - lineStart;
    this.tokenTypeIdx = type.tokenTypeIdx!; // set for every token type by createToken
    this.tokenType = type;
  }
}

/**
 * Lexes `text`. With 'full' positions, tokens carry lines and columns as Chevrotain computes them:
 * line breaks are LF, CRLF and a lone CR, counted inside the tokens that may hold them (whitespace
 * and block comments); columns count UTF-16 units from 1.
 */
export function scan(text: string, positions: 'full' | 'offsets'): ScanResult {
  const full = positions === 'full';
  // Sized up front (a token takes 3 to 12 chars with its whitespace), trimmed at the end: growing by
  // push copies the array into fresh memory again and again, which costs more than the scanning.
  // Capped: V8 makes a longer `new Array(n)` a slow dictionary.
  const tokens: IToken[] = new Array<IToken>(Math.min(Math.ceil(text.length / 2), 1 << 24));
  let count = 0;
  const comments: IToken[] = [];
  const errors: ScanError[] = [];
  const images: (string | undefined)[] = new Array(imageSlots(text.length));
  const n = text.length;
  let line = 1;
  /** Offset of the current line's first char (columns are relative to it). */
  let lineStart = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let kind = c < 128 ? asciiKind[c]! : INVALID; // asciiKind is filled for all 128 codes above
    if (c >= 128) {
      // Non-ASCII: two whitespace chars, or a unicode identifier, or nothing.
      if (c === 0xa0 || c === 0xfeff) kind = SPACE;
      else if (identifierMatcher(text, i, NO_TOKENS, NO_GROUPS) !== null) kind = IDENT;
    }
    let type: TokenType;
    let end: number;
    let image: string | undefined;
    switch (kind) {
      case SPACE: {
        let j = i;
        if (full) {
          for (; j < n; j++) {
            const s = text.charCodeAt(j);
            if (s === 10) {
              line++;
              lineStart = j + 1;
            } else if (s === 13) {
              if (text.charCodeAt(j + 1) === 10) j++;
              line++;
              lineStart = j + 1;
            } else if (!isSpace(s)) break;
          }
        } else {
          while (j < n && isSpace(text.charCodeAt(j))) j++;
        }
        i = j;
        continue;
      }
      case IDENT: {
        end = identifierEnd(text, i);
        type = T.Identifier;
        const words = keywordsByChar[c];
        if (words !== undefined) {
          for (const w of words) {
            if (w.text.length === end - i && text.startsWith(w.text, i)) {
              type = w.type;
              image = w.text;
              break;
            }
          }
        }
        break;
      }
      case DIGIT:
        end = numberEnd(text, i);
        type = T.NumberLiteral;
        break;
      case FIXED:
        end = i + 1;
        type = fixedSingle[c]!; // a FIXED char has its one token (set with the kind above)
        image = type.PATTERN as string;
        break;
      case QUOTE: {
        end = stringEnd(text, i);
        type = T.StringLiteral;
        if (end < 0) {
          end = -end;
          type = T.UnterminatedString;
        }
        break;
      }
      case SLASH: {
        const next = text.charCodeAt(i + 1);
        if (next === 42 || next === 47) {
          let commentType: TokenType;
          if (next === 47) {
            // LineComment: up to (not including) the next CR or LF.
            end = i + 2;
            while (end < n) {
              const s = text.charCodeAt(end);
              if (s === 10 || s === 13) break;
              end++;
            }
            commentType = T.LineComment;
          } else {
            const close = text.indexOf('*/', i + 2);
            end = close < 0 ? n : close + 2;
            commentType = close < 0 ? T.UnterminatedComment : T.BlockComment;
          }
          const image = text.substring(i, end);
          const comment: IToken = full
            ? new FullToken(image, i, end, commentType, line, lineStart)
            : new OffsetToken(image, i, commentType);
          comments.push(comment);
          if (full && next === 42) {
            // Chevrotain's updateTokenEndLineColumnLocation, for a comment that holds line breaks.
            let breaks = 0;
            let lastBreak = -1; // offset of the last char of the last line break
            for (let j = i + 2; j < end; j++) {
              const s = text.charCodeAt(j);
              if (s === 10 || s === 13) {
                if (s === 13 && j + 1 < end && text.charCodeAt(j + 1) === 10) j++;
                breaks++;
                lastBreak = j;
              }
            }
            if (breaks > 0) {
              line += breaks;
              lineStart = lastBreak + 1;
              const endsInBreak = lastBreak === end - 1;
              // A single break as the last char moves only the following tokens; otherwise the end
              // is on the last line (or, when it ends in a break, column 1 of the line before).
              if (!(breaks === 1 && endsInBreak)) {
                comment.endLine = endsInBreak ? line - 1 : line;
                comment.endColumn = endsInBreak ? 1 : end - lineStart;
              }
            }
          }
          i = end;
          continue;
        }
        const w = fixedAt(text, i, c);
        type = w.type;
        image = w.text;
        end = i + w.text.length;
        break;
      }
      case FIXED_MULTI: {
        const w = fixedAt(text, i, c);
        type = w.type;
        image = w.text;
        end = i + w.text.length;
        break;
      }
      default: {
        // Invalid chars: one error up to the next offset where any token can start.
        const start = i;
        for (i++; i < n && !canStart(text, i); i++);
        errors.push(
          {
            offset: start,
            length: i - start,
            line: full ? line : undefined,
            column: full ? start - lineStart + 1 : undefined,
          },
        );
        continue;
      }
    }
    image ??= imageOf(text, i, end, images);
    // Past the estimate (runs of one-char tokens with no space) this appends, and the array grows.
    tokens[count++] = full ? new FullToken(image, i, end, type, line, lineStart) : new OffsetToken(image, i, type);
    i = end;
  }
  tokens.length = count;
  return { tokens, comments, errors };
}
