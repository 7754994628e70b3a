// Fixed inputs for every failure the fuzzer found. Tests marked `todo` are reported, tracked bugs in
// code owned by others (grammar/, compiler/src/) that were not fixed yet: see docs/fuzzing.md and
// known-bugs.ts. Once one passes, drop its `todo` (and its known-bugs.ts entry).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analysis.js';
import { frontend } from '../../src/pipeline.js';
import { printModule } from '../../src/ir/printer.js';
import { parseModuleText } from '../../src/ir/text-parser.js';
import { verifyModule } from '../../src/ops/verify.js';
import { checkInput } from './property.js';
import { analyzeIsolated } from './isolated.js';

const model = (body: string, decl = '') => `${decl}mesh m = [x = 2]\ndim S = 4\nmodel main(a: f32[S]) {\n  ${body}\n  return b\n}\n`;


// Fixed in b1b0c63 (expression-depth limits). Was a stack overflow: lowerExpr recursed once per operator of a left-associative chain (the parser's
// nesting guard counts brackets only), and evalInt does the same for dim expressions.
test('deep-binary-chain: 5000 chained + does not overflow the stack', () => {
  const r = analyzeIsolated(model(`b = a${' + a'.repeat(5000)}`), 30_000);
  assert.ok(r.finished, r.stderr);
  assert.equal(r.threw, undefined);
});

test('deep-binary-chain: a dim expression of 20000 terms does not overflow the stack', () => {
  const r = analyzeIsolated(model('b = a', `dim D = 1${' + 1'.repeat(20000)}\n`), 30_000);
  assert.ok(r.finished, r.stderr);
  assert.equal(r.threw, undefined);
});

// Fixed in b1b0c63 (layer instances count toward the ops limit). Was a hang: 30 layers, each `repeat 2` of the next, returning its input: 2^30 instances and no op, so
// the ops limit (checked per emitted op) never fires. 20 layers take ~8 s, 22 over a minute.
test('exponential-repeat: a chain of repeat 2 over 30 layers stops at a limit', () => {
  const n = 30;
  const layers = Array.from({ length: n }, (_, i) => `layer l${i}(x: f32[S]) -> f32[S] { return ${i + 1 < n ? `repeat 2 l${i + 1}(x)` : 'x'} }`).join('\n');
  const r = analyzeIsolated(model('b = l0(a)', `${layers}\n`), 20_000);
  assert.ok(r.finished, `did not finish in 20 s: ${r.stderr}`);
  assert.equal(r.threw, undefined);
  assert.ok(r.codes.some((c) => c.startsWith('limit-')), `expected a limit diagnostic, got ${r.codes.join(', ')}`);
  assert.ok(r.messages.some((m) => /GSHARD_MAX_/.test(m)));
});

// Was a wrong diagnostic: `@ split(0, 2)` (GShard's split by dim index) was read as a dim *named*
// "0" (to-ast built an Ident from the NumberLiteral token). Fixed in grammar 2638f27.
test('split-by-index: @ split(0, 2) splits dim 0', () => {
  const a = analyze('mesh m = [x = 2]\ndim S = 4\nmodel main(a: f32[S] @ split(0, 2)) {\n  return a\n}\n');
  assert.deepEqual(a.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
});

// Fixed in b1b0c63. IR text round trip: the IR parser accepted ASCII names only, but dims, values and mesh axes may be
// any unicode letters (as the .gshard lexer allows): printed IR of a valid program does not parse.
for (const [what, text] of [
  ['a unicode dim', 'mesh m = [x = 2]\ndim Δ = 4\nmodel main(a: f32[Δ]) {\n  return a\n}\n'],
  ['a unicode value name', 'mesh m = [x = 2]\ndim S = 4\nmodel main(a: f32[S]) {\n  π = relu(a)\n  return π\n}\n'],
  ['a unicode mesh axis', 'mesh m = [ось = 2]\ndim S = 4\nmodel main(a: f32[S] @ [ось]) {\n  return a\n}\n'],
] as const) {
  test(`ir-unicode: printed IR with ${what} parses back`, () => {
    const { module } = frontend(text);
    assert.ok(module);
    const back = parseModuleText(printModule(module));
    assert.equal(back.error, undefined);
    assert.equal(printModule(back.module!), printModule(module));
  });
}

// Partitioner: a reshape of a sharded tensor to dims of another order gets local shapes with
// different element counts ([M=16, D=6] split 4 ways on M: local [4, 6] = 24, result local
// [D, M] = 32), so the SPMD module failed verifyModule. Found by seed 99, inputs 174 and 2416; fixed
// (dims whose boundaries do not nest form one blocked factor, gathered around the reshape).
test('spmd-reshape: a sharded reshape keeps the element count per device', () => {
  const a = analyze('mesh m = [x = 4]\ndim M = 16\ndim D = 6\nmodel main(a: f32[M, D] @ [x, _]) {\n  b = reshape(a, [D, M])\n  return b\n}\n');
  assert.ok(a.spmd, 'partitioned');
  assert.deepEqual(verifyModule(a.spmd), []);
});

// Inputs the fuzzer found interesting that pass today: kept so they stay passing.
for (const [what, text] of [
  ['deep brackets', model(`b = ${'('.repeat(5000)}a${')'.repeat(5000)}`)],
  ['deep unary minus', model(`b = ${'-'.repeat(5000)}a`)],
  ['huge numbers', 'dim S = 99999999999999999999999999999\nmesh m = [x = 1e308]\nmodel main(a: f32[S]) { return a }\n'],
  ['a mesh of 10^24 devices', 'mesh m = [x = 100000000, y = 100000000, z = 100000000]\ndim S = 4\nmodel main(a: f32[S]) { return a }\n'],
  ['lone CR line ends', model('b = a +', 'dim Q = 3\n').replace(/\n/g, '\r')],
  ['a surrogate half and BOM', `\ufeff${model('b = a // \ud800')}`],
  ['unclosed openers', model(`b = ${'(['.repeat(3000)}`)],
] as const) {
  test(`passes: ${what}`, async () => {
    const r = await checkInput(text, { cli: true });
    assert.deepEqual(r.failures, []);
  });
}
