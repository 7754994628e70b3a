// The partitioner's three passes one at a time: the IR after each (golden files in IR text form,
// UPDATE_GOLDEN=1 rewrites them), the exact collectives, the verifier after each pass, and text
// round trips (a pass fed the printed-then-parsed IR of the one before gives the same program).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { frontend } from '../../src/pipeline.js';
import { propagateShardings } from '../../src/sharding/propagate.js';
import { PARTITION_PASSES, partitionModule, collectivesOf } from '../../src/partition/partition.js';
import { printModule } from '../../src/ir/printer.js';
import { parseModuleText } from '../../src/ir/text-parser.js';
import type { Module } from '../../src/ir/module.js';
import { ROOT, assertVerified, examplePath, exampleFiles, readText } from '../helpers/repo.js';
import { fileCheck } from '../helpers/filecheck.js';
import { assertGoldenFile } from '../helpers/golden.js';

const GOLDEN = join(ROOT, 'compiler', 'test', 'partition', 'golden');
const fixture = (name: string) => join(ROOT, 'compiler', 'test', 'partition', 'fixtures', name);
const print = (m: Module) => printModule(m, { locations: false });

/** The propagated module of a source, then the module after each partitioner pass (verified). */
function passes(source: string): { propagated: Module; after: Map<string, Module> } {
  const fe = frontend(source);
  assert.ok(fe.module, fe.diagnostics.map((d) => d.message).join('; '));
  const propagated = propagateShardings(fe.module).module;
  const after = new Map<string, Module>();
  partitionModule(propagated, (name, m) => {
    assertVerified(m, name);
    after.set(name, m);
  });
  return { propagated, after };
}

const CASES: [string, string][] = [
  ['moe_layer', examplePath('moe_layer.gshard')],
  ['megatron_mlp', fixture('megatron_mlp.gshard')],
  ['uneven_all_to_all', fixture('uneven_all_to_all.gshard')],
];

test('the passes are insert-reshards, reshards-to-collectives, localize, in that order', () => {
  assert.deepEqual(PARTITION_PASSES.map((p) => p.name), ['insert-reshards', 'reshards-to-collectives', 'localize']);
});

for (const [name, path] of CASES) {
  test(`golden IR after each partitioner pass: ${name}`, () => {
    const { after } = passes(readText(path));
    for (const pass of PARTITION_PASSES) {
      assertGoldenFile(GOLDEN, `${name}.${pass.name}.ir`, print(after.get(pass.name)!));
    }
  });
}

test('MoE layer: three reshards (two einsum results, the aux loss) -> exactly two all_to_alls and one all_reduce', () => {
  const { after } = passes(readText(examplePath('moe_layer.gshard')));
  const inserted = print(after.get('insert-reshards')!);
  fileCheck(inserted, `
    CHECK: module @moe_layer on @tpu = tpu_v3 [x = 16] chips [2, 4] view global {
    CHECK-COUNT-3: = reshard(
    CHECK: %aux: f32[] @ [] = reshard(%aux.local) {"combiner":"sum","producer":"reduce_mean","reduced":["G"],"reduced_kind":"reduced"}
    CHECK: %expert_inputs: f32[E=16, G=16, C=4, M=32] @ [x, _, _, _] annotated = reshard(%expert_inputs.local) {"producer":"einsum"}
    CHECK: %expert_outputs: f32[G=16, E=16, C=4, M=32] @ [x?, ?, ?, ?] = reshard(%expert_outputs.local) {"producer":"einsum"}
    CHECK-NOT: all_to_all
  `);
  const lowered = after.get('reshards-to-collectives')!;
  assert.deepEqual(collectivesOf(lowered).map((op) => op.kind), ['all_reduce', 'all_to_all', 'all_to_all']);
  fileCheck(print(lowered), `
    CHECK: view global {
    CHECK-NOT: reshard(
    CHECK: %expert_inputs: f32[E=16, G=16, C=4, M=32] @ [x, _, _, _] annotated = all_to_all(%expert_inputs.local) {"axes":["x"],"concat_dim":"G","concat_size":16,"split_dim":"E","split_size":16}
    CHECK: %expert_outputs: f32[G=16, E=16, C=4, M=32] @ [x?, ?, ?, ?] = all_to_all(%expert_outputs.local) {"axes":["x"],"concat_dim":"E","concat_size":16,"split_dim":"G","split_size":16}
  `);
  fileCheck(print(after.get('localize')!), `
    CHECK: view local {
    CHECK: %expert_inputs: f32[E=1, G=16, C=4, M=32] @ [x, _, _, _] = all_to_all(%expert_inputs.local) {"axes":["x"],"concat_dim":"G","concat_size":16,"split_dim":"E","split_size":1}
  `);
});

test('Megatron MLP: one reshard of a partial sum, lowered to exactly one all_reduce over model', () => {
  const { after } = passes(readText(fixture('megatron_mlp.gshard')));
  fileCheck(print(after.get('insert-reshards')!), `
    CHECK: %y.local: f32[B=8, M=16] @ [data, _] unreduced(model) = einsum(%h, %wo)
    CHECK-NEXT: %y: f32[B=8, M=16] @ [data?, ?] = reshard(%y.local) {"combiner":"sum","producer":"einsum","reduced":["H"],"reduced_kind":"contracting"}
  `);
  const lowered = after.get('reshards-to-collectives')!;
  assert.deepEqual(collectivesOf(lowered).map((op) => op.kind), ['all_reduce']);
  fileCheck(print(lowered), `
    CHECK: %y: f32[B=8, M=16] @ [data?, ?] = all_reduce(%y.local) {"axes":["model"],"combiner":"sum"}  // einsum at 10:7: contracting dim H is split on model: partial sums are all-reduced
  `);
  fileCheck(print(after.get('localize')!), `
    CHECK: %y.local: f32[B=4, M=16] @ [data, _] unreduced(model) = einsum(%h, %wo)
    CHECK-NEXT: %y: f32[B=4, M=16] @ [data, _] = all_reduce(%y.local) {"axes":["model"],"combiner":"sum"}
  `);
});

test('uneven dims: localize pads before an all_to_all and slices the padding off after one', () => {
  const { after } = passes(readText(fixture('uneven_all_to_all.gshard')));
  const global = print(after.get('reshards-to-collectives')!);
  assert.doesNotMatch(global, /= (pad|slice)\(/);
  fileCheck(print(after.get('localize')!), `
    CHECK: %b.all_to_all: f32[S=16, M=3] @ [_, x] = all_to_all(%b.local) {"axes":["x"],"concat_dim":"S","concat_size":16,"split_dim":"M","split_size":3}
    CHECK-NEXT: %b: f32[S=15, M=3] @ [_, x] = slice(%b.all_to_all) {"dim":"S","size":15}  // drop the padding of S after concatenating its shards
    CHECK: %c.pad: f32[S=16, M=3] @ [_, x] = pad(%c.local) {"dim":"S","size":16}  // pad S so it splits evenly into 2 chunks
    CHECK-NEXT: %c: f32[S=8, M=6] @ [x, _] = all_to_all(%c.pad) {"axes":["x"],"concat_dim":"M","concat_size":6,"split_dim":"S","split_size":8}
  `);
});

test('each pass gives the same program from the printed-and-parsed IR of the pass before', () => {
  for (const [, path] of CASES.slice(0, 2)) {
    const { propagated, after } = passes(readText(path));
    let before = propagated;
    for (const pass of PARTITION_PASSES) {
      // With locations: the explanations quote them.
      const parsed = parseModuleText(printModule(before));
      assert.ok(parsed.module, parsed.error);
      const again = printModule(pass.run(parsed.module).module);
      assert.equal(again, printModule(after.get(pass.name)!), `${pass.name} from text`);
      before = after.get(pass.name)!;
    }
  }
});

test('the verifier holds after every partitioner pass on every example', () => {
  for (const file of exampleFiles()) {
    if (file.includes('gshard_600b')) continue;
    passes(readText(file));
  }
});

test('a pass never changes its input module', () => {
  const { propagated } = passes(readText(fixture('megatron_mlp.gshard')));
  const text = print(propagated);
  let m = propagated;
  for (const pass of PARTITION_PASSES) {
    const before = print(m);
    const out = pass.run(m).module;
    assert.equal(print(m), before, pass.name);
    m = out;
  }
  assert.equal(print(propagated), text);
});
