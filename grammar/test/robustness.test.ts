// Tests that parse() never throws and stays fast enough on hostile input (no timing assertions:
// the sizes are chosen so that a quadratic or recursive bug would hang or overflow, not be slow).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DimDecl, FuncDecl } from '../src/ast.js';
import { parse } from '../src/parse.js';
import { print } from '../src/print.js';
import { at, codes, parseClean } from './helpers.js';

test('empty file and whitespace-only file', () => {
  for (const text of ['', '   \n\t\r\n']) {
    const { program, diagnostics } = parse(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(program.items, []);
    assert.equal(program.span.end.offset, text.length);
  }
});

test('random bytes never throw and never give internal errors', () => {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let round = 0; round < 30; round++) {
    let text = '';
    const alphabet = round % 2 === 0 ? 0x10000 : 128;
    for (let i = 0; i < 2000; i++) text += String.fromCharCode(next() % alphabet);
    const { diagnostics } = parse(text);
    assert.ok(!diagnostics.some((d) => d.code === 'internal-error'), `round ${round}`);
    for (const d of diagnostics) {
      assert.ok(d.span.start.offset <= d.span.end.offset && d.span.end.offset <= text.length);
    }
  }
});

test('random token soup from the language never throws', () => {
  const words = [
    'mesh', 'dim', 'layer', 'model', 'param', 'return', 'repeat', 'x', '=', '(', ')', '[', ']', '{', '}', ',', '@',
    '?', '-', '+', '1', '"s"', 'split', 'replicate', '->', ':', 'f32',
  ];
  let seed = 7;
  for (let round = 0; round < 200; round++) {
    const parts: string[] = [];
    for (let i = 0; i < 60; i++) parts.push(at(words, (seed = (seed * 48271) % 2147483647) % words.length));
    const { program, diagnostics } = parse(parts.join(' '));
    assert.ok(!diagnostics.some((d) => d.code === 'internal-error'), parts.join(' '));
    print(program); // must not throw either
  }
});

test('a 1 MB file parses clean', () => {
  const layer = (i: number) =>
    `layer f${i}(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] {\n  param w: f32[M, M] @ [_, model]\n`
    + '  y = x + einsum("BSM,MN->BSN", x, w) * 0.5 // c\n  return y\n}\n';
  let text = 'mesh pod = tpu_v3 [data = 4, model = 4]\n';
  for (let i = 0; text.length < 1_000_000; i++) text += layer(i);
  const { program, diagnostics } = parse(text);
  assert.deepEqual(diagnostics, []);
  assert.ok(program.items.length > 5000);
});

test('10,000 nested parentheses and brackets: nesting-too-deep, no stack overflow', () => {
  const n = 10_000;
  assert.deepEqual(codes(`dim A = ${'('.repeat(n)}1${')'.repeat(n)}`), ['syntax-nesting-too-deep@1:137']);
  assert.deepEqual(codes(`layer f() { y = ${'['.repeat(n)}${']'.repeat(n)} }`), ['syntax-nesting-too-deep@1:145']);
  // `f(` and `shard(` count too: the 129th bracket is the 127th '['.
  assert.deepEqual(codes(`layer f(x: f32[A] @ shard(${'['.repeat(n)}`), ['syntax-nesting-too-deep@1:153']);
  assert.deepEqual(codes(`layer f() { y = ${'('.repeat(n)}`), ['syntax-nesting-too-deep@1:145']);
});

test('nesting just under the limit parses and prints', () => {
  const depth = 127;
  const program = parseClean(`layer f() { y = ${'-('.repeat(depth)}x${')'.repeat(depth)} }`);
  assert.equal(print(program), `layer f() {\n  y = ${'-('.repeat(depth)}x${')'.repeat(depth)}\n}\n`);
});

test('a 30,000-term sum parses and prints without deep recursion', () => {
  const sum = Array.from({ length: 30_000 }, () => 'a').join(' + ');
  const program = parseClean(`layer f() { y = ${sum} }`);
  assert.equal(print(program), `layer f() {\n  y = ${sum}\n}\n`);
});

test('huge and out-of-range numbers parse; value and integer-ness as written', () => {
  const program = parseClean('dim A = 1000000000000000\ndim B = 1e400\ndim C = 0.5');
  const values = program.items.map((i) => (i as DimDecl).value);
  assert.deepEqual(
    values.map((v) => v.kind === 'NumberLit' && [v.text, v.value, v.isInteger]),
    [
      ['1000000000000000', 1e15, true],
      ['1e400', Infinity, false],
      ['0.5', 0.5, false],
    ],
  );
});

test('unicode identifiers, strings and comments', () => {
  const program = parseClean('// コメント ✓\ndim Größe = 2 /* ünï */\nlayer 層(x: f32[Größe]) { y = f(x, "専門家 😀") }');
  assert.equal((program.items[1] as FuncDecl).name.name, '層');
  assert.equal(program.comments.length, 2);
  assert.equal(print(parseClean(print(program))), print(program));
});

test('CRLF line endings: lines and columns are right', () => {
  const { program, diagnostics } = parse('dim A = 1\r\ndim B = 2\r\n\r\ndim C = #3\r\n');
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.col]),
    [['syntax-invalid-character', 4, 9]],
  );
  assert.deepEqual((program.items[1] as DimDecl).name.span.start, { offset: 15, line: 2, col: 5 });
  assert.deepEqual((program.items[0] as DimDecl).span.end, { offset: 9, line: 1, col: 10 });
});

test('tabs count as one column each', () => {
  const [d] = parse('\tdim\tA =\t$').diagnostics;
  assert.deepEqual([d?.span.start.line, d?.span.start.col], [1, 10]);
});

test('non-string input is an internal error, not a throw', () => {
  const { diagnostics } = parse(undefined as unknown as string);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['internal-error'],
  );
});
