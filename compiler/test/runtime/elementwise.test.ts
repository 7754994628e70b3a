// Elementwise kernels: named broadcasting in any dim order, operand order, comparisons, unary math (gelu as jax), cast.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  add, cast, div, exp, gelu, gt, log, lt, maximum, mul, neg, relu, sqrt, sub, tanh,
} from '../../src/runtime/kernels/elementwise.js';
import type { NDArray } from '../../src/runtime/ndarray.js';
import { fromArray, scalar, toNested } from '../../src/runtime/ndarray.js';
import { at, forEachIndex, randomArray, rng } from './naive.js';

type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'lt' | 'gt';
const BINARY: Record<BinaryOp, (a: NDArray, b: NDArray) => NDArray> = { add, sub, mul, div, max: maximum, lt, gt };
const BINARY_OPS = Object.keys(BINARY) as BinaryOp[];
const binary = (op: BinaryOp, a: NDArray, b: NDArray) => BINARY[op](a, b);
const UNARY: Record<string, (a: NDArray) => NDArray> = { relu, gelu, exp, log, tanh, neg, sqrt };
const unary = (op: string, a: NDArray) => UNARY[op]!(a);

const naiveOp: Record<BinaryOp, (x: number, y: number) => number> = {
  add: (x, y) => x + y, sub: (x, y) => x - y, mul: (x, y) => x * y, div: (x, y) => x / y,
  max: (x, y) => Math.max(x, y), lt: (x, y) => (x < y ? 1 : 0), gt: (x, y) => (x > y ? 1 : 0),
};

describe('elementwise', () => {
  it('broadcasts by name, with the smaller operand in any order and on either side', () => {
    const r = rng(1);
    const big = randomArray(r, ['a', 'b', 'c'], [3, 4, 5]);
    // ['b', 'c'] and ['a', 'b', 'c'] walk merged dims (one strided row over b*c, one row over all)
    for (const smallDims of [['c'], ['b'], ['b', 'c'], ['c', 'a'], ['a', 'c'], ['c', 'b', 'a'], ['a', 'b', 'c'], []]) {
      const small = randomArray(r, smallDims, smallDims.map((d) => ({ a: 3, b: 4, c: 5 })[d]!));
      for (const op of BINARY_OPS) {
        for (const [x, y] of [[big, small], [small, big]] as const) {
          const got = binary(op, x, y);
          // the superset's dims; with equal sets, the left operand's order
          assert.deepEqual(got.dims, x.dims.length === 3 ? x.dims : ['a', 'b', 'c']);
          assert.equal(got.dtype, op === 'lt' || op === 'gt' ? 'bool' : 'f32');
          forEachIndex(got.dims, got.shape, (ix) => {
            const want = Math.fround(naiveOp[op](at(x, ix), at(y, ix)));
            assert.equal(at(got, ix), want, `${op} [${x.dims}] [${y.dims}] at ${JSON.stringify(ix)}`);
          });
        }
      }
    }
  });

  it('keeps operand order for sub with a broadcast left operand', () => {
    const v = fromArray('f32', ['x'], [2], [10, 20]);
    const m = fromArray('f32', ['y', 'x'], [2, 2], [1, 2, 3, 4]);
    assert.deepEqual(toNested(sub(v, m)), [[9, 18], [7, 16]]);
    assert.deepEqual(toNested(sub(scalar(1), v)), [-9, -19]);
  });

  it('rejects dims that do not nest and size mismatches', () => {
    const a = fromArray('f32', ['x', 'y'], [1, 2], [1, 2]);
    const b = fromArray('f32', ['y', 'z'], [2, 1], [1, 2]);
    assert.throws(() => binary('add', a, b), /do not nest/);
    assert.throws(() => binary('add', a, fromArray('f32', ['y'], [3], [1, 2, 3])), /dim 'y' is 2 in the left operand and 3/);
    assert.throws(() => binary('add', a, fromArray('i32', ['y'], [2], [1, 2])), /dtypes/);
  });

  it('i32 arithmetic wraps and divides toward zero', () => {
    const x = fromArray('i32', ['n'], [3], [7, -7, 2147483647]);
    const y = fromArray('i32', ['n'], [3], [2, 2, 1]);
    assert.deepEqual([...binary('div', x, y).data], [3, -3, 2147483647]);
    assert.deepEqual([...binary('add', x, y).data], [9, -5, -2147483648]);
  });

  it('unary ops match their definitions; gelu is the tanh approximation', () => {
    const r = rng(2);
    const a = randomArray(r, ['n'], [50]);
    const def: Record<string, (x: number) => number> = {
      relu: (x) => Math.max(0, x), exp: Math.exp, log: Math.log, tanh: Math.tanh, neg: (x) => -x, sqrt: Math.sqrt,
      gelu: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
    };
    for (const op of Object.keys(UNARY)) {
      const got = unary(op, a);
      for (let i = 0; i < 50; i++) {
        const want = def[op]!(a.data[i]!);
        if (Number.isNaN(want)) assert.ok(Number.isNaN(got.data[i]!));
        else assert.equal(got.data[i], Math.fround(want), op);
      }
    }
    // jax.nn.gelu(1.0) (approximate=True) = 0.8411920070648193 in f32
    assert.equal(unary('gelu', scalar(1)).data[0], Math.fround(0.8411920070648193));
  });

  it('cast truncates toward zero, rounds bf16 to even, maps to bool', () => {
    const a = fromArray('f32', ['n'], [6], [1.9, -1.9, 0.5, -0.5, NaN, 3e10]);
    assert.deepEqual([...cast(a, 'i32').data], [1, -1, 0, 0, 0, 2147483647]);
    assert.deepEqual([...cast(a, 'bool').data], [1, 1, 1, 1, 1, 1]);
    const b = cast(fromArray('f32', ['n'], [2], [1 + 2 ** -8, 1 + 3 * 2 ** -8]), 'bf16');
    assert.deepEqual([...b.data], [1, 1 + 2 ** -6]);
    assert.equal(cast(fromArray('bool', ['n'], [1], [1]), 'f32').data[0], 1);
  });
});
