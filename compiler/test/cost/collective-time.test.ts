// Collective times against closed-form alpha-beta expectations on small meshes and the full pod.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mustMakeMesh, replicaGroups } from '../../src/ir/mesh.js';
import { allToAllLoad, collectiveTime } from '../../src/cost/collective-time.js';
import { TPU_V3_HARDWARE as hw } from '../../src/cost/tpu-v3.js';

const a = hw.hopLatency;
const B = hw.linkBandwidth;
const m = 64 * 2 ** 20;
const close = (x: number, y: number, rel = 1e-9) => assert.ok(Math.abs(x - y) <= rel * Math.abs(y), `${x} vs ${y}`);
const line4 = mustMakeMesh({ name: 'l', kind: 'plain', axes: [{ name: 'x', size: 4 }] });

test('all-gather on a line of 4 chips: bidirectional ring that closes back over the line (link load 2, closing edge 3 hops)', () => {
  const t = collectiveTime(line4, 'all_gather', m, { groups: replicaGroups(line4, ['x']) }, hw);
  // (p-1) steps of: alpha * 3 hops + (m/2 per direction) * load 2 / B
  close(t.seconds, 3 * (3 * a + m / B));
});

test('all-gather on a wrapped 32-chip pod row: the textbook (p-1)(alpha + m/2B) per ring, two core rings share the links', () => {
  const pod = mustMakeMesh({ name: 'p', kind: 'tpu_v3', axes: [{ name: 'r', size: 32 }, { name: 'c', size: 32 }, { name: 'k', size: 2 }] });
  const t = collectiveTime(pod, 'all_gather', m, { groups: replicaGroups(pod, ['c']) }, hw);
  close(t.seconds, 31 * (a + (m / 2) * 2 / B));
  assert.match(t.detail, /cols 32 \(link load 2, 1 hop\)/);
});

test('a ring on a 16-chip line (no wraparound) is twice as slow per byte as on the wrapped 32-chip row', () => {
  const row16 = mustMakeMesh({ name: 'r', kind: 'tpu_v3', axes: [{ name: 'c', size: 16 }, { name: 'k', size: 2 }], chips: [1, 16] });
  const t = collectiveTime(row16, 'all_gather', m, { groups: replicaGroups(row16, ['c']) }, hw);
  close(t.bandwidthSeconds, 15 * (m / 2) * 4 / B);
  close(t.latencySeconds, 15 * 15 * a);
});

test('reduce-scatter mirrors all-gather, all-reduce = reduce-scatter + all-gather', () => {
  const g = { groups: replicaGroups(line4, ['x']) };
  const rs = collectiveTime(line4, 'reduce_scatter', 4 * m, g, hw);
  const ag = collectiveTime(line4, 'all_gather', m, g, hw);
  const ar = collectiveTime(line4, 'all_reduce', 4 * m, g, hw);
  close(rs.seconds, ag.seconds);
  close(ar.seconds, rs.seconds + ag.seconds);
});

test('a 2D group runs dimension by dimension: cols, rows, then the two cores of a chip', () => {
  const mesh = mustMakeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 32 }] });   // 4 x 4 chips
  const t = collectiveTime(mesh, 'all_gather', m, { groups: replicaGroups(mesh, ['x']) }, hw);
  assert.match(t.detail, /cols 4 .*> rows 4 .*> cores 2 \(on-chip\)/);
  // cols: 4-chip lines (load 2 per core ring, 2 cores: 4), chunk m; rows: same, chunk 4m; cores: chunk 16m on chip
  const expected = 3 * (3 * a + (m / 2) * 4 / B) + 3 * (3 * a + (4 * m / 2) * 4 / B) + 16 * m / hw.onChipBandwidth;
  close(t.seconds, expected);
});

test('the two cores of one chip exchange on chip, without ICI', () => {
  const chip = mustMakeMesh({ name: 'c', kind: 'tpu_v3', axes: [{ name: 'k', size: 2 }] });
  const t = collectiveTime(chip, 'all_gather', m, { groups: replicaGroups(chip, ['k']) }, hw);
  close(t.seconds, m / hw.onChipBandwidth);
});

test('all-to-all on a line of 4: the middle link carries 4 of the 12 messages', () => {
  const t = collectiveTime(line4, 'all_to_all', m, { groups: replicaGroups(line4, ['x']) }, hw);
  close(t.seconds, 4 * (m / 4) / B + 3 * a);
});

test('all-to-all over the full pod matches the bisection bound (p m / 4 each way over 2 x 32 links)', () => {
  const pod = mustMakeMesh({ name: 'p', kind: 'tpu_v3', axes: [{ name: 'x', size: 2048 }] });
  const load = allToAllLoad(pod, replicaGroups(pod, ['x']));
  const bisection = (2048 * 2048 / 4) / 64;   // messages across one direction of the cut, per link
  assert.ok(load.maxLoad >= bisection && load.maxLoad <= 1.1 * bisection, `load ${load.maxLoad} vs bisection ${bisection}`);
});

test('all-to-all grows like sqrt(D) at fixed bytes per device: 16 -> 2048 cores costs 3x-12x, not 128x', () => {
  const time = (d: number) => {
    const mesh = mustMakeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: d }] });
    return collectiveTime(mesh, 'all_to_all', m, { groups: replicaGroups(mesh, ['x']) }, hw).seconds;
  };
  const ratio = time(2048) / time(16);
  assert.ok(ratio > 3 && ratio < 12, `ratio ${ratio}`);
});

test('collective-permute to a neighbour on a wrapped row costs one hop and one message', () => {
  const pod = mustMakeMesh({ name: 'p', kind: 'tpu_v3', axes: [{ name: 'r', size: 32 }, { name: 'c', size: 32 }, { name: 'k', size: 2 }] });
  const pairs: [number, number][] = [];
  for (let c = 0; c < 32; c++) pairs.push([c * 2, ((c + 1) % 32) * 2]);
  const t = collectiveTime(pod, 'collective_permute', m, { pairs }, hw);
  close(t.seconds, a + m / B);
});

test('a group of one device communicates nothing', () => {
  assert.equal(collectiveTime(line4, 'all_reduce', m, { groups: [[0], [1], [2], [3]] }, hw).seconds, 0);
});
