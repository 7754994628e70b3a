// Tests for the tile picture: layout, labels, abbreviation, elision and width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mustMakeMesh } from '../../src/ir/mesh.js';
import { makeSharding } from '../../src/ir/sharding.js';
import { renderTiles, deviceList, formatBytes } from '../../src/sharding/tiles.js';
import { tensorType } from '../../src/ir/types.js';

const m = mustMakeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 4 }] });
const t = tensorType('f32', [{ name: 'G', size: 16 }, { name: 'S', size: 15 }, { name: 'M', size: 8 }]);

test('a 2D split draws rows for the first split dim and columns for the second', () => {
  const pic = renderTiles(t, makeSharding(m, [['x'], [], ['y']]), m);
  const lines = pic.split('\n');
  assert.equal(lines[0], 'f32[G@x, S, M@y] on m (8 devices): local [8, 15, 2], 960 B per device');
  assert.equal(lines[1], '┌─────────┬─────────┬─────────┬─────────┐');
  assert.equal(lines[2], '│    0    │    1    │    2    │    3    │');
  assert.equal(lines[3], '│ G[0:8)  │ G[0:8)  │ G[0:8)  │ G[0:8)  │');
  assert.equal(lines[7], '│ G[8:16) │ G[8:16) │ G[8:16) │ G[8:16) │');
  assert.equal(lines[8], '│ M[0:2)  │ M[2:4)  │ M[4:6)  │ M[6:8)  │');
  assert.equal(lines.length, 10);
});

test('replicated tiles list their devices; uneven tiles show the clamped range and padding', () => {
  const pic = renderTiles(t, makeSharding(m, [[], ['x'], []]), m);
  assert.match(pic, /6\.3% padding/);
  assert.match(pic, /│ 0,1,2,3 │ 4,5,6,7 │/);
  assert.match(pic, /│ S\[0:8\)  │ S\[8:15\) │/);
});

test('rank 0 and fully replicated tensors draw one tile with abbreviated devices', () => {
  const pic = renderTiles(tensorType('bf16', []), makeSharding(m, []), m);
  assert.match(pic, /^bf16\[\] on m \(8 devices\): local \[\], 2 B per device/);
  assert.match(pic, /0,1,…,7 \(8\)/);
  assert.match(pic, /scalar/);
});

test('rank 1 over several axes draws one row in major->minor tile order', () => {
  const pic = renderTiles(tensorType('f32', [{ name: 'B', size: 64 }]), makeSharding(m, [['y', 'x']]), m);
  assert.match(pic, /│ {4}0 {5}│ {4}4 {5}│ {4}1 {5}│/);
  assert.match(pic, /B\[56:64\)/);
});

test('three split dims flatten the later ones into columns', () => {
  const m3 = mustMakeMesh({ name: 'c', kind: 'plain', axes: [{ name: 'a', size: 2 }, { name: 'b', size: 2 }, { name: 'c', size: 2 }] });
  const pic = renderTiles(t, makeSharding(m3, [['a'], ['b'], ['c']]), m3);
  assert.match(pic, /S\[0:8\) M\[4:8\)/);
  assert.equal(pic.split('\n')[2]!.split('│').length - 2, 4); // 4 columns: S x M
});

test('wide grids are elided with … and stay within the width budget', () => {
  const pod = mustMakeMesh({ name: 'pod', kind: 'tpu_v3', axes: [{ name: 'x', size: 16 }, { name: 'y', size: 32 }] });
  const pic = renderTiles(t, makeSharding(pod, [['x'], ['y'], []]), pod);
  const lines = pic.split('\n');
  for (const l of lines.slice(1)) assert.ok(l.length <= 100, `${l.length}: ${l}`);
  assert.ok(lines.some((l) => l.includes('…')));
  assert.match(pic, /│ +511 +│/);
  const narrow = renderTiles(t, makeSharding(pod, [[], ['y'], []]), pod, { width: 60 });
  for (const l of narrow.split('\n').slice(1)) assert.ok(l.length <= 60, l);
  assert.match(narrow, /0,32,…,480 \(16\)|0,32,…/);
  const tall = renderTiles(t, makeSharding(pod, [['y'], [], []]), pod);
  assert.ok(tall.includes('⋮'));
});

test('deviceList and formatBytes', () => {
  assert.equal(deviceList([0, 1]), '0,1');
  assert.equal(deviceList(Array.from({ length: 16 }, (_, i) => i * 16)), '0,16,…,240 (16)');
  assert.equal(formatBytes(960), '960 B');
  assert.equal(formatBytes(4096), '4.0 KiB');
  assert.equal(formatBytes(3 * 1024 ** 3), '3.0 GiB');
});
