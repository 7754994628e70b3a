// Tests for the Sharding value: constructors, equality, counts, local shapes, device tiles, validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mustMakeMesh } from '../../src/ir/mesh.js';
import {
  makeSharding, replicatedSharding, openSharding, shardingsEqual, shardCount, usedAxes, isFullyReplicated,
  localShape, paddingWaste, deviceTile, tileIndex, validateSharding, replicaAxes,
} from '../../src/ir/sharding.js';
import { tensorType } from '../../src/ir/types.js';

const mesh = mustMakeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 4 }] });
const t3 = tensorType('f32', [{ name: 'G', size: 16 }, { name: 'S', size: 15 }, { name: 'M', size: 8 }]);

test('constructors: replicated is closed by default, open is open, plain axis lists are closed', () => {
  const r = replicatedSharding(mesh, 2);
  assert.deepEqual(r.dims, [{ axes: [], closed: true }, { axes: [], closed: true }]);
  assert.equal(r.mesh, 'm');
  assert.deepEqual(openSharding('m', 1).dims, [{ axes: [], closed: false }]);
  const s = makeSharding(mesh, [['x'], { axes: ['y'], closed: false, priority: 1 }], { replicated: [], unreduced: [] });
  assert.deepEqual(s.dims[0], { axes: ['x'], closed: true });
  assert.deepEqual(s.dims[1], { axes: ['y'], closed: false, priority: 1 });
  assert.ok(Object.isFrozen(s) && Object.isFrozen(s.dims[0]!.axes));
});

test('shardingsEqual compares dims in order and replicated/unreduced as sets', () => {
  const a = makeSharding(mesh, [['x', 'y'], []], { unreduced: [] });
  assert.ok(shardingsEqual(a, makeSharding('m', [['x', 'y'], []])));
  assert.ok(!shardingsEqual(a, makeSharding('m', [['y', 'x'], []])));
  assert.ok(!shardingsEqual(a, makeSharding('m', [['x', 'y'], { axes: [], closed: false }])));
  assert.ok(!shardingsEqual(a, makeSharding('other', [['x', 'y'], []])));
  assert.ok(shardingsEqual(makeSharding('m', [[]], { replicated: ['x', 'y'] }), makeSharding('m', [[]], { replicated: ['y', 'x'] })));
  assert.ok(!shardingsEqual(makeSharding('m', [[]], { unreduced: ['x'] }), makeSharding('m', [[]])));
});

test('counts, used axes and replication', () => {
  const s = makeSharding(mesh, [['y', 'x'], [], []]);
  assert.equal(shardCount(s, mesh, 0), 8);
  assert.equal(shardCount(s, mesh, 1), 1);
  assert.deepEqual(usedAxes(s), ['y', 'x']);
  assert.equal(isFullyReplicated(s), false);
  assert.equal(isFullyReplicated(replicatedSharding(mesh, 3)), true);
  assert.equal(isFullyReplicated(makeSharding(mesh, [[]], { unreduced: ['x'] })), false);
  assert.deepEqual(replicaAxes(makeSharding(mesh, [['y']]), mesh), ['x']);
});

test('uneven: 15 split 2 ways gives local 8 and device tile [8,15) for the second shard', () => {
  const s = makeSharding(mesh, [[], ['x'], []]);
  assert.deepEqual(localShape([16, 15, 8], s, mesh), [16, 8, 8]);
  const tile = deviceTile([16, 15, 8], s, mesh, 4); // device 4 is x=1, y=0
  assert.deepEqual(tile, { start: [0, 8, 0], limit: [16, 15, 8], padded: [16, 8, 8] });
  assert.deepEqual(deviceTile([16, 15, 8], s, mesh, 3).limit, [16, 8, 8]);
  assert.equal(paddingWaste([16, 15, 8], s, mesh), 1 / 16);
  assert.equal(paddingWaste([16, 16, 8], s, mesh), 0);
});

test('deviceTile clamps start and limit: 5 split 4 ways leaves an empty last tile', () => {
  const s = makeSharding(mesh, [['y']]);
  const tiles = [0, 1, 2, 3].map((d) => deviceTile([5], s, mesh, d));
  assert.deepEqual(tiles.map((t) => [t.start[0], t.limit[0]]), [[0, 2], [2, 4], [4, 5], [5, 5]]);
});

test('tileIndex reads device coordinates on the dim axes major->minor, through a non-iota device order', () => {
  const s = makeSharding(mesh, [['y', 'x']]);
  assert.deepEqual(tileIndex(s, mesh, 5), [2 + 1 * 0 + 1]); // x=1,y=1 -> y*2 + x = 3
  const t = mustMakeMesh({ name: 't', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 2 }], deviceIds: [3, 2, 1, 0] });
  const st = makeSharding(t, [['x'], ['y']]);
  assert.deepEqual(tileIndex(st, t, 3), [0, 0]);
  assert.deepEqual(tileIndex(st, t, 1), [1, 0]);
  assert.deepEqual(deviceTile([4, 4], st, t, 0), { start: [2, 2], limit: [4, 4], padded: [2, 2] });
});

test('validateSharding reports each problem with its code', () => {
  const codes = (s: ReturnType<typeof makeSharding>) => validateSharding(s, t3, mesh).map((p) => p.code);
  assert.deepEqual(codes(makeSharding(mesh, [['x'], [], ['y']])), []);
  assert.deepEqual(codes(makeSharding(mesh, [['x'], []])), ['shard-rank-mismatch']);
  assert.deepEqual(codes(makeSharding('other', [[], [], []])), ['shard-mesh-mismatch']);
  const unknown = validateSharding(makeSharding(mesh, [['z'], [], []]), t3, mesh);
  assert.equal(unknown[0]!.code, 'shard-unknown-axis');
  assert.equal(unknown[0]!.dim, 0);
  assert.equal(unknown[0]!.axis, 'z');
  assert.ok(unknown[0]!.suggestion === 'x' || unknown[0]!.suggestion === 'y');
  assert.match(unknown[0]!.message, /Did you mean/);
  assert.deepEqual(codes(makeSharding(mesh, [['x'], [], ['x']])), ['shard-axis-reused']);
  assert.deepEqual(codes(makeSharding(mesh, [['x', 'x'], [], []])), ['shard-axis-reused']);
  assert.deepEqual(codes(makeSharding(mesh, [['x'], [], []], { replicated: ['x'] })), ['shard-axis-reused']);
  assert.deepEqual(codes(makeSharding(mesh, [[], [], []], { replicated: ['y'], unreduced: ['y'] })), ['shard-axis-reused']);
  const uneven = validateSharding(makeSharding(mesh, [[], ['x'], []]), t3, mesh);
  assert.equal(uneven.length, 1);
  assert.equal(uneven[0]!.severity, 'warning');
  assert.equal(uneven[0]!.message, 'dim S of size 15 split 2 ways: 8 per shard, 6.3% padding');
});
