// The Shardy -> GSPMD string pairs from XLA's stablehlo_export_pipeline.mlir as unit vectors, through the exporter's attributes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mustMakeMesh, type Mesh } from '../../src/ir/mesh.js';
import { fromShardySharding } from '../../src/sharding/shardy-text.js';
import { exportedSharding, gspmdAttr, partitionSpecPython, partitionSpec, shardyAttr } from '../../src/export/export-sharding.js';

const mesh = (name: string, axes: [string, number][]): Mesh =>
  mustMakeMesh({ name, kind: 'plain', axes: axes.map(([n, size]) => ({ name: n, size })) });

const MESH_0 = mesh('mesh_0', [['axis_0', 2], ['axis_1', 4], ['axis_2', 4]]);
const MESH_2 = mesh('mesh_2', [['x', 8], ['y', 4]]);
const MESH_AB = mesh('mesh', [['a', 2], ['b', 2]]);

/** [mesh, Shardy text, the HloSharding XLA's exporter writes for it] (reference/export-formats.md section 1.3). */
const VECTORS: [Mesh, string, string][] = [
  [MESH_0, '#sdy.sharding<@mesh_0, [{"axis_2"}, {"axis_0", "axis_1"}]>', '{devices=[4,8]<=[8,4]T(1,0)}'],
  [MESH_0, '#sdy.sharding<@mesh_0, [{}, {"axis_0"}]>', '{devices=[1,2,16]<=[32] last_tile_dim_replicate}'],
  [MESH_0, '#sdy.sharding<@mesh_0, [{"axis_1"}, {"axis_2"}]>', '{devices=[4,4,2]<=[2,16]T(1,0) last_tile_dim_replicate}'],
  [MESH_2, '#sdy.sharding<@mesh_2, [{"y"}, {}]>', '{devices=[4,1,8]<=[8,4]T(1,0) last_tile_dim_replicate}'],
  // An open dim exports closed: XLA's string has no open dims, and we pin the designed layout.
  [MESH_AB, '#sdy.sharding<@mesh, [{"a"}, {?}]>', '{devices=[2,1,2]<=[4] last_tile_dim_replicate}'],
  [MESH_AB, '#sdy.sharding<@mesh, [{}, {}]>', '{replicated}'],
];

for (const [m, shardy, gspmd] of VECTORS) {
  test(`Shardy ${shardy} exports as GSPMD ${gspmd}`, () => {
    const parsed = fromShardySharding(shardy);
    assert.ok(parsed.sharding, `parses: ${JSON.stringify(parsed)}`);
    assert.equal(gspmdAttr(parsed.sharding!, m), JSON.stringify(gspmd));
    // The Shardy attribute we write is the input with every dim closed.
    assert.equal(shardyAttr(parsed.sharding!, m), shardy.replace(/, \?\}/g, '}').replace(/\{\?\}/g, '{}'));
  });
}

test('the sub-axis vector ("x":(2)2) is out of scope: sub-axes do not parse, so nothing wrong is exported', () => {
  const r = fromShardySharding('#sdy.sharding<@mesh_2, [{"y"}, {"x":(2)2}]>');
  assert.equal(r.sharding, undefined);
});

test('exported shardings drop size-1 axes, priorities, explicit replication and unreduced axes', () => {
  const m = mesh('m', [['x', 4], ['one', 1], ['z', 2]]);
  const s = fromShardySharding('#sdy.sharding<@m, [{"x", "one"}p1, {?}], replicated={"z"}>').sharding!;
  assert.equal(shardyAttr(s, m), '#sdy.sharding<@m, [{"x"}, {}]>');
  const u = fromShardySharding('#sdy.sharding<@m, [{"x"}, {}], unreduced={"z"}>').sharding!;
  assert.equal(gspmdAttr(u, m), JSON.stringify('{devices=[4,1,2]<=[8] last_tile_dim_replicate}'));
  assert.deepEqual(exportedSharding(u, m).unreduced, []);
});

test('PartitionSpecs in Python: None, one axis, several axes as a tuple', () => {
  const s = fromShardySharding('#sdy.sharding<@mesh_0, [{}, {"axis_1"}, {"axis_0", "axis_2"}]>').sharding!;
  assert.deepEqual(partitionSpec(s, MESH_0), [[], ['axis_1'], ['axis_0', 'axis_2']]);
  assert.equal(partitionSpecPython(partitionSpec(s, MESH_0)), 'P(None, "axis_1", ("axis_0", "axis_2"))');
  assert.equal(partitionSpecPython([]), 'P()');
});

test('a non-iota device order: Shardy names the ids, GSPMD lists them explicitly', () => {
  const m = mustMakeMesh({ name: 'r', kind: 'plain', axes: [{ name: 'x', size: 4 }], deviceIds: [0, 1, 3, 2] });
  const s = fromShardySharding('#sdy.sharding<@r, [{"x"}]>').sharding!;
  assert.equal(gspmdAttr(s, m), JSON.stringify('{devices=[4]0,1,3,2}'));
});
