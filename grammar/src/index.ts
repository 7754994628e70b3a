// Public entry of @gshard/grammar: the only file other packages import from.
export * from './diagnostic.js';
export type * from './ast.js';
export { parse, type ParseResult } from './parse.js';
export { print } from './print.js';
export { lex, type LexResult } from './lexer.js';
export { MAX_NESTING } from './nesting.js';
export { LineIndex, OffsetSpan, plainSpans } from './positions.js';
export * as tokens from './tokens.js';
export { SYNTAX_CODES, type SyntaxCode } from './codes.js';
