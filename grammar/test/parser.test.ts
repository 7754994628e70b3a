// Tests for parser.ts + to-ast.ts: the AST shape of every construct.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Binding, DimDecl, FuncDecl, MeshDecl, ParamDecl } from '../src/ast.js';
import { noSpans, parseClean } from './helpers.js';
import { plainSpans } from '../src/positions.js';

const id = (name: string) => ({ kind: 'Ident', name });
const num = (text: string) => ({ kind: 'NumberLit', text, value: Number(text), isInteger: /^\d+$/.test(text) });
const ref = (name: string) => ({ kind: 'NameRef', name: id(name) });
const dimRef = (name: string) => ({ kind: 'DimRef', name: id(name) });

function firstItem<T>(text: string): T {
  return parseClean(text).items[0] as T;
}
/** The first statement of a layer whose body is `body`. */
function stmt<T>(body: string): T {
  return firstItem<FuncDecl>(`layer f() {\n${body}\n}`).body[0] as T;
}

test('tpu_v3 mesh with chips', () => {
  const m = firstItem<MeshDecl>('mesh pod2 = tpu_v3 [data = 4, model = 4] chips [4, 2]');
  assert.deepEqual(noSpans(m), {
    kind: 'MeshDecl',
    name: id('pod2'),
    topology: 'tpu_v3',
    axes: [
      { kind: 'MeshAxisDecl', name: id('data'), size: num('4') },
      { kind: 'MeshAxisDecl', name: id('model'), size: num('4') },
    ],
    chips: [num('4'), num('2')],
  });
  assert.equal(m.topologySpan?.start.col, 13);
  assert.deepEqual([m.chipsSpan?.start.col, m.chipsSpan?.end.col], [42, 54]);
});

test('plain mesh with devices', () => {
  const m = firstItem<MeshDecl>('mesh m = [x = 2, y = 4] devices [0, 2, 4, 6, 1, 3, 5, 7]');
  assert.equal(m.topology, 'plain');
  assert.equal(m.topologySpan, undefined);
  assert.deepEqual(m.devices?.map((d) => d.value), [0, 2, 4, 6, 1, 3, 5, 7]);
  assert.equal(m.chips, undefined);
});

test('dim with integer expression: precedence and left associativity', () => {
  const d = firstItem<DimDecl>('dim C = 2 * S / E + (A - B) - 1');
  const bin = (op: string, lhs: unknown, rhs: unknown) => ({ kind: 'IntBinary', op, lhs, rhs });
  assert.deepEqual(
    noSpans(d.value),
    bin(
      '-', bin('+', bin('/', bin('*', num('2'), dimRef('S')), dimRef('E')), bin('-', dimRef('A'), dimRef('B'))),
      num('1'),
    ),
  );
});

test('layer header: inputs with annotations, single result, body', () => {
  const f = firstItem<FuncDecl>('layer ffn(x: f32[B, S, M] @ [data, _, _], u: f32[]) -> f32[B, S, M] {\n  return x\n}');
  assert.equal(f.isModel, false);
  assert.equal(f.name.name, 'ffn');
  assert.deepEqual(
    noSpans(f.inputs[1]), { kind: 'InputDecl', name: id('u'), type: { kind: 'TypeRef', dtype: id('f32'), dims: [] } },
  );
  assert.deepEqual(noSpans(f.results), [{ kind: 'TypeRef', dtype: id('f32'), dims: [id('B'), id('S'), id('M')] }]);
  assert.equal(f.mesh, undefined);
  assert.deepEqual([f.bodySpan?.start.col, f.bodySpan?.end.line, f.bodySpan?.end.col], [69, 3, 2]);
});

test('model header: tuple results and on MESH', () => {
  const f = firstItem<FuncDecl>('model main(x: f32[B]) -> (f32[B], f32[]) on pod { return x, x }');
  assert.equal(f.isModel, true);
  assert.equal(f.results.length, 2);
  assert.equal(f.mesh?.name, 'pod');
  assert.equal(f.body[0]?.kind, 'ReturnStmt');
});

test('param with annotation', () => {
  const p = stmt<ParamDecl>('param wi: f32[M, H] @ [_, model]');
  assert.deepEqual(noSpans(p), {
    kind: 'ParamDecl',
    name: id('wi'),
    type: { kind: 'TypeRef', dtype: id('f32'), dims: [id('M'), id('H')] },
    annotation: {
      kind: 'AxisAnn',
      dims: [
        { kind: 'DimSpec', axes: [], open: false },
        { kind: 'DimSpec', axes: [id('model')], open: false },
      ],
      replicated: [],
      unreduced: [],
    },
  });
});

test('binding with several names, call with named arguments', () => {
  const b = stmt<Binding>('combine, dispatch, aux = top2_gating(logits, E, C, policy = "random", noise = u)');
  assert.deepEqual(
    b.names.map((n) => n.name),
    ['combine', 'dispatch', 'aux'],
  );
  assert.deepEqual(noSpans(b.value), {
    kind: 'Call',
    callee: id('top2_gating'),
    args: [
      { kind: 'CallArg', value: ref('logits') },
      { kind: 'CallArg', value: ref('E') },
      { kind: 'CallArg', value: ref('C') },
      { kind: 'CallArg', name: id('policy'), value: { kind: 'StringLit', value: 'random' } },
      { kind: 'CallArg', name: id('noise'), value: ref('u') },
    ],
  });
});

test('expression precedence, unary minus, parens, numbers', () => {
  const b = stmt<Binding>('y = -x + a * (b - 2) / 0.5');
  const bin = (op: string, lhs: unknown, rhs: unknown) => ({ kind: 'Binary', op, lhs, rhs });
  assert.deepEqual(
    noSpans(b.value),
    bin(
      '+',
      { kind: 'Unary', op: '-', operand: ref('x') },
      bin('/', bin('*', ref('a'), { kind: 'Paren', inner: bin('-', ref('b'), num('2')) }), num('0.5')),
    ),
  );
});

test('binding annotation applies to the binding, not the operand', () => {
  const b = stmt<Binding>('h = relu(einsum("BSM,MH->BSH", x, wi)) @ [data, _, model]');
  assert.equal(b.value.kind, 'Call');
  assert.equal(b.annotation?.kind, 'AxisAnn');
});

test('list literals and repeat', () => {
  const b = stmt<Binding>('y = reshape(repeat 4 ffn(x), [A, M])');
  assert.deepEqual(noSpans(b.value), {
    kind: 'Call',
    callee: id('reshape'),
    args: [
      {
        kind: 'CallArg',
        value: {
          kind: 'RepeatCall',
          count: num('4'),
          call: { kind: 'Call', callee: id('ffn'), args: [{ kind: 'CallArg', value: ref('x') }] },
        },
      },
      { kind: 'CallArg', value: { kind: 'ListLit', elements: [ref('A'), ref('M')] } },
    ],
  });
  assert.deepEqual(noSpans(stmt<Binding>('y = repeat (L / 2) f(x)').value), {
    kind: 'RepeatCall',
    count: { kind: 'IntBinary', op: '/', lhs: dimRef('L'), rhs: num('2') },
    call: { kind: 'Call', callee: id('f'), args: [{ kind: 'CallArg', value: ref('x') }] },
  });
});

test('annotations: replicate, split by name and by number, shard', () => {
  const ann = (a: string) => noSpans(stmt<ParamDecl>(`param w: f32[A, B] @ ${a}`).annotation);
  assert.deepEqual(ann('replicate'), { kind: 'ReplicateAnn' });
  assert.deepEqual(ann('split(G, 16)'), { kind: 'SplitAnn', dim: id('G'), count: num('16') });
  assert.deepEqual(ann('split(0, 2 * X)'), {
    kind: 'SplitAnn',
    dim: num('0'),
    count: { kind: 'IntBinary', op: '*', lhs: num('2'), rhs: dimRef('X') },
  });
  assert.deepEqual(ann('shard([[0, 1], [2, 3]])'), {
    kind: 'ShardAnn',
    assignment: {
      kind: 'NestedInts',
      elements: [
        { kind: 'NestedInts', elements: [num('0'), num('1')] },
        { kind: 'NestedInts', elements: [num('2'), num('3')] },
      ],
    },
  });
});

test('axis annotation: every dim spec form, replicated and unreduced', () => {
  const a = stmt<ParamDecl>('param w: f32[A, B, C, D, E] @ [x, _, (x, y)?, ?, z p1] replicated(u) unreduced(v, w)')
    .annotation;
  const spec = (axes: string[], open: boolean, priority?: number) => ({
    kind: 'DimSpec',
    axes: axes.map(id),
    open,
    ...(priority !== undefined && { priority }),
  });
  assert.deepEqual(noSpans(a), {
    kind: 'AxisAnn',
    dims: [spec(['x'], false), spec([], false), spec(['x', 'y'], true), spec([], true), spec(['z'], false, 1)],
    replicated: [id('u')],
    unreduced: [id('v'), id('w')],
  });
});

test('contextual keywords stay usable as names', () => {
  const f = firstItem<FuncDecl>('layer split(on: f32[chips]) { shard, devices = replicate(on) ' +
    '@ [tpu_v3]\n return shard }');
  assert.equal(f.name.name, 'split');
  assert.equal(f.inputs[0]?.name.name, 'on');
  const b = f.body[0] as Binding;
  assert.deepEqual(b.names.map((n) => n.name), ['shard', 'devices']);
  assert.deepEqual(
    noSpans(b.value), { kind: 'Call', callee: id('replicate'), args: [{ kind: 'CallArg', value: ref('on') }] },
  );
});

test('comments are collected in source order', () => {
  const p = parseClean('// a\ndim G = 1 /* b */\n// c');
  assert.deepEqual(p.comments.map((c) => c.text), ['// a', '/* b */', '// c']);
});

test('spans are 1-based, UTF-16 columns, end exclusive', () => {
  const p = parseClean('dim Größe = 1 // 専門\ndim x = 2');
  const d = p.items[0] as DimDecl;
  const { start, end } = d.name.span;
  assert.deepEqual({ start, end }, { start: { offset: 4, line: 1, col: 5 }, end: { offset: 9, line: 1, col: 10 } });
  assert.deepEqual(d.span.end, { offset: 13, line: 1, col: 14 });
  const withAstral = parseClean('dim A = 1 // 😀😀\ndim B = 2');
  assert.deepEqual((withAstral.items[1] as DimDecl).name.span.start, { offset: 22, line: 2, col: 5 });
  const astralString = stmt<Binding>('y = "😀" + z');
  assert.equal(astralString.value.kind === 'Binary' && astralString.value.rhs.span.start.col, 12);
});

test('spans print as JSON positions and survive a structured clone through plainSpans', () => {
  const p = parseClean('dim B = 8\ndim S = 2 * B');
  const d = p.items[1] as DimDecl;
  const expected = { start: { offset: 10, line: 2, col: 1 }, end: { offset: 23, line: 2, col: 14 } };
  assert.deepEqual(JSON.parse(JSON.stringify(d.span)), expected);
  // A structured clone (postMessage) keeps only a lazy span's offsets; plainSpans keeps positions.
  assert.equal(structuredClone(d).span.start, undefined);
  const cloned = structuredClone(plainSpans(p));
  assert.deepEqual((cloned.items[1] as DimDecl).span, expected);
  assert.deepEqual(
    (cloned.items[1] as DimDecl).name.span,
    { start: { offset: 14, line: 2, col: 5 }, end: { offset: 15, line: 2, col: 6 } },
  );
  // Binary spans join lazily and still cover both operands.
  const value = d.value;
  assert.equal(value.kind, 'IntBinary');
  assert.deepEqual([value.span.start.col, value.span.end.col], [9, 14]);
});
