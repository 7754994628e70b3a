// Tests for print.ts: canonical layout, comment keeping, and print(parse(print(x))) == print(x).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from '../src/parse.js';
import { print } from '../src/print.js';
import { examplesDir, parseClean } from './helpers.js';

const canon = (text: string) => print(parseClean(text));

function assertStable(text: string): string {
  const once = canon(text);
  assert.equal(print(parseClean(once)), once);
  return once;
}

test('canonical spacing and indentation', () => {
  const text = 'mesh  pod=tpu_v3[x=16]chips[4,2]\ndim C=2*S/E\n'
    + 'layer ffn(x:f32[B,S,M]@[data,_,_],u:f32[])->(f32[B,S,M],f32[])on pod{'
    + 'param w:f32[M,H]@[_,model] h,g=relu(einsum("a,b",x,w))@split(B,16)\nreturn h,g}';
  assert.equal(
    assertStable(text),
    [
      'mesh pod = tpu_v3 [x = 16] chips [4, 2]',
      'dim C = 2 * S / E',
      'layer ffn(x: f32[B, S, M] @ [data, _, _], u: f32[]) -> (f32[B, S, M], f32[]) on pod {',
      '  param w: f32[M, H] @ [_, model]',
      '  h, g = relu(einsum("a,b", x, w)) @ split(B, 16)',
      '  return h, g',
      '}',
      '',
    ].join('\n'),
  );
});

test('integer expressions get the parentheses precedence needs, no more', () => {
  assert.equal(canon('dim A = (S + 1) * (2) / (E * 2) - (B - C)'), 'dim A = (S + 1) * 2 / (E * 2) - (B - C)\n');
});

test('expression parens are kept as written; strings are re-escaped', () => {
  assert.equal(
    canon('layer f() { y = -(a+b)*c - -d\nz = "q\\"\\\\" }'),
    'layer f() {\n  y = -(a + b) * c - -d\n  z = "q\\"\\\\"\n}\n',
  );
});

test('annotation forms print canonically', () => {
  assert.equal(
    canon('layer f(a: f32[A] @ shard([[0,1],[2,3]]), '
      + 'b: f32[B] @ [(x),_?,(x,y)? p0, ?] replicated(z) unreduced(u,v)) {}'),
    'layer f(a: f32[A] @ shard([[0, 1], [2, 3]]), '
      + 'b: f32[B] @ [x, ?, (x, y)? p0, ?] replicated(z) unreduced(u, v)) {\n}\n',
  );
});

test('leading, trailing and inner comments are kept; blank lines collapse to one', () => {
  const text = [
    '// header',
    '',
    '',
    'dim A = 1 // trailing',
    '/* before B */ dim B = /* inner */ 2',
    'layer f() { // after brace',
    '  // leading stmt',
    '  y = g(x, // in call',
    '        z)',
    '  // before close',
    '} // after close',
    '// end',
  ].join('\n');
  assert.equal(
    assertStable(text),
    [
      '// header',
      '',
      'dim A = 1 // trailing',
      '/* before B */',
      '/* inner */',
      'dim B = 2',
      'layer f() { // after brace',
      '  // leading stmt',
      '  // in call',
      '  y = g(x, z)',
      '  // before close',
      '} // after close',
      '// end',
      '',
    ].join('\n'),
  );
});

test('empty program prints as empty text; comments-only program keeps them', () => {
  assert.equal(canon(''), '');
  assert.equal(canon('  // only\n/* this */'), '// only\n/* this */\n');
});

test('every example round-trips: print is stable and examples are already canonical', () => {
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.gshard'));
  assert.ok(files.length >= 5, `expected the five examples, found ${files.join(', ')}`);
  for (const file of files) {
    const text = readFileSync(new URL(file, examplesDir), 'utf8');
    const once = assertStable(text);
    assert.equal(once, text, `${file} is not in canonical form`);
  }
});

test('round trip holds on the error examples too (valid parts only)', () => {
  const dir = new URL('errors/', examplesDir);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.gshard'))) {
    const once = print(parse(readFileSync(new URL(file, dir), 'utf8')).program);
    const reparsed = parse(once);
    // Printing drops what the recovery dropped, so the printed text of a broken file parses
    // cleanly (unterminated comment and string excepted: their text is kept as written).
    if (!/unterminated/.test(file)) assert.deepEqual(reparsed.diagnostics, [], file);
    assert.equal(print(reparsed.program), once, file);
  }
});
