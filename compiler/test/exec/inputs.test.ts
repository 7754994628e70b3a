// The seeded generator as documented in docs/running.md: mulberry32 per tensor name, order-independent, ranges by role; random draws recognised.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generate, mulberry32, prepareFeeds, streamFor } from '../../src/exec/inputs.js';
import { compileSource } from './helpers.js';

describe('generated inputs', () => {
  it('mulberry32 matches its reference definition (first draws of seed 0 and 1)', () => {
    // the published algorithm, evaluated independently: a = seed + 0x6D2B79F5, ...
    const ref = (seed: number) => {
      let a = (seed + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      a = 0;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    assert.equal(mulberry32(0)(), ref(0));
    assert.equal(mulberry32(1)(), ref(1));
    assert.notEqual(streamFor(0, 'wi')(), streamFor(0, 'wo')());
  });

  const text = `mesh m = [x = 2]
dim G = 2
dim S = 4
dim E = 3
dim V = 5
model t(x: f32[G, S] @ [x, _], u: f32[G, S], ids: i32[G, S]) -> (f32[G, S], f32[G, S, E]) on m {
  param table: f32[V, E]
  param w: f32[S, E]
  keep = mul(cast(gt(x, u), f32), x)
  y = gather(table, ids)
  return keep, y
}
`;

  it('gives each role its range: inputs in [-1, 1), draws in [0, 1), ids in the gathered table, params scaled by fan-in', () => {
    const { global } = compileSource(text);
    const feeds = prepareFeeds(global, 5);
    const by = new Map(feeds.map((f) => [f.value.name, f]));
    assert.equal(by.get('u')!.kind, 'random');
    assert.ok([...by.get('u')!.array.data].every((v) => v >= 0 && v < 1));
    assert.equal(by.get('x')!.kind, 'input', 'x is also multiplied, so it is not a draw');
    assert.ok([...by.get('x')!.array.data].every((v) => v >= -1 && v < 1));
    assert.ok([...by.get('ids')!.array.data].every((v) => Number.isInteger(v) && v >= 0 && v < 5));
    const w = by.get('w')!.array.data;
    assert.ok([...w].every((v) => Math.abs(v) < 1 / Math.sqrt(4) + 1e-7));
  });

  it('does not depend on generation order or on other tensors', () => {
    const { global } = compileSource(text);
    const w = global.params.find((v) => v.name === 'w')!;
    const a = generate(global, w, 9).array.data;
    const all = prepareFeeds(global, 9);
    assert.deepEqual([...all.find((f) => f.value.name === 'w')!.array.data], [...a]);
    assert.notDeepEqual([...generate(global, w, 10).array.data], [...a]);
  });
});
