// Tests for XLA sharding text (explicit and iota), iota detection, and GShard forms; includes the export-formats §1.3 vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mustMakeMesh } from '../../src/ir/mesh.js';
import { makeSharding, shardingsEqual, type Sharding } from '../../src/ir/sharding.js';
import { toXlaSharding, fromXlaSharding } from '../../src/sharding/xla-text.js';
import { fromShardySharding } from '../../src/sharding/shardy-text.js';
import { expandIota, iotaFormOf, iotaFormToString } from '../../src/sharding/tile-assignment.js';
import {
  toGShardForm, fromGShardForm, fromSplit, fromDeviceAssignment, gshardFormToString,
} from '../../src/sharding/gshard-forms.js';
import { tensorType } from '../../src/ir/types.js';

const mesh0 = mustMakeMesh({ name: 'mesh_0', kind: 'plain', axes: [{ name: 'axis_0', size: 2 }, { name: 'axis_1', size: 4 }, { name: 'axis_2', size: 4 }] });
const mesh2 = mustMakeMesh({ name: 'mesh_2', kind: 'plain', axes: [{ name: 'x', size: 8 }, { name: 'y', size: 4 }] });
const mesh5 = mustMakeMesh({ name: 'mesh_5', kind: 'plain', axes: [{ name: 'i', size: 2 }, { name: 'j', size: 2 }] });
const ab = mustMakeMesh({ name: 'mesh', kind: 'plain', axes: [{ name: 'a', size: 2 }, { name: 'b', size: 2 }] });

const shardy = (text: string): Sharding => {
  const r = fromShardySharding(text);
  assert.ok(r.sharding, r.problem?.message);
  return r.sharding;
};

// export-formats.md §1.3 (XLA stablehlo_export_pipeline.mlir), plus XLA's unreduced export cases.
const VECTORS: [string, ReturnType<typeof mustMakeMesh>, string][] = [
  ['#sdy.sharding<@mesh_0, [{"axis_2"}, {"axis_0", "axis_1"}]>', mesh0, '{devices=[4,8]<=[8,4]T(1,0)}'],
  ['#sdy.sharding<@mesh_0, [{}, {"axis_0"}]>', mesh0, '{devices=[1,2,16]<=[32] last_tile_dim_replicate}'],
  ['#sdy.sharding<@mesh_0, [{"axis_1"}, {"axis_2"}]>', mesh0, '{devices=[4,4,2]<=[2,16]T(1,0) last_tile_dim_replicate}'],
  ['#sdy.sharding<@mesh_2, [{"y"}, {}]>', mesh2, '{devices=[4,1,8]<=[8,4]T(1,0) last_tile_dim_replicate}'],
  ['#sdy.sharding<@mesh, [{"a"}, {?}]>', ab, '{devices=[2,1,2]<=[4] last_tile_dim_replicate}'],
  ['#sdy.sharding<@mesh_5, [{"j"}, {}], unreduced={"i"}>', mesh5, '{devices=[2,1,2]<=[2,2]T(1,0) last_tile_dims={unreduced}}'],
  ['#sdy.sharding<@mesh_5, [{"i"}, {}], unreduced={"j"}>', mesh5, '{devices=[2,1,2]<=[4] last_tile_dims={unreduced}}'],
  ['#sdy.sharding<@mesh_5, [{}, {}], unreduced={"i", "j"}>', mesh5, '{unreduced}'],
  ['#sdy.sharding<@mesh_2, [{"x", "y"}, {}]>', mesh2, '{devices=[32,1]<=[32]}'],
  ['#sdy.sharding<@mesh_2, [{}, {}]>', mesh2, '{replicated}'],
];

test('Shardy -> XLA: the section 1.3 pairs, exactly', () => {
  for (const [sdy, mesh, xla] of VECTORS) assert.equal(toXlaSharding(shardy(sdy), mesh), xla, sdy);
});

test('XLA -> Shardy: the section 1.3 pairs parse back to the same axes (closed dims)', () => {
  for (const [sdy, mesh, xla] of VECTORS) {
    const s = shardy(sdy);
    const back = fromXlaSharding(xla, mesh, s.dims.length);
    assert.ok(back.sharding, back.problem?.message);
    const closed = makeSharding(mesh, s.dims.map((d) => d.axes), { unreduced: s.unreduced });
    assert.ok(shardingsEqual(back.sharding, closed), `${xla} -> ${JSON.stringify(back.sharding)}`);
  }
});

test('the sub-axis pair of section 1.3 is refused with a clear problem, not misread', () => {
  assert.equal(fromShardySharding('#sdy.sharding<@mesh_2, [{"y"}, {"x":(2)2}]>').problem?.code, 'shard-sub-axis');
  const r = fromXlaSharding('{devices=[4,2,4]<=[2,2,2,4]T(3,1,0,2) last_tile_dim_replicate}', mesh2, 2);
  assert.equal(r.problem?.code, 'shard-assignment-not-on-mesh');
});

test('explicit device lists: non-iota meshes print explicit ids; explicit and iota forms parse alike', () => {
  const m = mustMakeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 2 }], deviceIds: [0, 3, 1, 2] });
  assert.equal(toXlaSharding(makeSharding(m, [['x'], []]), m), '{devices=[2,1,2]0,3,1,2 last_tile_dim_replicate}');
  assert.equal(toXlaSharding(makeSharding(m, [['y'], ['x']]), m), '{devices=[2,2]0,1,3,2}');
  const yOnly = makeSharding(ab, [[], ['b']]);
  assert.equal(toXlaSharding(yOnly, ab), '{devices=[1,2,2]<=[2,2]T(1,0) last_tile_dim_replicate}');
  for (const text of ['{devices=[1,2,2]0,2,1,3 last_tile_dim_replicate}', '{devices=[1,2,2]<=[2,2]T(1,0) last_tile_dim_replicate}']) {
    const r = fromXlaSharding(text, ab, 2);
    assert.ok(r.sharding && shardingsEqual(r.sharding, yOnly), text);
  }
  // A replica group listed in another order is the same sharding.
  const r = fromXlaSharding('{devices=[2,1,2]<=[2,2]T(1,0) last_tile_dims={replicated}}', ab, 2);
  assert.ok(r.sharding && shardingsEqual(r.sharding, makeSharding(ab, [['b'], []])));
});

test('fromXlaSharding reports problems by code', () => {
  const code = (t: string, rank = 2) => fromXlaSharding(t, ab, rank).problem?.code;
  assert.equal(code('{maximal device=1}'), 'shard-xla-unsupported');
  assert.equal(code('{devices=[2,1,2]<=[4] last_tile_dims={manual}}'), 'shard-xla-unsupported');
  assert.equal(code('{devices=[2,2]0,1,2}'), 'shard-assignment-shape');
  assert.equal(code('{devices=[2,2]<=[8]}'), 'shard-assignment-shape');
  assert.equal(code('{devices=[2,2]0,1,1,3}'), 'shard-assignment-not-permutation');
  assert.equal(code('{devices=[2,2]0,1,2,3}', 3), 'shard-rank-mismatch');
  assert.equal(code('{devices=[4]0,3,1,2}', 1), 'shard-assignment-not-on-mesh');
  assert.equal(code('{devices=[2,2]<=[2,2]T(0,0)}'), 'shard-xla-syntax');
  assert.equal(code('devices=[2,2]'), 'shard-xla-syntax');
});

test('iota forms: detection is minimal and expansion inverts it', () => {
  assert.deepEqual(expandIota({ reshape: [8, 4], perm: [1, 0] }).slice(0, 9), [0, 4, 8, 12, 16, 20, 24, 28, 1]);
  assert.equal(iotaFormToString(iotaFormOf(expandIota({ reshape: [8, 4], perm: [1, 0] }))!), '<=[8,4]T(1,0)');
  assert.equal(iotaFormToString(iotaFormOf(expandIota({ reshape: [2, 4, 4], perm: [0, 2, 1] }))!), '<=[2,4,4]T(0,2,1)');
  assert.equal(iotaFormToString(iotaFormOf(expandIota({ reshape: [2, 2, 2, 4], perm: [3, 1, 0, 2] }))!), '<=[2,2,2,4]T(3,1,0,2)');
  assert.equal(iotaFormToString(iotaFormOf(expandIota({ reshape: [2, 4, 4], perm: [2, 0, 1] }))!), '<=[8,4]T(1,0)');
  assert.equal(iotaFormToString(iotaFormOf([0, 1, 2, 3, 4, 5])!), '<=[6]');
  assert.equal(iotaFormToString(iotaFormOf([0])!), '<=[1]');
  assert.equal(iotaFormOf([0, 3, 1, 2]), undefined);
  assert.equal(iotaFormOf([1, 0]), undefined);
});

test('fromXlaSharding reads T(...) iota lists on a matching mesh', () => {
  const m84 = mustMakeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'a', size: 8 }, { name: 'b', size: 4 }] });
  const r = fromXlaSharding('{devices=[4,8]<=[8,4]T(1,0)}', m84, 2);
  assert.ok(r.sharding);
  assert.deepEqual(r.sharding.dims.map((d) => d.axes), [['b'], ['a']]);
});

const G = tensorType('f32', [{ name: 'G', size: 16 }, { name: 'S', size: 8 }]);
const tpu = mustMakeMesh({ name: 'tpu', kind: 'tpu_v3', axes: [{ name: 'x', size: 4 }, { name: 'y', size: 4 }] });

test('GShard: replicate, split and shard are chosen as the simplest form', () => {
  assert.equal(gshardFormToString(toGShardForm(makeSharding(tpu, [[], []]), G, tpu), G), 'replicate');
  assert.equal(gshardFormToString(toGShardForm(makeSharding(tpu, [['x', 'y'], []]), G, tpu), G), 'split(G, 16)');
  const partial = toGShardForm(makeSharding(tpu, [['x'], []]), G, tpu);
  assert.equal(gshardFormToString(partial, G), 'split(G, 4)');
  const yOnly = toGShardForm(makeSharding(tpu, [[], ['y']]), G, tpu);
  assert.equal(yOnly.kind, 'shard');
  assert.equal(gshardFormToString(yOnly, G),
    'shard([[[0, 4, 8, 12], [1, 5, 9, 13], [2, 6, 10, 14], [3, 7, 11, 15]]])');
  assert.ok(yOnly.kind === 'shard' && yOnly.replicaLast && /replica group/.test(yOnly.notes[0]!));
  const both = toGShardForm(makeSharding(tpu, [['y'], ['x']]), G, tpu);
  assert.ok(both.kind === 'shard' && !both.replicaLast);
  const un = toGShardForm(makeSharding(tpu, [['x'], []], { unreduced: ['y'] }), G, tpu);
  assert.equal(gshardFormToString(un, G), 'split(G, 4) unreduced(y)');
  for (const s of [makeSharding(tpu, [['y'], ['x']]), makeSharding(tpu, [[], ['y']]), makeSharding(tpu, [['x'], []], { unreduced: ['y'] })]) {
    const back = fromGShardForm(toGShardForm(s, G, tpu), G, tpu);
    assert.ok(back.sharding && shardingsEqual(back.sharding, s), JSON.stringify(s));
  }
});

test('GShard split: counts must be products of leading axes, and the device order must be iota', () => {
  const r = fromSplit(G, 'G', 8, tpu);
  assert.equal(r.problem?.code, 'shard-split-count');
  assert.equal(r.problem?.message, 'split(G, 8) needs 8 partitions, which must be a product of leading mesh axes of tpu [x = 4, y = 4]: 4 or 16');
  assert.deepEqual(fromSplit(G, 0, 4, tpu).sharding?.dims.map((d) => d.axes), [['x'], []]);
  assert.deepEqual(fromSplit(G, 1, 16, tpu).sharding?.dims.map((d) => d.axes), [[], ['x', 'y']]);
  assert.deepEqual(fromSplit(G, 0, 1, tpu).sharding?.dims.map((d) => d.axes), [[], []]);
  assert.equal(fromSplit(G, 'Q', 4, tpu).problem?.code, 'shard-split-dim');
  // Partition 0 on devices {0, 1}: on this mesh that is y = 0, whatever order the replicas come in.
  const swapped = mustMakeMesh({ name: 'p', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 2 }], deviceIds: [0, 3, 1, 2] });
  assert.deepEqual(fromSplit(G, 0, 2, swapped).sharding?.dims.map((d) => d.axes), [['y'], []]);
  // Here {0, 1} sit on a diagonal: no axis of this mesh splits them from {2, 3}.
  const diagonal = mustMakeMesh({ name: 'p', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 2 }], deviceIds: [0, 2, 3, 1] });
  assert.equal(fromSplit(G, 0, 2, diagonal).problem?.code, 'shard-assignment-not-on-mesh');
});

test('GShard shard(device_assignment): shapes, permutations and mesh fit are checked', () => {
  const m = mustMakeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 4 }] });
  const t = tensorType('f32', [{ name: 'A', size: 3 }, { name: 'B', size: 16 }, { name: 'C', size: 64 }]);
  // GShard's example: a [3,16,64] tensor with a [1,2,4] assignment gives [3,8,16] tiles.
  const r = fromDeviceAssignment(t, [[[0, 1, 2, 3], [4, 5, 6, 7]]], m);
  assert.deepEqual(r.sharding?.dims.map((d) => d.axes), [[], ['x'], ['y']]);
  const tr = fromDeviceAssignment(t, [[[0, 4], [1, 5], [2, 6], [3, 7]]], m);
  assert.deepEqual(tr.sharding?.dims.map((d) => d.axes), [[], ['y'], ['x']]);
  assert.equal(fromDeviceAssignment(t, [[0, 1], [2]], m).problem?.code, 'shard-assignment-shape');
  assert.equal(fromDeviceAssignment(t, [[[0, 1, 2, 3]]], m).problem?.code, 'shard-assignment-shape');
  assert.equal(fromDeviceAssignment(t, [[0, 1]], m).problem?.code, 'shard-assignment-shape');
  assert.equal(fromDeviceAssignment(t, [[[0, 1, 2, 3], [4, 5, 6, 6]]], m).problem?.code, 'shard-assignment-not-permutation');
  assert.equal(fromDeviceAssignment(t, [[[0, 1, 2, 3], [4, 5, 7, 6]]], m).problem?.code, 'shard-assignment-not-on-mesh');
  const rank0 = fromDeviceAssignment(tensorType('f32', []), [0, 1, 2, 3, 4, 5, 6, 7], m);
  assert.deepEqual(rank0.sharding?.dims, []);
});
