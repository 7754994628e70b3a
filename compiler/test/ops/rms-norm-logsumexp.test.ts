// rms_norm and logsumexp, registry ops: called from source, typed, their normalized dim kept split
// (local statistics + all-reduces, uneven shards masked), costed, run on the simulated mesh equal to
// the reference, and exported to StableHLO and JAX.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frontend } from '../../src/pipeline.js';
import { evalOp } from '../../src/exec/eval-op.js';
import { runModel } from '../../src/exec/run-model.js';
import { exportStableHlo } from '../../src/export/stablehlo.js';
import { exportJax } from '../../src/export/jax.js';
import { opWork } from '../../src/cost/flops.js';
import { fromArray } from '../../src/runtime/ndarray.js';
import { printModule } from '../../src/ir/printer.js';
import { compileSource, failureText } from '../exec/helpers.js';

// B = 6 over x = 4 and M = 7 over y = 2 do not divide: the mesh run pads, and the statistics over the
// split M mask the padding (0 for the sums, -inf for logsumexp's max) before their all-reduces.
const SRC = `mesh m = [x = 4, y = 2]
dim B = 6
dim M = 7
model norms(x: f32[B, M] @ [x, y]) -> (f32[B, M], f32[B]) on m {
  n = rms_norm(x, M, eps = 1e-5)
  l = logsumexp(x, M)
  return n, l
}
`;

const moving = ['all_reduce', 'all_gather', 'reduce_scatter', 'all_to_all', 'collective_permute'];

describe('rms_norm and logsumexp', () => {
  it('are one op each, rms_norm keeping the type and logsumexp dropping its dim', () => {
    const fe = frontend(SRC);
    assert.deepEqual(fe.diagnostics.filter((d) => d.severity === 'error'), []);
    const text = printModule(fe.module!);
    assert.match(text, /%n: f32\[B=6, M=7\] = rms_norm\(%x\) \{"dim":"M","eps":0\.00001\}/);
    assert.match(text, /%l: f32\[B=6\] = logsumexp\(%x\) \{"dim":"M"\}/);
    assert.equal(fe.module!.ops.length, 2, 'no primitive ops around them');
  });

  it('need a floating-point operand with the dim (diagnostics with stable codes)', () => {
    const head = 'mesh m = [x = 2]\ndim B = 4\ndim V = 3\n';
    const err = (body: string) => frontend(`${head}model f(z: i32[B, V], y: f32[B]) -> f32[B] on m {\n${body}\n}\n`)
      .diagnostics.find((d) => d.severity === 'error');
    const a = err('  return logsumexp(z, V)');
    assert.equal(a?.code, 'shape-logsumexp');
    assert.match(a!.message, /logsumexp needs a floating-point x \(f32 or bf16\) but it is i32/);
    const b = err('  return rms_norm(y, V)');
    assert.equal(b?.code, 'shape-rms-norm');
    assert.match(b!.message, /rms_norm works along dim V, but x has dims \[B\]/);
  });

  it('keep the split normalized dim: local statistics, all-reduces (sum; max and sum), no gather', () => {
    const { local } = compileSource(SRC);
    const reduces = local.ops.filter((o) => moving.includes(o.kind));
    assert.deepEqual(reduces.map((o) => `${o.kind}:${o.attrs['combiner']}`).sort(),
      ['all_reduce:max', 'all_reduce:sum', 'all_reduce:sum']);
    assert.ok(reduces.every((o) => JSON.stringify(o.attrs['axes']) === '["y"]'), 'over the axis of M only');
    const masks = local.ops.filter((o) => o.kind === 'mask').map((o) => String(o.attrs['fill']));
    assert.deepEqual(masks.sort(), ['-inf', '0', '0'], 'the padding of the uneven M is masked before each statistic');
  });

  it('compute x / rms and a stable logsumexp in the reference kernels', () => {
    const ops = compileSource(SRC).global.ops;
    const x = fromArray('f32', ['B', 'M'], [2, 3], [1, 2, 3, 1000, 1001, 1002]);
    const rmsOp = ops.find((o) => o.kind === 'rms_norm')!;
    const lseOp = ops.find((o) => o.kind === 'logsumexp')!;
    const [n] = evalOp(rmsOp, [x]);
    const r0 = Math.sqrt((1 + 4 + 9) / 3 + 1e-5);
    assert.ok(Math.abs(n!.data[1]! - 2 / r0) < 1e-6);
    const [l] = evalOp(lseOp, [x]);
    assert.deepEqual(l!.shape, [2]);
    const l0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    assert.ok(Math.abs(l!.data[0]! - l0) < 1e-5);
    assert.ok(Math.abs(l!.data[1]! - (l0 + 999)) < 1e-3, 'no overflow at 1000');
  });

  it('run on the simulated mesh (uneven shards of B and of the split M) equal to the reference', async () => {
    const { global, local } = compileSource(SRC);
    const report = await runModel(global, local);
    assert.ok(report.equal, failureText(report));
  });

  it('cost 4 vector FLOPs per result element (rms_norm) and 5 per operand element (logsumexp)', () => {
    const { global } = compileSource(SRC);
    const w = opWork(global.ops.find((o) => o.kind === 'rms_norm')!);
    assert.equal(w.cls, 'vector');
    assert.equal(w.flops, 4 * 6 * 7);
    assert.equal(opWork(global.ops.find((o) => o.kind === 'logsumexp')!).flops, 5 * 6 * 7);
  });

  it('export to StableHLO (rsqrt of the mean of squares; max-shifted log of a sum) and to JAX helpers', () => {
    const { global } = compileSource(SRC);
    const mlir = exportStableHlo(global, { shardings: 'shardy', precision: 'highest' });
    assert.match(mlir, /"stablehlo\.rsqrt"/);
    const t = 'tensor<6x7xf32>';
    assert.ok(mlir.includes(`: (${t}, ${t}) -> ${t}`));
    assert.match(mlir, /%n = "stablehlo\.multiply"\(%x, %\d+\) : \(tensor<6x7xf32>, tensor<6x7xf32>\)/);
    assert.match(mlir, /"stablehlo\.exponential"/);
    assert.match(mlir, /%l = "stablehlo\.add"\(%\d+, %\d+\) : \(tensor<6xf32>, tensor<6xf32>\) -> tensor<6xf32>/);
    const py = exportJax(global, { precision: 'highest' });
    assert.match(py, /^ {4}n = rms_norm\(x, axis=1, eps=0\.00001\)$/m);
    assert.match(py, /^ {4}l = logsumexp\(x, axis=1\)$/m);
    assert.match(py, /^def rms_norm\(x, axis, eps\):$/m);
    assert.match(py, /^def logsumexp\(x, axis\):$/m);
  });
});
