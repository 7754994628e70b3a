// Golden tests on the printed SPMD program: the exact collectives the partitioner inserts for
// GShard's MoE layer, a Megatron MLP, data parallelism, the three matmul cases, and uneven dims.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, examplePath, readText } from '../helpers/repo.js';
import { fileCheck } from '../helpers/filecheck.js';
import { printModule } from '../../src/ir/printer.js';
import { collectivesOf } from '../../src/partition/partition.js';

const spmdText = (src: string) => printModule(compile(src).spmd, { locations: false });
const kinds = (src: string) => collectivesOf(compile(src).spmd).map((op) => op.kind);

test('MoE layer: exactly two all_to_all (dispatch G->E, combine E->G) and the all_reduce of the aux loss', () => {
  const out = spmdText(readText(examplePath('moe_layer.gshard')));
  fileCheck(out, `
    CHECK-COUNT-2: = all_to_all(
    CHECK-COUNT-1: = all_reduce(
    CHECK-NOT: all_gather
    CHECK-NOT: reduce_scatter
    CHECK-NOT: collective_permute
    CHECK: %aux: f32[] @ [] = all_reduce(
    CHECK: %expert_inputs: f32[E=1, G=16, C=4, M=32] @ [x, _, _, _] = all_to_all(%expert_inputs.local) {"axes":["x"],"concat_dim":"G","concat_size":16,"split_dim":"E","split_size":1}
    CHECK: %expert_outputs: f32[G=1, E=16, C=4, M=32] @ [x, _, _, _] = all_to_all(%expert_outputs.local) {"axes":["x"],"concat_dim":"E","concat_size":16,"split_dim":"G","split_size":1}
    CHECK: %outputs: f32[G=1, S=32, M=32] @ [x, _, _] = einsum(%combine, %expert_outputs)
  `);
});

const MEGATRON = `
mesh tpu = tpu_v3 [data = 2, model = 4]
dim B = 8
dim M = 16
dim H = 64
model mlp(x: f32[B, M] @ [data, _]) on tpu {
  param wi: f32[M, H] @ [_, model]
  param wo: f32[H, M] @ [model, _]
  h = relu(einsum("BM,MH->BH", x, wi))
  y = einsum("BH,HM->BM", h, wo)
  return y
}`;

test('Megatron MLP (hidden split on the model axis): exactly one all_reduce, over model', () => {
  assert.deepEqual(kinds(MEGATRON), ['all_reduce']);
  fileCheck(spmdText(MEGATRON), `
    CHECK: %h: f32[B=4, H=16] @ [data, model] = relu(
    CHECK: %y: f32[B=4, M=16] @ [data, _] = all_reduce(%y.local) {"axes":["model"],"combiner":"sum"}  // einsum at 10:7: contracting dim H is split on model: partial sums are all-reduced
  `);
});

test('data-parallel MLP forward: no collective', () => {
  assert.deepEqual(kinds(readText(examplePath('data_parallel_mlp.gshard'))), []);
});

const matmul = (a: string, b: string, c?: string) => `
mesh m = [x = 4]
dim I = 8
dim K = 16
dim J = 12
model mm(a: f32[I, K] @ ${a}, b: f32[K, J] @ ${b}) on m {
  c = einsum("IK,KJ->IJ", a, b)${c ? ` @ ${c}` : ''}
  return c
}`;

test('matmul with the contracting dim split: all_reduce', () => {
  assert.deepEqual(kinds(matmul('[_, x]', '[x, _]', '[_, _]')), ['all_reduce']);
});

test('matmul with the contracting dim split and the result split on that axis: reduce_scatter', () => {
  const src = matmul('[_, x]', '[x, _]', '[x, _]');
  assert.deepEqual(kinds(src), ['reduce_scatter']);
  fileCheck(spmdText(src), `CHECK: %c: f32[I=2, J=12] @ [x, _] = reduce_scatter(%c.local) {"axes":["x"],"dim":"I","size":2}`);
});

test('matmul with both non-contracting dims on one axis: all_gather of one operand', () => {
  const src = matmul('[x, _]', '[_, x]');
  assert.deepEqual(kinds(src), ['all_gather']);
  fileCheck(spmdText(src), `CHECK: = all_gather(%b) {"axes":["x"],"dim":"J","size":12}`);
});

test('a dim of 15 split 2 ways: local size 8, masked before it is summed', () => {
  const src = `
mesh m = [x = 2]
dim S = 15
dim M = 4
model r(a: f32[S, M] @ [x, _]) on m {
  s = reduce_sum(a, S)
  return s
}`;
  fileCheck(spmdText(src), `
    CHECK: input %a: f32[S=8, M=4] @ [x, _] annotated
    CHECK: = mask(%a) {"axes":["x"],"dim":"S","fill":0,"valid":15}
    CHECK: = reduce_sum(
    CHECK: %s: f32[M=4] @ [_] = all_reduce(
  `);
});

test('a max over an uneven split dim masks with -inf', () => {
  const src = `
mesh m = [x = 2]
dim S = 15
model r(a: f32[S] @ [x]) on m {
  s = reduce_max(a, S)
  return s
}`;
  fileCheck(spmdText(src), `
    CHECK: = mask(%a) {"axes":["x"],"dim":"S","fill":"-inf","valid":15}
    CHECK: = all_reduce({{.*}}"combiner":"max"
  `);
});

test('the same tiles in another device order: one collective_permute', () => {
  const src = `
mesh m = [x = 2, y = 2]
dim I = 8
model p(a: f32[I] @ [(x, y)]) on m {
  b = relu(a) @ [(y, x)]
  return b
}`;
  assert.deepEqual(kinds(src), ['collective_permute']);
});

test('the IR verifier holds after every pass on every collective case', () => {
  for (const src of [MEGATRON, matmul('[_, x]', '[x, _]', '[x, _]'), matmul('[x, _]', '[_, x]')]) compile(src);
});

test('softmax, log_softmax and layer_norm over a split dim: local reductions + all_reduce, no gather', () => {
  const src = `
mesh m = [x = 2]
dim G = 4
dim E = 5
dim M = 6
model r(a: f32[G, E] @ [_, x], b: f32[G, M] @ [_, x]) on m {
  s = softmax(a, E)
  l = log_softmax(a, E)
  n = layer_norm(b, M)
  return s, l, n
}`;
  assert.deepEqual(kinds(src), ['all_reduce', 'all_reduce', 'all_reduce', 'all_reduce', 'all_reduce', 'all_reduce']);
  fileCheck(spmdText(src), `
    CHECK: = mask(%a) {"axes":["x"],"dim":"E","fill":"-inf","valid":5}
    CHECK: = reduce_max(
    CHECK: = all_reduce({{.*}}"combiner":"max"
    CHECK: = exp(
    CHECK: = all_reduce({{.*}}"combiner":"sum"
    CHECK: %s: f32[G=4, E=3] @ [_, x] = div(
  `);
});
