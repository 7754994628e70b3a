// Tests for the Mesh value: construction problems, coordinates, chip locations, hops, replica groups, text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeMesh, mustMakeMesh, meshSize, axisSize, axisNames, coordsOfPosition, positionOfDevice, deviceAtCoords,
  chipLocation, torusHops, replicaGroups, defaultChipGrid, meshToString, parseMeshText, MAX_TPU_V3_CORES,
  type MeshSpec,
} from '../../src/ir/mesh.js';

const codes = (spec: MeshSpec): string[] => makeMesh(spec).problems.map((p) => p.code);

test('defaultChipGrid gives the squarest grid for standard slice sizes', () => {
  assert.deepEqual(defaultChipGrid(8), [2, 2]);
  assert.deepEqual(defaultChipGrid(16), [2, 4]);
  assert.deepEqual(defaultChipGrid(32), [4, 4]);
  assert.deepEqual(defaultChipGrid(128), [8, 8]);
  assert.deepEqual(defaultChipGrid(512), [16, 16]);
  assert.deepEqual(defaultChipGrid(2048), [32, 32]);
  assert.deepEqual(defaultChipGrid(2), [1, 1]);
  assert.deepEqual(defaultChipGrid(1), [1, 1]);
  assert.deepEqual(defaultChipGrid(12), [2, 3]);
});

test('makeMesh builds a tpu_v3 mesh with a default chip grid and iota devices', () => {
  const m = mustMakeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 4 }, { name: 'y', size: 4 }] });
  assert.equal(meshSize(m), 16);
  assert.equal(axisSize(m, 'y'), 4);
  assert.equal(axisSize(m, 'z'), undefined);
  assert.deepEqual(axisNames(m), ['x', 'y']);
  assert.deepEqual(m.deviceIds, Array.from({ length: 16 }, (_, i) => i));
  assert.deepEqual(m.topology, { kind: 'tpu_v3', chipRows: 2, chipCols: 4, coresPerChip: 2, wrapRows: false, wrapCols: false });
  assert.ok(Object.isFrozen(m) && Object.isFrozen(m.axes) && Object.isFrozen(m.deviceIds));
});

test('a full pod wraps both ways; a 32x16 slice only along the 32 side', () => {
  const pod = mustMakeMesh({ name: 'p', kind: 'tpu_v3', axes: [{ name: 'x', size: 2048 }] });
  assert.equal(pod.topology.wrapRows && pod.topology.wrapCols, true);
  const half = mustMakeMesh({ name: 'h', kind: 'tpu_v3', axes: [{ name: 'x', size: 1024 }], chips: [32, 16] });
  assert.equal(half.topology.wrapRows, true);
  assert.equal(half.topology.wrapCols, false);
});

test('makeMesh reports each kind of problem with expected vs actual', () => {
  assert.deepEqual(codes({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 0 }] }), ['mesh-axis-size']);
  assert.deepEqual(codes({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 1.5 }] }), ['mesh-axis-size']);
  assert.deepEqual(codes({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'x', size: 2 }] }), ['mesh-duplicate-axis']);
  const big = makeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 4096 }] });
  assert.equal(big.mesh, undefined);
  assert.equal(big.problems[0]!.code, 'mesh-too-large');
  assert.match(big.problems[0]!.message, /2048 cores \(32x32 chips x 2\); this mesh needs 4096/);
  assert.equal(MAX_TPU_V3_CORES, 2048);
  const mism = makeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 16 }], chips: [2, 2] });
  assert.equal(mism.problems[0]!.code, 'mesh-chips-mismatch');
  assert.match(mism.problems[0]!.message, /8 cores, but the mesh axes need 16/);
  assert.deepEqual(codes({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 128 }], chips: [64, 1] }), ['mesh-chips-too-large']);
  assert.deepEqual(codes({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 6 }, { name: 'y', size: 1 }] }), []);
  assert.deepEqual(codes({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 3 }] }), ['mesh-odd-cores']);
  assert.deepEqual(codes({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 1 }] }), []);
  const dup = makeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 4 }], deviceIds: [0, 1, 1, 3] });
  assert.equal(dup.problems[0]!.code, 'mesh-devices-not-permutation');
  assert.equal(dup.problems[0]!.index, 2);
  assert.match(dup.problems[0]!.message, /device id 1 appears at index 1 and again at index 2/);
  const range = makeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 2 }], deviceIds: [0, 5] });
  assert.match(range.problems[0]!.message, /device id 5 at index 1 is out of range/);
  const count = makeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 4 }], deviceIds: [0, 1] });
  assert.equal(count.problems[0]!.code, 'mesh-devices-count');
  assert.match(count.problems[0]!.message, /4 positions, but 2 device ids/);
});

test('coordinates and device lookups follow row-major order through deviceIds', () => {
  const m = mustMakeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 3 }],
    deviceIds: [5, 4, 3, 2, 1, 0] });
  assert.deepEqual(coordsOfPosition(m, 4), [1, 1]);
  assert.equal(deviceAtCoords(m, [1, 1]), 1);
  assert.equal(positionOfDevice(m, 1), 4);
  assert.equal(positionOfDevice(m, 9), -1);
});

test('chipLocation pairs cores on chips and lays chips row-major', () => {
  const m = mustMakeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 16 }] }); // chips [2, 4]
  assert.deepEqual(chipLocation(m, 0), { chip: 0, core: 0, row: 0, col: 0 });
  assert.deepEqual(chipLocation(m, 1), { chip: 0, core: 1, row: 0, col: 0 });
  assert.deepEqual(chipLocation(m, 11), { chip: 5, core: 1, row: 1, col: 1 });
  const p = mustMakeMesh({ name: 'p', kind: 'plain', axes: [{ name: 'x', size: 4 }] });
  assert.deepEqual(chipLocation(p, 3), { chip: 3, core: 0, row: 0, col: 3 });
});

test('torusHops counts Manhattan chip distance, wrapping only on full-pod dimensions', () => {
  const m = mustMakeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 16 }] }); // 2x4 chips, no wrap
  assert.equal(torusHops(m, 0, 1), 0);
  assert.equal(torusHops(m, 0, 6), 3);   // chip 3: row 0 col 3
  assert.equal(torusHops(m, 0, 15), 4);  // chip 7: row 1 col 3
  const pod = mustMakeMesh({ name: 'p', kind: 'tpu_v3', axes: [{ name: 'x', size: 2048 }] });
  assert.equal(torusHops(pod, 0, 62), 1); // chip 31: col 31 wraps to col 0
  assert.equal(torusHops(pod, 0, 2 * 32 * 31), 1); // row 31 wraps
  assert.equal(torusHops(pod, 0, 2 * (32 * 16 + 16)), 32);
});

test('replicaGroups groups devices differing only along the given axes', () => {
  const m = mustMakeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 4 }] });
  assert.deepEqual(replicaGroups(m, ['y']), [[0, 1, 2, 3], [4, 5, 6, 7]]);
  assert.deepEqual(replicaGroups(m, ['x']), [[0, 4], [1, 5], [2, 6], [3, 7]]);
  assert.deepEqual(replicaGroups(m, ['y', 'x']), [[0, 4, 1, 5, 2, 6, 3, 7]]);
  assert.deepEqual(replicaGroups(m, ['x', 'y']), [[0, 1, 2, 3, 4, 5, 6, 7]]);
  assert.deepEqual(replicaGroups(m, []), [[0], [1], [2], [3], [4], [5], [6], [7]]);
  const t = mustMakeMesh({ name: 't', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 2 }], deviceIds: [0, 2, 1, 3] });
  assert.deepEqual(replicaGroups(t, ['y']), [[0, 2], [1, 3]]);
  assert.throws(() => replicaGroups(m, ['z']), /unknown axis/);
});

test('meshToString prints chips for tpu_v3 and devices only when not iota; parseMeshText inverts it', () => {
  const a = mustMakeMesh({ name: 'a', kind: 'tpu_v3', axes: [{ name: 'x', size: 16 }] });
  assert.equal(meshToString(a), 'tpu_v3 [x = 16] chips [2, 4]');
  const b = mustMakeMesh({ name: 'b', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 4 }],
    deviceIds: [0, 2, 4, 6, 1, 3, 5, 7] });
  assert.equal(meshToString(b), '[x = 2, y = 4] devices [0, 2, 4, 6, 1, 3, 5, 7]');
  for (const m of [a, b]) {
    const spec = parseMeshText(meshToString(m), m.name);
    assert.ok(!('error' in spec));
    assert.deepEqual(mustMakeMesh(spec), m);
  }
  assert.ok('error' in parseMeshText('tpu_v3 [x 4]', 'm'));
});
