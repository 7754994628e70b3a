// slice(x, D, start, size) and concat([a, b], D): windows and joins along a named dim, with the dim
// gathered whole on the mesh (equal to the reference), their errors, and their lowerings.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frontend } from '../../src/pipeline.js';
import { evalOp } from '../../src/exec/eval-op.js';
import { runModel } from '../../src/exec/run-model.js';
import { exportStableHlo } from '../../src/export/stablehlo.js';
import { exportJax } from '../../src/export/jax.js';
import { printModule } from '../../src/ir/printer.js';
import { fromArray } from '../../src/runtime/ndarray.js';
import { compileSource, failureText } from '../exec/helpers.js';

const SRC = `mesh m = [x = 4, y = 2]
dim B = 8
dim L = 8
dim M = 6
model sc(x: f32[B, L, M] @ [x, y, _], z: f32[B, M, L] @ [x, _, y]) -> (f32[B, L, M], f32[B, L, M]) on m {
  head = slice(x, L, 0, 3)
  tail = slice(x, L, 3, 5)
  back = concat([tail, head], L)
  return back, concat([slice(x, M, 0, 2), slice(z, M, 2, 4)], M)
}
`;

const errorOf = (src: string) => frontend(src).diagnostics.find((d) => d.severity === 'error');

describe('slice and concat', () => {
  it('lower to slice_along (the dim keeps its name, with the new size) and concat', () => {
    const text = printModule(frontend(SRC).module!);
    assert.match(text, /%head: f32\[B=8, L=3, M=6\] = slice_along\(%x\) \{"dim":"L","size":3,"start":0\}/);
    assert.match(text, /%back: f32\[B=8, L=8, M=6\] = concat\(%tail, %head\) \{"dim":"L"\}/);
  });

  it('take the window and join in order (a second operand in another dim order is transposed)', () => {
    const { global } = compileSource(SRC);
    const x = fromArray('f32', ['B', 'L', 'M'], [1, 4, 1], [10, 11, 12, 13]);
    const slice = global.ops.find((o) => o.kind === 'slice_along' && o.results[0]!.name === 'tail')!;
    assert.deepEqual([...evalOp({ ...slice, attrs: { dim: 'L', start: 1, size: 2 } }, [x])[0]!.data], [11, 12]);
    const cat = global.ops.find((o) => o.kind === 'concat')!;
    const a = fromArray('f32', ['B', 'L', 'M'], [1, 1, 2], [1, 2]);
    const b = fromArray('f32', ['M', 'L', 'B'], [2, 2, 1], [3, 4, 5, 6]);
    assert.deepEqual([...evalOp(cat, [a, b])[0]!.data], [1, 2, 3, 5, 4, 6]);
  });

  it('run on the simulated mesh with the sliced dim split equal to the reference', async () => {
    const { global, local } = compileSource(SRC);
    const r = await runModel(global, local);
    assert.ok(r.equal, failureText(r));
    assert.equal(r.maxAbsError, 0);
  });

  it('say what is wrong: a window past the end, operands of other dims', () => {
    const head = 'mesh m = [x = 2]\ndim B = 4\ndim L = 8\n';
    const past = errorOf(`${head}model f(x: f32[B, L]) -> f32[B, L] on m {\n  return slice(x, L, 6, 4)\n}\n`);
    assert.equal(past!.code, 'shape-slice-along');
    assert.match(past!.message, /[Ss]lice of L \(size 8\) needs whole numbers with 0 <= start and start \+ size <= 8, size >= 1, but has start 6 and size 4/);
    const dims = errorOf(`${head}model f(x: f32[B, L], y: f32[L]) -> f32[B, L] on m {\n  return concat([x, y], L)\n}\n`);
    assert.equal(dims!.code, 'shape-concat');
    assert.match(dims!.message, /[Cc]oncat operands must have the same dims apart from L, but they are \[B, L\] and \[L\]/);
  });

  it('export to stablehlo.slice / stablehlo.concatenate and jax.lax.slice_in_dim / jnp.concatenate', () => {
    const { global } = compileSource(SRC);
    const mlir = exportStableHlo(global, { shardings: 'shardy', precision: 'highest' });
    assert.match(mlir, /"stablehlo\.slice"\(%x\) \{limit_indices = array<i64: 8, 8, 6>, start_indices = array<i64: 0, 3, 0>|start_indices = array<i64: 0, 3, 0>/);
    assert.match(mlir, /"stablehlo\.concatenate"/);
    const py = exportJax(global, { precision: 'highest' });
    assert.match(py, /tail = jax\.lax\.slice_in_dim\(x, 3, 8, axis=1\)/);
    assert.match(py, /back = jnp\.concatenate\(\[tail, head\], axis=1\)/);
  });
});
