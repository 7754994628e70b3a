// The choice of collectives, alone: one reshard from layout A (maybe with partial sums pending) to
// layout B on a mesh, and the exact steps it becomes; then the same through the pass, from IR text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerReshard, type ReshardRequest } from '../../src/partition/lower-reshard.js';
import { reshardsToCollectives } from '../../src/partition/reshards-to-collectives.js';
import { makeMesh, parseMeshText, type Mesh } from '../../src/ir/mesh.js';
import { tensorType } from '../../src/ir/types.js';
import { parseModuleText } from '../../src/ir/text-parser.js';
import { printModule } from '../../src/ir/printer.js';
import { assertVerified } from '../helpers/repo.js';

function mesh(text: string): Mesh {
  const spec = parseMeshText(text, 'm');
  if ('error' in spec) throw new Error(spec.error);
  return makeMesh(spec).mesh!;
}

const USE = { kind: 'use', where: 'einsum at 3:4', role: 'operand 1', value: 'a' } as const;

function lower(meshText: string, sizes: [number, number], from: string[][], to: string[][],
  extra: Partial<ReshardRequest> = {}): { steps: [string, object][]; fullRemat: boolean } {
  const type = tensorType('f32', [{ name: 'I', size: sizes[0] }, { name: 'J', size: sizes[1] }]);
  const r = lowerReshard({ mesh: mesh(meshText), type, from, unreduced: [], combiner: 'sum', to, why: USE, ...extra });
  return { steps: r.steps.map((s) => [s.kind, s.attrs]), fullRemat: r.fullRemat };
}

test('a split moving between dims: one all_to_all', () => {
  assert.deepEqual(lower('[x = 4]', [8, 8], [['x'], []], [[], ['x']]), {
    steps: [['all_to_all', { axes: ['x'], split_dim: 'J', concat_dim: 'I', split_size: 8, concat_size: 8 }]],
    fullRemat: false,
  });
});

test('a split dropped: one all_gather; a split added: a local dynamic_slice', () => {
  assert.deepEqual(lower('[x = 4]', [8, 8], [['x'], []], [[], []]).steps,
    [['all_gather', { axes: ['x'], dim: 'I', size: 8 }]]);
  assert.deepEqual(lower('[x = 4]', [8, 8], [[], []], [[], ['x']]).steps,
    [['dynamic_slice', { axes: ['x'], dim: 'J', size: 8, global_size: 8 }]]);
});

test('the same axes in another order: one collective_permute with every pair', () => {
  const { steps } = lower('[x = 2, y = 2]', [8, 8], [['x', 'y'], []], [['y', 'x'], []]);
  assert.deepEqual(steps, [['collective_permute', { pairs: [[0, 0], [2, 1], [1, 2], [3, 3]] }]]);
});

test('partial sums: all_reduce, or reduce_scatter when the target splits a dim on the partial axes', () => {
  const reduced = { kind: 'contracting', dims: ['K'] };
  const partial = { unreduced: ['x'], why: { kind: 'result', where: 'einsum at 3:4', value: 'c', reduced } } as const;
  const type = tensorType('f32', [{ name: 'I', size: 8 }]);
  const ar = lowerReshard({ mesh: mesh('[x = 4]'), type, from: [[]], combiner: 'sum', to: [[]], ...partial });
  assert.deepEqual(ar.steps.map((s) => [s.kind, s.attrs, s.reason]), [
    ['all_reduce', { axes: ['x'], combiner: 'sum' }, 'einsum at 3:4: contracting dim K is split on x: partial sums are all-reduced'],
  ]);
  assert.deepEqual(lower('[x = 4]', [8, 8], [[], []], [['x'], []], partial).steps,
    [['reduce_scatter', { axes: ['x'], dim: 'I', size: 8 }]]);
  // A max cannot be reduce-scattered: all_reduce, then keep the slice.
  const kinds = (r: ReturnType<typeof lower>) => r.steps.map(([k]) => k);
  assert.deepEqual(kinds(lower('[x = 4]', [8, 8], [[], []], [['x'], []], { ...partial, combiner: 'max' })),
    ['all_reduce', 'dynamic_slice']);
  // Finer tiles that do not nest in the current ones (4 over 2, then over 3 more): no scatter.
  assert.deepEqual(kinds(lower('[x = 2, y = 3]', [4, 8], [['x'], []], [['x', 'y'], []], { ...partial, unreduced: ['y'] })),
    ['all_reduce', 'all_gather', 'dynamic_slice']);
});

test('splits that cannot line up: all_gather then slice, flagged as a full rematerialization', () => {
  assert.deepEqual(lower('[x = 2, y = 3]', [6, 4], [[], ['x']], [[], ['x', 'y']]), {
    steps: [
      ['all_gather', { axes: ['x'], dim: 'J', size: 4 }],
      ['dynamic_slice', { axes: ['x', 'y'], dim: 'J', size: 4, global_size: 4 }],
    ],
    fullRemat: true,
  });
});

test('every step says why it is there', () => {
  const type = tensorType('f32', [{ name: 'I', size: 8 }, { name: 'J', size: 8 }]);
  const r = lowerReshard({ mesh: mesh('[x = 4]'), type,
    from: [['x'], []], unreduced: [], combiner: 'sum', to: [[], ['x']], why: USE });
  assert.equal(r.steps[0]!.reason,
    'einsum at 3:4 needs operand 1 a as [_, x]: the split on x moves from dim I to dim J ([x, _] -> [_, x])');
});

test('the pass alone, from IR text: one reshard becomes its collective, named after the value it moves', () => {
  const parsed = parseModuleText(`module @t on @m = [x = 4] view global {
  input %a: f32[I=8, J=8] @ [x, _] annotated
  %a.reshard: f32[I=8, J=8] @ [_, x] = reshard(%a) {"operand":1,"user":"einsum"}
  %b: f32[I=8, J=8] @ [_, x] = relu(%a.reshard)
  return %b
}`);
  assert.ok(parsed.module, parsed.error);
  const out = reshardsToCollectives(parsed.module);
  assertVerified(out.module, 'reshards-to-collectives');
  assert.equal(printModule(out.module, { locations: false }), `module @t on @m = [x = 4] view global {
  input %a: f32[I=8, J=8] @ [x, _] annotated
  %a.all_to_all: f32[I=8, J=8] @ [_, x] = all_to_all(%a) {"axes":["x"],"concat_dim":"I","concat_size":8,"split_dim":"J","split_size":8}  // einsum at 0:0 needs operand 1 a as [_, x]: the split on x moves from dim I to dim J ([x, _] -> [_, x])
  %b: f32[I=8, J=8] @ [_, x] = relu(%a.all_to_all)
  return %b
}
`);
  assert.deepEqual(out.diagnostics, []);
});

test('the pass reports a full rematerialization with the annotation that avoids it', () => {
  const parsed = parseModuleText(`module @t on @m = [x = 2, y = 3] view global {
  input %a: f32[I=6, J=4] @ [_, x] annotated
  %a.reshard: f32[I=6, J=4] @ [_, (x, y)] = reshard(%a) {"operand":1,"user":"einsum"}
  return %a.reshard
}`);
  assert.ok(parsed.module, parsed.error);
  const { diagnostics } = reshardsToCollectives(parsed.module);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.code, 'shard-full-remat');
  assert.match(diagnostics[0]!.message, /^einsum at 0:0 needs a \(f32\[I, J@x\]\) as f32\[I, J@\(x,y\)\], .* Annotate a @ \[_, \(x, y\)\] to avoid it\.$/);
});
