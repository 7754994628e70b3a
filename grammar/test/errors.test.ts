// Tests for syntax-errors.ts, nesting.ts and parse.ts diagnostics: codes, exact line:col, wording, recovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DimDecl, FuncDecl } from '../src/ast.js';
import { parse } from '../src/parse.js';
import { codes } from './helpers.js';

test('three unrelated errors in three statements/items are all reported, valid parts kept', () => {
  const text = [
    'mesh tpu = tpu_v3 [x = 8]',
    'dim G = 16 +',
    'dim S = 32',
    'layer f(x: f32[G, S]) -> f32[G, S] {',
    '  y = x * )',
    '  z = x * 2',
    '  w = x @ [x y]',
    '  return z',
    '}',
    'dim M = 4',
  ].join('\n');
  const { program, diagnostics } = parse(text);
  assert.deepEqual(
    diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col}`),
    ['syntax-unexpected-token@3:1', 'syntax-unexpected-token@5:11', 'syntax-invalid-priority@7:14'],
  );
  assert.deepEqual(
    program.items.map((i) => i.name.name),
    ['tpu', 'S', 'f', 'M'],
  );
  const f = program.items[2] as FuncDecl;
  assert.deepEqual(
    f.body.map((s) => (s.kind === 'Binding' ? s.names[0]?.name : s.kind)),
    ['z', 'w', 'ReturnStmt'],
  );
});

test('unexpected token: message says expected vs found, span is the token', () => {
  const [d] = parse('dim G = 1\nlayer f() { y = ) }').diagnostics;
  assert.equal(d?.code, 'syntax-unexpected-token');
  assert.equal(d?.message, "Expected an expression but found ')'.");
  assert.deepEqual([d?.span.start.line, d?.span.start.col, d?.span.end.col], [2, 17, 18]);
});

test('missing token names the token', () => {
  const [d] = parse('dim G 16').diagnostics;
  assert.equal(d?.code, 'syntax-missing-token');
  assert.equal(d?.message, "Expected '=' but found '16'.");
  assert.deepEqual([d?.span.start.col, d?.span.end.col], [7, 9]);
});

test('end of file is named as such, with a zero-width span at the end', () => {
  const [d] = parse('dim G =\n').diagnostics;
  assert.equal(d?.message,
    "Expected an integer expression (a number, a dim name or '(') but found the end of the file.");
  assert.deepEqual(d?.span.start, { offset: 8, line: 2, col: 1 });
  assert.deepEqual(d?.span.end, d?.span.start);
});

test('stray tokens at top level and reserved words used as names', () => {
  assert.deepEqual(codes('x = 1'), ['syntax-unexpected-token@1:1']);
  const [d] = parse('dim layer = 2').diagnostics;
  assert.equal(d?.message, "Expected a name but found 'layer' (a reserved word).");
});

test('model is a keyword but may name a mesh axis', () => {
  assert.deepEqual(codes('mesh m = [data = 2, model = 2]\nlayer f(x: f32[A] @ [(data, model)]) { return x }'), []);
});

test('invalid priority and invalid dim specs', () => {
  assert.deepEqual(codes('layer f(x: f32[A, B] @ [x q1, y p]) { return x }'), [
    'syntax-invalid-priority@1:27',
    'syntax-invalid-priority@1:33',
  ]);
  assert.deepEqual(codes('layer f(x: f32[A, B] @ [0, (x, _)]) { return x }'), [
    'syntax-invalid-dim-spec@1:25',
    'syntax-invalid-dim-spec@1:32',
  ]);
  assert.deepEqual(codes('layer f(x: f32[A] @ [(x, 1)]) { return x }'), ['syntax-invalid-dim-spec@1:26']);
});

test('lexical errors keep the rest of the file', () => {
  const { program, diagnostics } = parse('dim A = 1\ndim B = $2\ndim C = 3');
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['syntax-invalid-character'],
  );
  assert.deepEqual(
    program.items.map((i) => (i as DimDecl).name.name),
    ['A', 'B', 'C'],
  );
});

test('nesting too deep: one diagnostic at the first bracket past the limit', () => {
  const text = `layer f() { y = ${'('.repeat(200)}x${')'.repeat(200)}\n z = 1 }`;
  const { program, diagnostics } = parse(text);
  assert.deepEqual(
    diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col}`),
    ['syntax-nesting-too-deep@1:145'],
  );
  // The statement holding the cut is incomplete and dropped; the next one survives.
  assert.deepEqual(
    (program.items[0] as FuncDecl).body.map((s) => (s.kind === 'Binding' ? s.names[0]?.name : s.kind)),
    ['z'],
  );
});

test('a long run of unary minus is cut the same way', () => {
  assert.deepEqual(codes(`layer f() { y = ${'-'.repeat(500)}x }`), ['syntax-nesting-too-deep@1:145']);
});

test('messages are sentences: capital first letter, final period', () => {
  const text = 'dim A = \nmesh = [x]\nlayer f( { y = @ }\n"open\n/* open';
  for (const d of parse(text).diagnostics) assert.match(d.message, /^[A-Z].*\.$/s, d.message);
});
