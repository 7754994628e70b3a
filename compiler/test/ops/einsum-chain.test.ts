// n-ary einsum: three or more operands contracted pairwise in the greedy order (cheapest pair
// first), reported as an info note and by the `.pair<k>` names, and equal on the simulated mesh.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frontend } from '../../src/pipeline.js';
import { runModel } from '../../src/exec/run-model.js';
import { printModule } from '../../src/ir/printer.js';
import { greedyOrder, writtenOrderCost } from '../../src/lower/einsum-chain.js';
import { compileSource, failureText } from '../exec/helpers.js';

const SRC = `mesh m = [x = 4, y = 2]
dim B = 8
dim L = 4
dim M = 16
dim N = 2
dim K = 4
dim H = 32
model chain(x: f32[B, L, M] @ [x, _, _], a: f32[M, N, K] @ [_, y, _], b: f32[N, K, H] @ [y, _, _], c: f32[H] @ [_]) -> f32[B, L] on m {
  y = einsum("BLM,MNK,NKH,H->BL", x, a, b, c)
  return y
}
`;

const SIZES: Record<string, number> = { B: 8, L: 4, M: 16, N: 2, K: 4, H: 32 };

describe('n-ary einsum', () => {
  it('picks the cheapest pair first (greedy), far cheaper than left to right', () => {
    const inputs = [['B', 'L', 'M'], ['M', 'N', 'K'], ['N', 'K', 'H'], ['H']];
    const steps = greedyOrder(inputs, ['B', 'L'], (d) => SIZES[d]!);
    assert.deepEqual(steps.map((s) => [s.a, s.b, s.out.join(''), s.cost]), [
      [2, 3, 'NK', 2 * 4 * 32], [1, 2, 'M', 16 * 2 * 4], [0, 1, 'BL', 8 * 4 * 16],
    ]);
    assert.equal(writtenOrderCost(inputs, ['B', 'L'], (d) => SIZES[d]!), 8 * 4 * 16 * 2 * 4 + 8 * 4 * 2 * 4 * 32 + 8 * 4 * 32);
  });

  it('lowers to two-operand einsums named <result>.pair<k>, with an info note giving the order', () => {
    const fe = frontend(SRC);
    const note = fe.diagnostics.find((d) => d.code === 'shape-einsum-order')!;
    assert.equal(note.severity, 'info');
    assert.match(note.message, /einsum of 4 operands, contracted pairwise as \(b, c\), \(a, pair0\), \(x, pair1\): 896 multiply-adds \(left to right as written: 13312\)/);
    const text = printModule(fe.module!);
    assert.match(text, /%y\.pair0: f32\[N=2, K=4\] = einsum\(%b, %c\)/);
    assert.match(text, /%y\.pair1: f32\[M=16\] = einsum\(%a, %y\.pair0\)/);
    assert.match(text, /%y: f32\[B=8, L=4\] = einsum\(%x, %y\.pair1\)/);
  });

  it('runs on the simulated mesh (a contracted dim split) equal to the reference', async () => {
    const { global, local } = compileSource(SRC);
    const report = await runModel(global, local);
    assert.ok(report.equal, failureText(report));
  });

  it('names the operand whose dims do not match its subscripts', () => {
    const bad = frontend(SRC.replace('"BLM,MNK,NKH,H->BL"', '"BLM,MKN,NKH,H->BL"'));
    const e = bad.diagnostics.find((d) => d.severity === 'error')!;
    assert.equal(e.code, 'shape-einsum');
    assert.match(e.message, /einsum operand 2 has dims \[M, N, K\] but the subscripts say \[M, K, N\]/);
  });
});
