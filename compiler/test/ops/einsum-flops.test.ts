// Einsum FLOPs: a dim one operand sums on its own is summed first (one add per element), then the product
// costs 2 per point when it contracts and 1 when not; the op's work and the n-ary order search agree.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { einsumFlopsOf } from '../../src/ops/einsum-flops.js';
import { contractionOrder, writtenOrderFlops } from '../../src/lower/einsum-chain.js';
import { opWork } from '../../src/cost/flops.js';
import { runModel } from '../../src/exec/run-model.js';
import { compileSource, failureText } from '../exec/helpers.js';

const SIZES: Record<string, number> = { A: 6, B: 8, C: 16, X: 3, Y: 5, D: 4 };
const size = (d: string) => {
  const s = SIZES[d];
  if (s === undefined) throw new Error(`no size for ${d}`);
  return s;
};
const flops = (spec: string) => {
  const [ins = '', out = ''] = spec.split('->');
  return einsumFlopsOf(ins.split(',').map((x) => [...x]), [...out], size);
};

const SRC = `mesh m = [x = 4, y = 2]
dim B = 8
dim A = 6
dim C = 16
model summed(p: f32[B, A] @ [x, _], q: f32[B, C] @ [x, y]) -> f32[B, A] on m {
  r = einsum("BA,BC->BA", p, q)
  return r
}
`;

describe('einsum FLOPs', () => {
  it('BA,BC->BA: b summed over C first (|B||C| adds), then |B||A| multiplies', () => {
    assert.equal(flops('BA,BC->BA'), 8 * 16 + 8 * 6);
  });

  it('both operands with a dim of their own, contracting B: each summed first, then 2 per point', () => {
    // ABX summed over X (A·B·X adds), BCY over Y (B·C·Y adds), then AB,BC->AC: 2·A·B·C
    assert.equal(flops('ABX,BCY->AC'), 6 * 8 * 3 + 8 * 16 * 5 + 2 * 6 * 8 * 16);
    assert.equal(flops('ABX,BCY->AC'), 144 + 640 + 1536);
    // nothing contracted: AX over X, BY over Y, then the outer product's A·B multiplies
    assert.equal(flops('AX,BY->AB'), 6 * 3 + 8 * 5 + 6 * 8);
  });

  it('keeps the counts without such dims: a matmul, a broadcast multiply, one operand', () => {
    assert.equal(flops('AB,BC->AC'), 2 * 6 * 8 * 16);
    assert.equal(flops('AB,BC->ABC'), 6 * 8 * 16);
    assert.equal(flops('ABC->CA'), 6 * 8 * 16);
  });

  it("is the op's work per device in a partitioned program (B split 4 ways, C 2 ways)", () => {
    const { global, local } = compileSource(SRC);
    const op = (m: typeof global) => {
      const found = m.ops.find((o) => o.kind === 'einsum');
      assert.ok(found, 'the program has its einsum');
      return found;
    };
    const g = opWork(op(global));
    assert.equal(g.cls, 'vector');
    assert.equal(g.flops, 8 * 16 + 8 * 6);
    // per device q is [B=2, C=8] and p [B=2, A=6]: the partial sum over C is completed after the einsum
    const l = op(local);
    assert.deepEqual(l.operands.map((v) => v.type.dims.map((d) => `${d.name}=${d.size}`)),
      [['B=2', 'A=6'], ['B=2', 'C=8']]);
    assert.equal(opWork(l).flops, 2 * 8 + 2 * 6);
  });

  it('is what the n-ary order search counts for a step with a dim of its own', () => {
    // X is only in the first operand: whichever pair takes it sums it first
    const inputs = [['A', 'X'], ['A', 'B'], ['B', 'C']];
    const order = contractionOrder(inputs, ['C'], size);
    for (const s of order.steps) {
      const dims = (t: number) => (t < inputs.length ? inputs[t] : order.steps[t - inputs.length]?.out) ?? [];
      assert.equal(s.flops, einsumFlopsOf([dims(s.a), dims(s.b)], s.out, size));
    }
    // AX,AB->B sums X (A·X adds) then contracts A (2·A·B); B,BC->C contracts B (2·B·C)
    assert.equal(writtenOrderFlops(inputs, ['C'], size), 6 * 3 + 2 * 6 * 8 + 2 * 8 * 16);
    assert.ok(order.flops <= writtenOrderFlops(inputs, ['C'], size));
  });
});

describe('einsum with a dim one operand sums alone, on the simulated mesh', () => {
  it('BA,BC->BA with C split: each device sums its part of C, the partial sums are added, equal to the reference',
    async () => {
      const { global, local } = compileSource(SRC);
      const report = await runModel(global, local);
      assert.ok(report.equal, failureText(report));
    });
});
