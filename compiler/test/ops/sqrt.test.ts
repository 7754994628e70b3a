// sqrt, the op added as one registry entry: callable from source, typed, sharded elementwise,
// costed, run on the simulated mesh equal to the reference, and exported to StableHLO and JAX.

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

// B = 6 over x = 4 does not divide: the mesh run pads and masks; M split over y is reduced then all-reduced.
const SRC = `mesh m = [x = 4, y = 2]
dim B = 6
dim M = 8
model rms(x: f32[B, M] @ [x, y]) -> (f32[B, M], f32[B]) on m {
  r = sqrt(exp(x))
  norm = sqrt(reduce_mean(x * x, M))
  return r, norm
}
`;

describe('sqrt', () => {
  it('is called as sqrt(x) in a .gshard file and lowers to one sqrt op of the operand\'s type', () => {
    const fe = frontend(SRC);
    assert.deepEqual(fe.diagnostics.filter((d) => d.severity === 'error'), []);
    const text = printModule(fe.module!);
    assert.match(text, /%r: f32\[B=6, M=8\] = sqrt\(%r\.x\)/);
    assert.match(text, /%norm: f32\[B=6\] = sqrt\(/);
  });

  it('needs a floating-point operand', () => {
    const fe = frontend(`mesh m = [x = 2]
dim B = 4
dim E = 3
model f(ids: i32[B] @ [x]) -> f32[B] on m {
  return sqrt(ids)
}
`);
    const d = fe.diagnostics.find((x) => x.severity === 'error');
    assert.ok(d, 'an error');
    assert.match(d.message, /[Ss]qrt needs a floating-point operand \(f32 or bf16\) but operand 1 is i32/);
  });

  it('keeps its operand\'s sharding (elementwise rule) and needs no communication of its own', () => {
    const { global, local } = compileSource(SRC);
    const sq = global.ops.find((o) => o.kind === 'sqrt' && o.results[0]!.name === 'r')!;
    assert.equal(JSON.stringify(sq.results[0]!.sharding!.dims), JSON.stringify(sq.operands[0]!.sharding!.dims));
    const kinds = local.ops.map((o) => o.kind);
    assert.equal(kinds.filter((k) => k === 'sqrt').length, 2);
    // the only collective is the all-reduce finishing reduce_mean over the split M
    const moving = ['all_reduce', 'all_gather', 'reduce_scatter', 'all_to_all', 'collective_permute'];
    assert.deepEqual(kinds.filter((k) => moving.includes(k)), ['all_reduce']);
  });

  it('computes the square root (NaN below zero) in the reference kernel', () => {
    const op = compileSource(SRC).global.ops.find((o) => o.kind === 'sqrt')!;
    const [r] = evalOp(op, [fromArray('f32', ['B', 'M'], [1, 4], [4, 9, 0.25, -1])]);
    assert.deepEqual([...r!.data].slice(0, 3), [2, 3, 0.5]);
    assert.ok(Number.isNaN(r!.data[3]));
  });

  it('runs on the simulated mesh (uneven shards) equal to the reference', async () => {
    const { global, local } = compileSource(SRC);
    const report = await runModel(global, local);
    assert.ok(report.equal, failureText(report));
  });

  it('costs 4 vector FLOPs per element', () => {
    const { local } = compileSource(SRC);
    const sq = local.ops.find((o) => o.kind === 'sqrt' && o.results[0]!.name === 'r')!;
    const w = opWork(sq);
    assert.equal(w.cls, 'vector');
    assert.equal(w.flops, 4 * 2 * 4); // local tile B = ceil(6/4) = 2, M = 8/2 = 4
  });

  it('exports to stablehlo.sqrt and jnp.sqrt', () => {
    const { global } = compileSource(SRC);
    const mlir = exportStableHlo(global, { shardings: 'shardy', precision: 'highest' });
    assert.match(mlir, /%r = "stablehlo\.sqrt"\(%r\.x\) : \(tensor<6x8xf32>\) -> tensor<6x8xf32>/);
    const py = exportJax(global, { precision: 'highest' });
    assert.match(py, /^ {4}r = jnp\.sqrt\(r_x\)$/m);
    assert.match(py, /^ {4}norm = jnp\.sqrt\(/m);
  });
});
