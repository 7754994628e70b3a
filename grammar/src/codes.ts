// The syntax diagnostic codes, each registered once with its one-line doc. The compiler registers
// the other phases' codes beside these (compiler/src/diag/codes.ts), so a code never lives below its user.

/** Code -> one-line doc, for every diagnostic the grammar reports. */
export const SYNTAX_CODES = {
  'syntax-invalid-character': 'A character that starts no token of the language (the lexer skips it).',
  'syntax-unterminated-string': 'A string literal with no closing quote before the end of its line.',
  'syntax-unterminated-comment': 'A block comment with no closing `*/` before the end of the file.',
  'syntax-unexpected-token': 'A token the grammar cannot use where it stands (e.g. no item starts with it).',
  'syntax-missing-token': 'A required token (a bracket, `=`, `:`, a name) is missing or another stands in its place.',
  'syntax-invalid-dim-spec': "A dim spec in an annotation is none of '_', '?', a mesh axis or '(axis, ...)'.",
  'syntax-invalid-priority': "A dim spec's priority is not 'p0', 'p1', ...",
  'syntax-nesting-too-deep': 'Brackets nest deeper than the parser allows (it would overflow the stack).',
} as const satisfies Record<string, string>;

export type SyntaxCode = keyof typeof SYNTAX_CODES;
