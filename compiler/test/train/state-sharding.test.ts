// Optimizer-state placement: like the param, or ZeRO-split over the data axes on the dim they divide.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeMesh } from '../../src/ir/mesh.js';
import { makeSharding } from '../../src/ir/sharding.js';
import { stateSharding } from '../../src/train/state-sharding.js';
import { must } from '../../src/util/checked.js';

const mesh = must(makeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'data', size: 4 }, { name: 'model', size: 2 }] }).mesh, 'mesh');
const axes = (s: ReturnType<typeof stateSharding>): string[][] => s.dims.map((d) => [...d.axes]);

test('by default the state is sharded like its param', () => {
  const p = makeSharding(mesh, [[], ['model']]);
  assert.deepEqual(axes(stateSharding([8, 6], p, mesh, 'param', ['data'])), [[], ['model']]);
});

test('ZeRO adds the data axes to the dim with the largest local size they divide', () => {
  const p = makeSharding(mesh, [[], ['model']]);
  // [8, 6] with dim 1 on model: local [8, 3]; 4 divides 8, not 6
  assert.deepEqual(axes(stateSharding([8, 6], p, mesh, 'data', ['data'])), [['data'], ['model']]);
  // [4, 16] split 2 on dim 1: local [4, 8]; the larger local dim 1 takes data after model
  assert.deepEqual(axes(stateSharding([4, 16], p, mesh, 'data', ['data'])), [[], ['model', 'data']]);
});

test('ZeRO leaves a param alone when the data axes divide none of its dims or it already uses them', () => {
  const r = makeSharding(mesh, [[]]);
  assert.deepEqual(axes(stateSharding([6], r, mesh, 'data', ['data'])), [[]]);
  const d = makeSharding(mesh, [['data'], []]);
  assert.deepEqual(axes(stateSharding([8, 8], d, mesh, 'data', ['data'])), [['data'], []]);
});
