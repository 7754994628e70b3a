// select (pred ? a : b) by dim name: every element against a naive per-index definition, with operands in other
// dim orders, missing dims, scalars and rank 0, and the attention mask's shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { select } from '../../src/runtime/kernels/broadcast.js';
import { fromArray, type NDArray } from '../../src/runtime/ndarray.js';
import { at, forEachIndex, randomArray, rng } from './naive.js';

function randomPred(r: () => number, dims: readonly string[], shape: readonly number[]): NDArray {
  const n = shape.reduce((p, s) => p * s, 1);
  return fromArray('bool', dims, shape, Array.from({ length: n }, () => r() < 0.5));
}

function check(pred: NDArray, a: NDArray, b: NDArray): void {
  const got = select(pred, a, b);
  assert.equal(got.dtype, a.dtype);
  let n = 0;
  forEachIndex(got.dims, got.shape, (ix) => {
    n++;
    assert.equal(at(got, ix), at(pred, ix) ? at(a, ix) : at(b, ix), `at ${JSON.stringify(ix)}`);
  });
  assert.equal(n, got.data.length);
}

describe('select by name', () => {
  const r = rng(11);
  const Z: Record<string, number> = { B: 2, N: 3, L: 5, T: 4 };
  const arr = (dims: string, f = randomArray) => f(r, [...dims], [...dims].map((d) => Z[d]!));

  it('matches the per-index definition with a transposed, broadcast mask and a scalar (attention masking)', () => {
    check(arr('TL', randomPred), arr('BNLT'), fromArray('f32', [], [], [-1e9]));
    check(arr('TL', randomPred), fromArray('f32', [], [], [0]), arr('BNLT'));
  });

  it('matches it when every operand lacks some dim and their orders differ', () => {
    check(arr('LB', randomPred), arr('NL'), arr('BTN'));
    check(arr('BNLT', randomPred), arr('TLNB'), arr('NB'));
    check(arr('T', randomPred), arr('T'), arr('T'));
  });

  it('handles rank 0 and i32 operands', () => {
    check(fromArray('bool', [], [], [1]), fromArray('f32', [], [], [2]), fromArray('f32', [], [], [3]));
    check(fromArray('bool', [], [], [0]), fromArray('f32', [], [], [2]), fromArray('f32', [], [], [3]));
    check(arr('LT', randomPred), randomArray(r, ['T'], [4], 'i32'), randomArray(r, ['L', 'T'], [5, 4], 'i32'));
  });
});
