// Value names stay as they were before layers checked on their own got throwaway name scopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdSource } from '../src/ir/module.js';
import { frontend } from '../src/pipeline.js';

/** The naming rule without scopes: every name ever handed out stays reserved. */
function reference(): (base: string) => string {
  const names = new Map<string, number>();
  return (base) => {
    let n = names.get(base);
    if (n === undefined) {
      names.set(base, 1);
      return base;
    }
    while (names.has(`${base}.${n}`)) n++;
    names.set(base, n + 1);
    names.set(`${base}.${n}`, 1);
    return `${base}.${n}`;
  };
}

test('throwaway scopes hand out the names one shared map would', () => {
  let seed = 12345;
  const next = (k: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  const tails = ['', '.x', '.x.1', '.1', '.1.1', '.0.h', '.c', '.x.1.1'];
  for (let run = 0; run < 200; run++) {
    const ids = new IdSource();
    const plain = reference();
    const heads = ['a', 'b', 'c', 'L0', 'L1', 'L2', 'L3', 'L4'];
    // Model names first (some under layer names), then one scope per layer, each used once.
    for (let i = next(30); i > 0; i--) {
      const base = heads[next(heads.length)]! + tails[next(tails.length)]!;
      assert.equal(ids.uniqueName(base), plain(base));
    }
    for (const layer of ['L0', 'L1', 'L2', 'L3', 'L4']) {
      ids.beginThrowaway(`${layer}.`);
      for (let i = next(30); i > 0; i--) {
        const base = layer + tails[next(tails.length)]!;
        assert.equal(ids.uniqueName(base), plain(base), `run ${run}, ${base}`);
      }
      ids.endThrowaway();
    }
  }
});

test('a name under a closed throwaway scope is refused, not silently reused', () => {
  const ids = new IdSource();
  ids.beginThrowaway('L.');
  assert.equal(ids.uniqueName('L.x'), 'L.x');
  ids.endThrowaway();
  assert.throws(() => ids.uniqueName('L.x'), /closed throwaway scope/);
});

test('names of standalone layers, also where a model name starts like a layer', () => {
  const text = `mesh pod = tpu_v3 [data = 4, model = 4]
dim B = 8
dim M = 32
dim N = 16
layer ffn(x: f32[B, M]) -> f32[B, M] {
  param w: f32[M, N] @ [_, model]
  h = einsum("BM,MN->BN", x, w)
  g = x * 2 + x
  return g + 1
}
layer other(x: f32[B, M]) -> f32[B, M] {
  param w: f32[M, N]
  y = ffn(x) * 0.5
  return y
}
layer z(c: f32[B, M]) -> f32[B, M] {
  z = c * 2
  return z
}
model m(x: f32[B, M] @ [data, _]) -> f32[B, M] {
  ffn = x + x * 2
  z = ffn(ffn) - 1
  return z
}
`;
  const r = frontend(text);
  assert.deepEqual(r.diagnostics, []);
  // Names from the code before throwaway scopes; `z.c.1` because the model already has `z.c`.
  assert.deepEqual(r.lowered.symbols.instances.map((i) => i.valueName),
    ['x', 'ffn', 'ffn', 'z.0.w', 'z.0.h', 'z.0.g', 'z', 'other.x', 'other.w', 'other.x', 'other.y.0.w', 'other.y.0.h', 'other.y.0.g', 'other.y', 'z.c.1', 'z.z']);
  // Only the params of layer instances the model calls are the module's (not those of `other`,
  // which is only checked on its own).
  assert.deepEqual(r.module?.params.map((p) => p.name), ['z.0.w']);
});
