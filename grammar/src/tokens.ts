// Every Chevrotain token type of .gshard, in lexer order (first match wins, so order matters).
// Reserved keywords use `longer_alt` so `meshes` stays an identifier; contextual keywords
// (`tpu_v3`, `split`, ...) also belong to the Identifier category so they stay usable as names.

import { createToken, Lexer, type TokenType } from 'chevrotain';

// Identifiers allow unicode letters. A `u`-flag regexp would switch off Chevrotain's first-char
// optimisation for the whole lexer, so the pattern is a custom matcher and the start-char hint
// lists ASCII letters, `_` and every char code above 127 (Chevrotain buckets those, deduplicating
// consecutive codes, so the hint costs one entry per bucket).
const identifierRegExp = /[\p{L}_][\p{L}\p{N}_]*/uy;
const identifierStartHint: (string | number)[] = ['_'];
for (let c = 65; c <= 90; c++) identifierStartHint.push(c, c + 32);
for (let c = 128; c < 65536; c++) identifierStartHint.push(c);

/**
 * Where a mesh axis is named: any identifier, and also `model`, because `model` is the usual name of
 * the model-parallel axis (`mesh pod = tpu_v3 [data = 4, model = 4]`) even though it is a keyword.
 */
export const AxisName = createToken({ name: 'AxisName', pattern: Lexer.NA, label: 'a mesh axis' });

export const Identifier = createToken({
  name: 'Identifier',
  label: 'a name',
  categories: [AxisName],
  pattern: (text: string, offset: number) => {
    identifierRegExp.lastIndex = offset;
    return identifierRegExp.exec(text);
  },
  start_chars_hint: identifierStartHint,
  line_breaks: false,
});

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\n\r\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const BlockComment = createToken({
  name: 'BlockComment',
  label: 'a comment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: 'comments',
  line_breaks: true,
});
/** A `/*` with no closing `*\/`: kept as a comment so the rest of the file still lexes; the lexer reports it. */
export const UnterminatedComment = createToken({
  name: 'UnterminatedComment',
  label: 'a comment',
  pattern: /\/\*[\s\S]*/,
  group: 'comments',
  line_breaks: true,
});
export const LineComment = createToken({
  name: 'LineComment',
  label: 'a comment',
  pattern: /\/\/[^\n\r]*/,
  group: 'comments',
});

export const StringLiteral = createToken({
  name: 'StringLiteral',
  label: 'a string',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
});
/** A string cut by the end of its line; parsed as a string (so one mistake gives one diagnostic). */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  label: 'a string',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  categories: [StringLiteral],
});

export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  label: 'a number',
  pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/,
});

function punct(name: string, text: string): TokenType {
  return createToken({ name, pattern: text, label: `'${text}'` });
}
export const Arrow = punct('Arrow', '->');
export const LParen = punct('LParen', '(');
export const RParen = punct('RParen', ')');
export const LBracket = punct('LBracket', '[');
export const RBracket = punct('RBracket', ']');
export const LBrace = punct('LBrace', '{');
export const RBrace = punct('RBrace', '}');
export const Comma = punct('Comma', ',');
export const Colon = punct('Colon', ':');
export const Equals = punct('Equals', '=');
export const At = punct('At', '@');
export const Question = punct('Question', '?');
/** The four arithmetic operators, as one category: expressions parse flat and get precedence in precedence.ts. */
export const ArithOp = createToken({ name: 'ArithOp', pattern: Lexer.NA, label: "an operator ('+', '-', '*' or '/')" });
function arith(name: string, text: string): TokenType {
  return createToken({ name, pattern: text, label: `'${text}'`, categories: [ArithOp] });
}
export const Plus = arith('Plus', '+');
export const Minus = arith('Minus', '-');
export const Star = arith('Star', '*');
export const Slash = arith('Slash', '/');

/** Reserved words: never identifiers. */
function keyword(name: string, text: string, extra: { categories?: TokenType[] } = {}): TokenType {
  return createToken({ name, pattern: new RegExp(text), label: `'${text}'`, longer_alt: Identifier, ...extra });
}
export const Mesh = keyword('Mesh', 'mesh');
export const Dim = keyword('Dim', 'dim');
export const Layer = keyword('Layer', 'layer');
export const Model = keyword('Model', 'model', { categories: [AxisName] });
export const Param = keyword('Param', 'param');
export const Return = keyword('Return', 'return');
export const Repeat = keyword('Repeat', 'repeat');

/** Contextual keywords: special only where the grammar asks for them, identifiers elsewhere. */
function contextual(name: string, text: string): TokenType {
  return createToken({
    name,
    pattern: new RegExp(text),
    label: `'${text}'`,
    longer_alt: Identifier,
    categories: [Identifier],
  });
}
export const TpuV3 = contextual('TpuV3', 'tpu_v3');
export const Chips = contextual('Chips', 'chips');
export const Devices = contextual('Devices', 'devices');
export const On = contextual('On', 'on');
// `replicated` before `replicate`: the lexer takes the first pattern that matches.
export const Replicated = contextual('Replicated', 'replicated');
export const Replicate = contextual('Replicate', 'replicate');
export const Split = contextual('Split', 'split');
export const Shard = contextual('Shard', 'shard');
export const Unreduced = contextual('Unreduced', 'unreduced');
/** `remat layer f(...)`, `remat f(x)`, `remat repeat 4 f(x)`: recompute in the backward pass. */
export const Remat = contextual('Remat', 'remat');

export const reservedKeywords = [Mesh, Dim, Layer, Model, Param, Return, Repeat] as const;
export const contextualKeywords = [TpuV3, Chips, Devices, On, Replicated, Replicate, Split, Shard, Unreduced,
  Remat] as const;

/** All token types in lexer order. */
export const allTokens: TokenType[] = [
  AxisName,
  ArithOp,
  WhiteSpace,
  BlockComment,
  UnterminatedComment,
  LineComment,
  StringLiteral,
  UnterminatedString,
  NumberLiteral,
  Arrow,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
  Equals,
  At,
  Question,
  Plus,
  Minus,
  Star,
  Slash,
  ...reservedKeywords,
  ...contextualKeywords,
  Identifier,
];
