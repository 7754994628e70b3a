// Tests for lexer.ts and tokens.ts: keywords vs identifiers, literals, comments, lexical errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex } from '../src/lexer.js';

const kinds = (text: string) => lex(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

test('reserved keywords are tokens, longer words are identifiers', () => {
  assert.deepEqual(kinds('mesh meshes dim dims layer model param return repeat repeated'), [
    'Mesh:mesh',
    'Identifier:meshes',
    'Dim:dim',
    'Identifier:dims',
    'Layer:layer',
    'Model:model',
    'Param:param',
    'Return:return',
    'Repeat:repeat',
    'Identifier:repeated',
  ]);
});

test('contextual keywords lex as themselves (replicated before replicate)', () => {
  assert.deepEqual(kinds('tpu_v3 chips devices on replicate replicated split shard unreduced one'), [
    'TpuV3:tpu_v3',
    'Chips:chips',
    'Devices:devices',
    'On:on',
    'Replicate:replicate',
    'Replicated:replicated',
    'Split:split',
    'Shard:shard',
    'Unreduced:unreduced',
    'Identifier:one',
  ]);
});

test('numbers, strings, operators and arrows', () => {
  assert.deepEqual(kinds('16 0.5 1e-6 1E+3 "a\\"b" -> - + * / @ ? : = , ( ) [ ] { }').slice(0, 8), [
    'NumberLiteral:16',
    'NumberLiteral:0.5',
    'NumberLiteral:1e-6',
    'NumberLiteral:1E+3',
    'StringLiteral:"a\\"b"',
    'Arrow:->',
    'Minus:-',
    'Plus:+',
  ]);
});

test('unicode identifiers and underscores', () => {
  assert.deepEqual(kinds('Größe _ _x h₁ 専門家'), [
    'Identifier:Größe',
    'Identifier:_',
    'Identifier:_x',
    'Identifier:h₁',
    'Identifier:専門家',
  ]);
});

test('comments go to their own group, block comments may span lines', () => {
  const r = lex('dim /* a\nb */ G // tail\n= 1');
  assert.deepEqual(r.comments.map((c) => c.image), ['/* a\nb */', '// tail']);
  assert.deepEqual(r.tokens.map((t) => t.image), ['dim', 'G', '=', '1']);
  assert.deepEqual(r.diagnostics, []);
});

test('an invalid character is reported at its position', () => {
  const r = lex('dim G = 1\n  # 2');
  const [d, ...rest] = r.diagnostics;
  assert.ok(d);
  assert.equal(rest.length, 0);
  assert.equal(d.code, 'syntax-invalid-character');
  assert.deepEqual(d.span.start, { offset: 12, line: 2, col: 3 });
  assert.match(d.message, /but found '#'\.$/);
});

test('unterminated string stops at the end of its line and still yields a string token', () => {
  const r = lex('x = "abc\ny');
  assert.deepEqual(r.tokens.map((t) => t.tokenType.name), ['Identifier', 'Equals', 'UnterminatedString', 'Identifier']);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.col, d.span.end.col]), [
    ['syntax-unterminated-string', 1, 5, 9],
  ]);
});

test('unterminated block comment is reported at its opening', () => {
  const r = lex('dim G = 1\n/* never closed\ndim H = 2');
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.col]), [['syntax-unterminated-comment', 2, 1]],
  );
  assert.deepEqual(r.tokens.map((t) => t.image), ['dim', 'G', '=', '1']);
});
