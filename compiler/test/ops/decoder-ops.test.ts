// The ops a decoder LM needs (iota, bool comparisons, select/where, min, abs, rsqrt, square,
// sigmoid, silu, pow): typed, sharded, equal on the simulated mesh (split dims), and exported.

import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { frontend } from '../../src/pipeline.js';
import { evalOp } from '../../src/exec/eval-op.js';
import { runModel } from '../../src/exec/run-model.js';
import { exportStableHlo } from '../../src/export/stablehlo.js';
import { exportJax } from '../../src/export/jax.js';
import { opWork } from '../../src/cost/flops.js';
import { fromArray } from '../../src/runtime/ndarray.js';
import { interpret } from '../../src/exec/interpreter.js';
import { printModule } from '../../src/ir/printer.js';
import { compileSource, failureText } from '../exec/helpers.js';

// B = 6 over x = 4 is uneven; T and M split over y: iota(T) is sharded and takes its tile's offset.
const SRC = `mesh m = [x = 4, y = 2]
dim B = 6
dim T = 8
dim L = 8
dim M = 8
model ops(x: f32[B, T, M] @ [x, _, y], s: f32[B, T, L] @ [x, y, _]) -> (f32[B, T, L], f32[B, T, M], f32[B, T, M], bool[L, T]) on m {
  mask = le(iota(L), iota(T))
  causal = where(mask, s, -1e9)
  a = silu(x) * sigmoid(x) + abs(x) - square(x)
  b = rsqrt(reduce_mean(square(x), M) + 1e-6) * pow(abs(x), 1.5)
  c = min(a, b)
  return causal, c, select(gt(x, 0), x, neg(x)), mask
}
`;

const errorOf = (src: string) => frontend(src).diagnostics.find((d) => d.severity === 'error');

describe('decoder ops', () => {
  it('lower from source: iota per dim, compare with a direction, select, pow with its exponent', () => {
    const fe = frontend(SRC);
    assert.deepEqual(fe.diagnostics.filter((d) => d.severity === 'error'), []);
    const text = printModule(fe.module!);
    assert.match(text, /%mask\.a: i32\[L=8\] = iota\(\) \{"dim":"L","size":8\}/);
    assert.match(text, /%mask: bool\[L=8, T=8\] = compare\(%mask\.a, %mask\.b\) \{"direction":"LE"\}/);
    assert.match(text, /%causal: f32\[B=6, T=8, L=8\] = select\(%mask, %s, %causal\.b\)/);
    assert.match(text, /= pow\([^)]*\) \{"exponent":1\.5\}/);
    for (const k of ['silu', 'sigmoid', 'abs', 'square', 'rsqrt', 'min']) assert.match(text, new RegExp(` = ${k}\\(`), k);
  });

  it('le of two iotas: bool over both dims (the first operand\'s first), true where first <= second', () => {
    const op = compileSource(SRC).global.ops.find((o) => o.kind === 'compare' && o.results[0]!.name === 'mask')!;
    const l = fromArray('i32', ['L'], [3], [0, 1, 2]);
    const t = fromArray('i32', ['T'], [3], [0, 1, 2]);
    const [m] = evalOp(op, [l, t]);
    assert.deepEqual(m!.dims, ['L', 'T']);
    assert.deepEqual([...m!.data], [1, 1, 1, 0, 1, 1, 0, 0, 1]);
  });

  it('the causal-mask idiom of docs/language.md works as written: bool[T, L], attention over keys T <= query L', () => {
    const doc = readFileSync(new URL('../../../../docs/language.md', import.meta.url), 'utf8');
    const idiom = /`(mask = le\(iota\(\w\), iota\(\w\)\))`/.exec(doc)?.[1];
    assert.equal(idiom, 'mask = le(iota(T), iota(L))');
    const src = `mesh m = [x = 2]
dim B = 2
dim L = 4 // queries: the sequence dim
dim T = L // keys: L renamed
model f(s: f32[B, L, T] @ [x, _, _]) -> (f32[B, L, T], bool[T, L]) on m {
  ${idiom}
  return softmax(where(mask, s, -1e9), T), mask
}
`;
    const fe = frontend(src);
    assert.deepEqual(fe.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.match(printModule(fe.module!), /%mask: bool\[T=4, L=4\] = compare\(/);
    const { global } = compileSource(src);
    const zeros = fromArray('f32', ['B', 'L', 'T'], [2, 4, 4], new Array(32).fill(0));
    const [attn] = interpret(global, new Map([['s', zeros]]) as never);
    // Equal scores: query l spreads its weight evenly over keys 0..l and gives none to later keys.
    const row = (l: number) => [...attn!.data.slice(l * 4, l * 4 + 4)].map((v) => Math.round(v * 1000) / 1000);
    const expected = [[1, 0, 0, 0], [0.5, 0.5, 0, 0], [0.333, 0.333, 0.333, 0], [0.25, 0.25, 0.25, 0.25]];
    assert.deepEqual([0, 1, 2, 3].map(row), expected);
  });

  it('select needs a bool predicate; comparisons need one dtype; pow a number', () => {
    const head = 'mesh m = [x = 2]\ndim B = 4\ndim T = 3\n';
    const sel = errorOf(`${head}model f(x: f32[B]) -> f32[B] on m {\n  return select(x, x, 0)\n}\n`);
    assert.match(sel!.message, /[Ss]elect needs a bool predicate \(from eq, ne, lt, le, gt, ge\) but operand 1 is f32/);
    const cmp = errorOf(`${head}model f(x: f32[B], i: i32[B]) -> bool[B] on m {\n  return eq(x, i)\n}\n`);
    assert.match(cmp!.message, /[Ee]q needs operands of one dtype but they are f32 and i32/);
    const pw = errorOf(`${head}model f(x: f32[B]) -> f32[B] on m {\n  return pow(x, x)\n}\n`);
    assert.equal(pw!.code, 'shape-expected-number');
    const neg = frontend(`${head}model f(x: f32[B]) -> f32[B] on m {\n  return pow(x, -2)\n}\n`);
    assert.match(printModule(neg.module!), /\{"exponent":-2\}/);
  });

  it('reference kernels: silu, sigmoid, rsqrt, pow, min, abs, square', () => {
    const { global } = compileSource(SRC);
    const x = fromArray('f32', ['B', 'T', 'M'], [1, 1, 4], [-2, 0, 1, 4]);
    const run = (kind: string) => [...evalOp(global.ops.find((o) => o.kind === kind)!, [x, x])[0]!.data];
    const close = (a: number[], b: number[]) => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) < 1e-6, `${v} vs ${b[i]}`));
    close(run('sigmoid'), [-2, 0, 1, 4].map((v) => 1 / (1 + Math.exp(-v))));
    close(run('silu'), [-2, 0, 1, 4].map((v) => v / (1 + Math.exp(-v))));
    close(run('abs'), [2, 0, 1, 4]);
    close(run('square'), [4, 0, 1, 16]);
    close(run('min'), [-2, 0, 1, 4]);
    const r = run('rsqrt');
    assert.equal(r[1], Infinity);
    close([r[2]!, r[3]!], [1, 0.5]);
  });

  it('runs on the simulated mesh (uneven B, sharded iota) equal to the reference', async () => {
    const { global, local } = compileSource(SRC);
    const iotaT = local.ops.find((o) => o.kind === 'iota' && o.results[0]!.type.dims[0]!.name === 'T')!;
    assert.deepEqual(iotaT.attrs['offset_axes'], ['y']);
    const report = await runModel(global, local);
    assert.ok(report.equal, failureText(report));
  });

  it('costs vector FLOPs; iota is free', () => {
    const { local } = compileSource(SRC);
    const w = (k: string) => opWork(local.ops.find((o) => o.kind === k)!);
    assert.equal(w('iota').cls, 'free');
    assert.equal(w('silu').cls, 'vector');
    assert.equal(w('silu').flops, 7 * 2 * 8 * 4); // local tile B = 2, T = 8, M = 4
    assert.equal(w('compare').flops, 8 * 4);
  });

  it('exports to StableHLO (iota, compare LE, select, logistic, rsqrt, power, minimum) and JAX', () => {
    const { global } = compileSource(SRC);
    const mlir = exportStableHlo(global, { shardings: 'shardy', precision: 'highest' });
    for (const op of ['iota', 'compare', 'select', 'logistic', 'rsqrt', 'power', 'minimum', 'abs']) {
      assert.match(mlir, new RegExp(`"stablehlo\\.${op}"`), op);
    }
    assert.match(mlir, /comparison_direction LE/);
    const py = exportJax(global, { precision: 'highest' });
    assert.match(py, /mask = mask_a\[:, None\] <= mask_b\[None, :\]/);
    assert.match(py, /jnp\.where\(/);
    assert.match(py, /jax\.nn\.silu\(x\)/);
    assert.match(py, /jnp\.power\([a-z_0-9]+, jnp\.float32\(1\.5\)\)/);
  });
});
