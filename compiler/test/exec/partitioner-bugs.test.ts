// Partitioner bugs found by running on the simulated mesh, each kept as the smallest model that showed it (fixed; regression tests now).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileSource, failureText } from './helpers.js';
import { runModel } from '../../src/exec/run-model.js';

const PERMUTE_IDENTITY = `mesh m = [a = 3, b = 3]
dim Q = 2
model gen(x0: f32[Q] @ [(a, b)]) -> f32[Q] on m {
  t0 = tanh(x0) @ [(b, a)]
  return t0
}
`;

const PERMUTE_EMPTY = `mesh m = [a = 1, b = 2]
dim R = 5
model gen(x0: f32[R] @ [(b, a)]) -> f32[R] on m {
  t0 = tanh(x0) @ [(a, b)]
  return t0
}
`;

describe('partitioner bugs', () => {
  it('collective_permute [(a, b)] -> [(b, a)] on 3x3 keeps the tiles that stay put (pairs miss [0,0], [4,4], [8,8])',
    async () => {
      const { global, local } = compileSource(PERMUTE_IDENTITY);
      const r = await runModel(global, local);
      assert.ok(r.equal, failureText(r));
    });

  it('collective_permute between equal layouts on a size-1 axis ([(b, a)] -> [(a, b)] on 1x2) is not an all-zero permute',
    async () => {
      const { global, local } = compileSource(PERMUTE_EMPTY);
      const r = await runModel(global, local);
      assert.ok(r.equal, failureText(r));
    });
});

// Found by the generated-model property (seed 7): a reduce_scatter onto a dim whose finer tiles do
// not nest in the current ones (P = 3 over a = 3, then b = 3) put padding where data belongs.
const SCATTER_UNEVEN = `mesh m = [a = 3, b = 3]
dim P = 3
dim R = 3
model gen(s: f32[], w0: f32[P, R] @ [a, b]) -> (f32[P]) on m {
  t2 = einsum(",PR->P", s, w0) @ [(a, b)]
  return t2
}
`;

describe('partitioner bugs (uneven reduce-scatter)', () => {
  it('a partial sum is not reduce-scattered onto tiles that do not nest (P = 3 over 3 x 3)', async () => {
    const { global, local } = compileSource(SCATTER_UNEVEN);
    const r = await runModel(global, local);
    assert.ok(r.equal, failureText(r));
  });
});
