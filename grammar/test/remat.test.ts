// `remat`: a contextual word marking a layer, a layer call or a repeat; a plain name everywhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Binding, FuncDecl } from '../src/ast.js';
import { parse } from '../src/parse.js';
import { print } from '../src/print.js';
import { at, parseClean } from './helpers.js';

const SOURCE = [
  'mesh m = [x = 2]',
  'dim B = 2',
  'remat layer f(x: f32[B]) -> f32[B] {',
  '  return relu(x)',
  '}',
  'layer g(x: f32[B]) -> f32[B] {',
  '  remat = x',
  '  return remat f(remat)',
  '}',
  'model main(x: f32[B]) -> f32[B] {',
  '  y = remat repeat 2 g(x)',
  '  z = remat g(y) + g(remat(y))',
  '  return z',
  '}',
].join('\n');

test('remat before layer, call and repeat parses into the nodes, and a name remat stays a name', () => {
  const p = parseClean(SOURCE);
  const funcs = p.items.filter((i): i is FuncDecl => i.kind === 'FuncDecl');
  const [f, g, main] = [at(funcs, 0), at(funcs, 1), at(funcs, 2)];
  assert.deepEqual([f.remat?.start.line, f.remat?.start.col, f.remat?.end.col], [3, 1, 6]);
  assert.equal(f.span.start.col, 1, 'the declaration starts at remat');
  assert.equal(g.remat, undefined);
  const binding = at(g.body, 0) as Binding;
  assert.deepEqual([binding.names[0]?.name, binding.value.kind], ['remat', 'NameRef']);
  const ret = at(g.body, 1);
  assert.ok(ret.kind === 'ReturnStmt');
  const call = at(ret.values, 0);
  assert.ok(call.kind === 'Call' && call.remat, 'remat f(remat) is a marked call');
  assert.equal(call.span.start.col, 10, 'the call spans from remat');
  assert.deepEqual(call.args.map((a) => a.value.kind), ['NameRef']);
  const y = at(main.body, 0) as Binding;
  assert.ok(y.value.kind === 'RepeatCall' && y.value.remat && !y.value.call.remat);
  const z = at(main.body, 1) as Binding;
  assert.ok(z.value.kind === 'Binary');
  assert.ok(z.value.lhs.kind === 'Call' && z.value.lhs.remat);
  assert.ok(z.value.rhs.kind === 'Call' && !z.value.rhs.remat, 'g(remat(y)): remat(y) is a call of a name remat');
});

test('the printer keeps remat, and print(parse(print)) is stable', () => {
  const once = print(parseClean(SOURCE));
  assert.equal(once, `${SOURCE}\n`);
  assert.equal(print(parseClean(once)), once);
});

test('a file parsed item by item cuts before remat layer, not between the two words', () => {
  // Clean text goes item by item; a cut between remat and layer would leave a stray remat (a diagnostic).
  const text = `dim B = 2\n${SOURCE.split('\n').slice(2).join('\n')}\nremat layer h(x: f32[B]) -> f32[B] {\n`
    + '  return x\n}\n';
  assert.deepEqual(parse(text).diagnostics, []);
  const funcs = parse(text).program.items.filter((i): i is FuncDecl => i.kind === 'FuncDecl');
  assert.deepEqual(funcs.map((f) => [f.name.name, Boolean(f.remat)]),
    [['f', true], ['g', false], ['main', false], ['h', true]]);
});

test('remat before something that is not a layer keyword or a call is a syntax error', () => {
  const codes = (t: string) => parse(t).diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col}`);
  assert.deepEqual(codes('remat dim B = 2\n'), ['syntax-unexpected-token@1:7']);
  assert.deepEqual(codes('dim B = 2\nmodel m(x: f32[B]) {\n  y = remat 2\n  return y\n}\n'),
    ['syntax-missing-token@3:13']);
});
