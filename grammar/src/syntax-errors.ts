// Parser error wording (a Chevrotain IParserErrorMessageProvider in .gshard terms) and the mapping
// from Chevrotain's recognition exceptions to stable diagnostic codes and narrowest spans.

import {
  EOF,
  tokenLabel,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from 'chevrotain';
import { diagnostic, type Diagnostic, type Span } from './diagnostic.js';
import { printable } from './lexer.js';
import type { LineIndex } from './positions.js';
import { reservedKeywords } from './tokens.js';

const ITEM_EXPECTED = "'mesh', 'dim', 'layer' or 'model'";
const DIM_SPEC_EXPECTED = "a dim spec ('_', '?', a mesh axis or '(axis, ...)')";

/** What a rule expects when none of its alternatives matches, said the way a user would. */
const ruleExpectations: Readonly<Record<string, string>> = {
  program: ITEM_EXPECTED,
  item: ITEM_EXPECTED,
  stmt: "'param', 'return' or a binding 'name = ...'",
  expr: 'an expression',
  operand: 'an expression',
  intExpr: 'an integer expression (a number, a dim name or \'(\')',
  intAtom: 'an integer expression (a number, a dim name or \'(\')',
  annotation: "'replicate', 'split(...)', 'shard(...)' or '[' after '@'",
  splitAnn: 'a dim name or number',
  dimSpec: DIM_SPEC_EXPECTED,
  nestedElement: "a number or '['",
  results: "a type or '('",
  funcDecl: "'layer' or 'model'",
};

export function describeFound(token: IToken | undefined): string {
  if (token === undefined || token.tokenType === EOF) return 'the end of the file';
  const image = token.image.length > 30 ? `${token.image.slice(0, 30)}...` : token.image;
  const reserved = (reservedKeywords as readonly TokenType[]).includes(token.tokenType);
  return reserved ? `'${image}' (a reserved word)` : `'${printable(image)}'`;
}

function describeExpected(ruleName: string, paths: TokenType[][]): string {
  const known = ruleExpectations[ruleName];
  if (known !== undefined) return known;
  const firsts = [...new Set(paths.map((p) => (p[0] ? tokenLabel(p[0]) : 'the end of the file')))];
  return orList(firsts);
}

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export const syntaxErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    // Expecting EOF means: after the last complete item, something that starts no item.
    const what =
      ruleName === 'dimSpec' ? DIM_SPEC_EXPECTED : expected === EOF ? ITEM_EXPECTED : tokenLabel(expected);
    return `Expected ${what} but found ${describeFound(actual)}.`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Expected ${ITEM_EXPECTED} but found ${describeFound(firstRedundant)}.`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    return `Expected ${describeExpected(ruleName, expectedPathsPerAlt.flat())} but found ${describeFound(actual[0])}.`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    return `Expected ${describeExpected(ruleName, expectedIterationPaths)} but found ${describeFound(actual[0])}.`;
  },
};

/** The stable code of a parser error: dim-spec problems, a missing token, or an unexpected one. */
export function codeOf(error: IRecognitionException): string {
  const rules = error.context?.ruleStack ?? [];
  const rule = rules[rules.length - 1];
  if (rule === 'dimSpec' || (rule === 'axisList' && rules.at(-2) === 'dimSpec')) return 'syntax-invalid-dim-spec';
  if (rule === 'program' || rules.length === 0) return 'syntax-unexpected-token';
  if (error.name === 'MismatchedTokenException') return 'syntax-missing-token';
  return 'syntax-unexpected-token';
}

/** The diagnostic for a Chevrotain recognition exception, spanning the offending token. */
export function toDiagnostic(error: IRecognitionException, lines: LineIndex): Diagnostic {
  return diagnostic(codeOf(error), 'error', error.message, tokenSpan(error.token, lines));
}

/** A real token's span; the end of the file for EOF or a token the recovery invented. */
export function tokenSpan(token: IToken, lines: LineIndex): Span {
  if (token.tokenType === EOF || !Number.isFinite(token.startOffset)) return lines.endSpan();
  return lines.span(token.startOffset, token.startOffset + token.image.length);
}
