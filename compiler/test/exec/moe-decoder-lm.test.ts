// examples/moe_decoder_lm.gshard: its results (scalar loss first, logits second), its i32 inputs
// generated as valid vocabulary ids, GShard's collectives only, and EQUAL runs with --mesh overrides.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runModel } from '../../src/exec/run-model.js';
import { typeToStringWithSizes as printType } from '../../src/ir/types.js';
import { compileSource, failureText } from './helpers.js';

const SRC = readFileSync(fileURLToPath(new URL('../../../../examples/moe_decoder_lm.gshard', import.meta.url)), 'utf8');

describe('moe_decoder_lm', () => {
  it('returns the scalar loss f32[] then the logits f32[B, L, V]; takes tokens and targets i32[B, L]', () => {
    const { global } = compileSource(SRC);
    assert.deepEqual(global.outputs.map((v) => printType(v.type)), ['f32[]', 'f32[B=8, L=16, V=64]']);
    assert.deepEqual(global.inputs.map((v) => `${v.name}: ${printType(v.type)}`),
      ['tokens: i32[B=8, L=16]', 'targets: i32[B=8, L=16]']);
  });

  it('shards as GShard: two all-to-alls around the experts and the two scalar all-reduces, nothing else', () => {
    const { local } = compileSource(SRC);
    const moving = local.ops.filter((o) => ['all_reduce', 'all_gather', 'reduce_scatter', 'all_to_all', 'collective_permute']
      .includes(o.kind)).map((o) => o.kind);
    assert.deepEqual(moving, ['all_reduce', 'all_to_all', 'all_to_all', 'all_reduce']);
  });

  for (const mesh of [undefined, 'x=8', 'x=4']) {
    it(`runs EQUAL on the simulated mesh${mesh ? ` with --mesh ${mesh}` : ''}, token ids within the vocabulary`, async () => {
      const { global, local } = compileSource(SRC, mesh);
      const r = await runModel(global, local, { seed: 3 });
      assert.ok(r.equal, failureText(r));
      for (const name of ['tokens', 'targets']) {
        const ids = [...r.feeds.find((f) => f.value.name === name)!.array.data];
        assert.ok(ids.every((i) => Number.isInteger(i) && i >= 0 && i < 64), `${name} in [0, 64)`);
        assert.ok(new Set(ids).size > 16, `${name} spread over the vocabulary`);
      }
      const loss = r.arrays[0]!.reference.data[0]!;
      assert.ok(Number.isFinite(loss) && loss > 0, `loss ${loss}`);
    });
  }
});
