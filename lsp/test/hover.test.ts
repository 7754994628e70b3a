// Hover on tensors (sharded type, per-device shape and bytes, origin, tiles), on ops (collectives),
// on dims and mesh axes, on the repository's MoE example.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Stage } from '@gshard/compiler';
import type { LspClient } from './lsp-client.js';
import { withServer } from './server-harness.js';
import { MLP, freshUri, positionOf } from './fixtures.js';
import { example } from './examples.js';

const MOE = example('moe_layer.gshard');
const stages = analyze(MOE, Stage.Partitioned);

async function hoverText(c: LspClient, uri: string, text: string, needle: string, n = 0, shift = 0): Promise<string> {
  const h = await c.request('textDocument/hover', c.at(uri, positionOf(text, needle, n, shift)));
  assert.ok(h, `no hover on '${needle}'`);
  assert.equal(h.contents.kind, 'markdown');
  return h.contents.value as string;
}

test('hover on a binding shows its inferred sharding, local shape, bytes per device and origin', async () => {
  await withServer(async (c) => {
    const uri = freshUri('moe');
    c.open(uri, MOE);
    await c.settled(uri, 1);
    const h = await hoverText(c, uri, MOE, 'h = relu');
    assert.match(h, /\*\*`h`\*\*: binding in `moe_layer`/);
    if (stages.sharded) {
      // E is split 16 ways over x: each device holds one expert's [1, 16, 4, 64] f32 slice = 16.0 KiB.
      assert.match(h, /f32\[E@x, G, C, H\]/);
      assert.match(h, /per device: `f32\[1, 16, 4, 64\]`, 16.0 KiB/);
      assert.match(h, /inferred: annotation on `expert_inputs`/);
      assert.match(h, /┌/, 'tile picture');
      const g = await hoverText(c, uri, MOE, 'logits =');
      assert.match(g, /f32\[G@x, S, E\]/);
      const ann = await hoverText(c, uri, MOE, 'expert_inputs =');
      assert.match(ann, /: annotated/);
    } else {
      assert.match(h, /f32\[E, G, C, H\]/);
      assert.match(h, /being inferred/);
    }
  });
});

test('hover on an op shows its signature and the collectives the partitioner put there', async () => {
  await withServer(async (c) => {
    const uri = freshUri('moe');
    c.open(uri, MOE);
    await c.settled(uri, 1);
    const h = await hoverText(c, uri, MOE, 'einsum("GSEC,GSM->EGCM"');
    assert.match(h, /\*\*op `einsum`\*\* — `einsum\(spec, operands…\)`/);
    assert.match(h, /Here: `GSEC,GSM->EGCM`/);
    assert.match(h, /MFLOP \(global\)/);
    if (stages.spmd) {
      // GShard: dispatching tokens to experts is one of the layer's two AllToAlls.
      assert.match(h, /`all_to_all`/);
    } else {
      assert.match(h, /Collectives: (none \(the partitioner did not run\)|not partitioned yet)/);
    }
  });
});

test('hover on a dim shows its size and uses; on a mesh axis its size and uses in annotations', async () => {
  await withServer(async (c) => {
    const uri = freshUri('mlp');
    c.open(uri, MLP);
    await c.diagnosticsFor(uri, 1);
    const dim = await hoverText(c, uri, MLP, 'dim H', 0, 4);
    assert.match(dim, /\*\*dim `H`\*\* = 128/);
    assert.match(dim, /2 uses/); // f32[M, H] and f32[H, M]
    const axis = await hoverText(c, uri, MLP, 'model]');
    assert.match(axis, /\*\*mesh axis `model`\*\* of mesh `pod`: size 4/);
    assert.match(axis, /2 uses in annotations/);
    const derived = await hoverText(c, uri, MLP, 'dim S', 0, 4);
    assert.match(derived, /= 16/);
  });
});

test('hover inside a repeated layer lists every instance', async () => {
  await withServer(async (c) => {
    const uri = freshUri('mlp');
    c.open(uri, MLP);
    await c.settled(uri, 1);
    const h = await hoverText(c, uri, MLP, 'h = relu');
    assert.match(h, /2 instances \(shown: `y\.0\.h`\): `y\.0\.h`, `y\.1\.h`/);
    assert.match(h, /f32\[B(@data)?, S, H(@model)?\]/);
    const p = await hoverText(c, uri, MLP, 'wi:');
    assert.match(p, /param in `ffn`/);
    assert.match(p, /f32\[M, H@model\]/); // annotated, so known even before propagation
  });
});

// The first hover after opening comes before propagation has finished: it gives the parse-level
// answer (type, and the annotation where there is one) rather than "not inferred yet".
test('hover right after open: an annotated tensor shows its sharding at once; none says "not inferred yet"', async () => {
  await withServer(async (c) => {
    const uri = freshUri('moe');
    c.open(uri, MOE);
    const ann = await hoverText(c, uri, MOE, 'expert_inputs =');
    assert.match(ann, /f32\[E@x, G, C, M\]/);
    assert.match(ann, /: annotated/);
    const h = await hoverText(c, uri, MOE, 'h = relu');
    assert.doesNotMatch(h, /not inferred yet/);
    assert.match(h, /f32\[E(@x)?, G, C, H\]/);
  });
});

test('hover on an einsum of three operands shows the contraction order lowering chose, as cost reports it', async () => {
  const src = `mesh m = [x = 2]
dim B = 16
dim C = 256
dim A = 4
dim D = 8
dim E = 256
model tucker(x: f32[B, C] @ [x, _], w: f32[A, D], core: f32[C, D, E]) -> f32[B, A, E] on m {
  y = einsum("BC,AD,CDE->BAE", x, w, core)
  return y
}
`;
  await withServer(async (c) => {
    const uri = freshUri('tucker');
    c.open(uri, src);
    await c.settled(uri, 1);
    const h = await hoverText(c, uri, src, 'einsum("BC');
    assert.match(h, /Contraction order \(fewest FLOPs; global\): 12582912 FLOPs; left to right as written 67239936 \(5\.3x\)/);
    assert.match(h, /1\. `\(w·core\)->y\.pair0 \[AD,CDE->ACE\]` 4194304 FLOPs\n2\. `\(x·y\.pair0\)->y \[BC,ACE->BAE\]` 8388608 FLOPs/);
  });
});
