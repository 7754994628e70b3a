// dropout(x, rate, key): a hash of the key and global coordinates, so the simulated mesh (uneven
// shards, any layout) equals one device exactly; about `rate` of the elements are dropped.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frontend } from '../../src/pipeline.js';
import { evalOp } from '../../src/exec/eval-op.js';
import { runModel } from '../../src/exec/run-model.js';
import { exportStableHlo } from '../../src/export/stablehlo.js';
import { exportJax } from '../../src/export/jax.js';
import { fromArray, full, scalar } from '../../src/runtime/ndarray.js';
import { transpose } from '../../src/runtime/index.js';
import { compileSource, failureText } from '../exec/helpers.js';

const SRC = `mesh m = [x = 4, y = 2]
dim B = 6
dim L = 8
dim M = 8
model d(x: f32[B, L, M] @ [x, _, y], key: i32[]) -> (f32[B, L, M], f32[M, B, L]) on m {
  a = dropout(x, 0.25, key)
  t = transpose(x, [M, B, L]) @ [y, x, _]
  b = dropout(t, 0.25, key)
  return a, b
}
`;

describe('dropout', () => {
  it('drops about rate of the elements, scales the rest by 1 / (1 - rate), and depends on the key', () => {
    const op = compileSource(SRC).global.ops.find((o) => o.kind === 'dropout')!;
    const ones = full('f32', ['B', 'L', 'M'], [6, 8, 8], 1);
    const [a] = evalOp(op, [ones, scalar(7, 'i32')]);
    const dropped = [...a!.data].filter((v) => v === 0).length / a!.data.length;
    assert.ok(dropped > 0.15 && dropped < 0.35, `dropped ${dropped}`);
    assert.ok([...a!.data].every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6));
    const [b] = evalOp(op, [ones, scalar(8, 'i32')]);
    assert.notDeepEqual([...a!.data], [...b!.data]);
  });

  it('drops the same elements whatever the layout (coordinates hashed in dim-name order)', () => {
    const ops = compileSource(SRC).global.ops.filter((o) => o.kind === 'dropout');
    const x = fromArray('f32', ['B', 'L', 'M'], [6, 8, 8], Array.from({ length: 384 }, (_, i) => i + 1));
    const [a] = evalOp(ops[0]!, [x, scalar(3, 'i32')]);
    const [b] = evalOp(ops[1]!, [transpose(x, ['M', 'B', 'L']), scalar(3, 'i32')]);
    assert.deepEqual([...transpose(a!, ['M', 'B', 'L']).data], [...b!.data]);
  });

  it('runs on the simulated mesh (uneven B over x, M over y) exactly equal to the reference', async () => {
    const { global, local } = compileSource(SRC);
    const report = await runModel(global, local, { seed: 4 });
    assert.ok(report.equal, failureText(report));
    assert.equal(report.maxAbsError, 0);
  });

  it('needs an i32[] key and a rate in [0, 1)', () => {
    const head = 'mesh m = [x = 2]\ndim B = 4\n';
    const key = frontend(`${head}model f(x: f32[B], k: f32[]) -> f32[B] on m {\n  return dropout(x, 0.1, k)\n}\n`);
    assert.match(key.diagnostics.find((d) => d.severity === 'error')!.message, /needs an i32\[\] key \(a scalar input, the seed\) but it is f32\[\]/);
    const rate = frontend(`${head}model f(x: f32[B], k: i32[]) -> f32[B] on m {\n  return dropout(x, 1, k)\n}\n`);
    assert.match(rate.diagnostics.find((d) => d.severity === 'error')!.message, /needs a rate in \[0, 1\) but was given 1/);
  });

  it('exports the same hash to StableHLO (xor, shifts, iota) and to a JAX helper', () => {
    const { global } = compileSource(SRC);
    const mlir = exportStableHlo(global, { shardings: 'shardy', precision: 'highest' });
    assert.match(mlir, /"stablehlo\.shift_right_logical"/);
    assert.match(mlir, /"stablehlo\.xor"/);
    const py = exportJax(global, { precision: 'highest' });
    assert.match(py, /^def dropout\(x, rate, key, order\):/m);
    assert.match(py, /a = dropout\(x, 0\.25, key, \(0, 1, 2\)\)/);
    assert.match(py, /b = dropout\(t, 0\.25, key, \(1, 2, 0\)\)/);
  });
});
