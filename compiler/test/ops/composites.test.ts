// rms_norm, logsumexp (registry ops) and softmax_cross_entropy (a built-in lowered to registry ops), with
// values checked by hand, equal on the simulated mesh with the normalized dims split, and their errors.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frontend } from '../../src/pipeline.js';
import { interpret } from '../../src/exec/interpreter.js';
import { runModel } from '../../src/exec/run-model.js';
import { fromArray } from '../../src/runtime/ndarray.js';
import { compileSource, failureText } from '../exec/helpers.js';

const SRC = `mesh m = [x = 4, y = 2]
dim B = 6
dim L = 8
dim M = 8
dim V = 10
model lm(h: f32[B, L, M] @ [x, _, y], targets: i32[B, L] @ [x, _]) -> (f32[], f32[B, L], f32[B, L, M], f32[B, L]) on m {
  param emb: f32[V, M] @ [_, y]
  n = rms_norm(h, M)
  logits = einsum("BLM,VM->BLV", n, emb) @ [x, _, y]
  tok = softmax_cross_entropy(logits, targets, V)
  padded = softmax_cross_entropy(logits, targets, V, pad_id = 0)
  return reduce_mean(tok, [B, L]), padded, n, logsumexp(logits, V)
}
`;

const SMALL = `mesh m = [x = 1]
dim N = 2
dim V = 3
model f(z: f32[N, V], t: i32[N]) -> (f32[N, V], f32[N], f32[N], f32[N]) on m {
  return rms_norm(z, V), logsumexp(z, V), softmax_cross_entropy(z, t, V), softmax_cross_entropy(z, t, V, pad_id = 2)
}
`;

const errorOf = (src: string) => frontend(src).diagnostics.find((d) => d.severity === 'error');

describe('composite built-ins', () => {
  it('compute RMSNorm, a stable logsumexp and per-token cross-entropy (0 at pad targets)', () => {
    const { global } = compileSource(SMALL);
    const z = [1, 2, 3, 1000, 1001, 1002];
    const [rms, lse, ce, cePad] = interpret(global, new Map([
      ['z', fromArray('f32', ['N', 'V'], [2, 3], z)], ['t', fromArray('i32', ['N'], [2], [0, 2])],
    ]) as never);
    const r0 = Math.sqrt((1 + 4 + 9) / 3 + 1e-6);
    assert.ok(Math.abs(rms!.data[1]! - 2 / r0) < 1e-6);
    const l0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    assert.ok(Math.abs(lse!.data[0]! - l0) < 1e-5);
    assert.ok(Math.abs(lse!.data[1]! - (l0 + 999)) < 1e-3, 'no overflow at 1000');
    assert.ok(Math.abs(ce!.data[0]! - (l0 - 1)) < 1e-5);
    assert.ok(Math.abs(ce!.data[1]! - (l0 - 3)) < 1e-3);
    assert.ok(Math.abs(cePad!.data[0]! - (l0 - 1)) < 1e-5);
    assert.equal(cePad!.data[1], 0);
  });

  it('run on the simulated mesh with M and V split equal to the reference', async () => {
    const { global, local } = compileSource(SRC);
    assert.ok(local.ops.some((o) => o.kind === 'all_reduce' && o.attrs['combiner'] === 'max'), 'logsumexp max over split V');
    const report = await runModel(global, local);
    assert.ok(report.equal, failureText(report));
  });

  it('name the argument that does not fit', () => {
    const head = 'mesh m = [x = 2]\ndim B = 4\ndim V = 3\n';
    const t = errorOf(`${head}model f(z: f32[B, V], t: f32[B]) -> f32[B] on m {\n  return softmax_cross_entropy(z, t, V)\n}\n`);
    assert.equal(t!.code, 'shape-cross-entropy-targets');
    assert.match(t!.message, /needs targets i32\[B\] \(the logits' dims without V\) but they are f32\[B\]/);
    const r = errorOf(`${head}model f(z: i32[B, V]) -> i32[B, V] on m {\n  return rms_norm(z, V)\n}\n`);
    assert.equal(r!.code, 'shape-rms-norm');
    assert.match(r!.message, /rms_norm needs a floating-point x \(f32 or bf16\) but it is i32/);
  });
});
