// Text -> tokens and comments, plus the lexical diagnostics: invalid characters, unterminated
// strings and comments (the scanning itself is scanner.ts). Knows nothing about the grammar.

import type { IToken, TokenType } from 'chevrotain';
import { diagnostic, type Diagnostic } from './diagnostic.js';
import { LineIndex } from './positions.js';
import { scan, type ScanResult } from './scanner.js';
import { UnterminatedComment, UnterminatedString } from './tokens.js';

export interface LexResult {
  /** Significant tokens (no whitespace, no comments). */
  readonly tokens: IToken[];
  /** Comment tokens in source order. */
  readonly comments: IToken[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Tokens from `lex` carry lines and columns by default (editors read them); the parser asks for
 * offsets only (spans come from a LineIndex), which saves five fields per token.
 */
export function lex(
  text: string,
  lines: LineIndex = new LineIndex(text),
  positions: 'full' | 'offsets' = 'full',
): LexResult {
  return withDiagnostics(text, lines, scan(text, positions));
}

/**
 * The lexical diagnostics of a scan. Separate from `lex` so the scanner's differential test can
 * run Chevrotain's own lexer output through the same reporting.
 */
export function withDiagnostics(text: string, lines: LineIndex, result: ScanResult): LexResult {
  const diagnostics: Diagnostic[] = [];
  for (const error of result.errors) {
    const found = text.slice(error.offset, error.offset + Math.min(error.length, 20));
    diagnostics.push(
      diagnostic(
        'syntax-invalid-character',
        'error',
        `Expected a name, number, string, operator or comment but found '${printable(found)}'.`,
        lines.span(error.offset, error.offset + error.length),
      ),
    );
  }
  /** An error at each token of `type` among `tokens`, spanning its first `width` characters. */
  const unterminated = (
    tokens: readonly IToken[], type: TokenType, code: string, message: string, width: (t: IToken) => number,
  ): void => {
    for (const token of tokens) {
      if (token.tokenType !== type) continue;
      const span = lines.span(token.startOffset, token.startOffset + width(token));
      diagnostics.push(diagnostic(code, 'error', message, span));
    }
  };
  unterminated(result.tokens, UnterminatedString, 'syntax-unterminated-string',
    `Expected '"' to close the string but found the end of the line.`, (t) => t.image.length);
  const comments = result.comments;
  // The opening `/*` is the narrowest useful span: the rest is the whole file.
  unterminated(comments, UnterminatedComment, 'syntax-unterminated-comment',
    `Expected '*/' to close the comment but found the end of the file.`, () => 2);
  return { tokens: result.tokens, comments, diagnostics };
}

/** Control characters shown as \uXXXX so messages stay on one line. */
export function printable(s: string): string {
  const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, escape);
}
