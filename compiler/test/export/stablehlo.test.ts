// StableHLO lowering: einsum dimension numbers, named broadcasting, constraints, literals, and the structural checker itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportStableHlo } from '../../src/export/stablehlo.js';
import { floatLiteral, sanitizeSsaName } from '../../src/emit/mlir-builder.js';
import { checkMlirStructure, propagated } from './helpers.js';

const SRC = `
mesh m = tpu_v3 [x = 2, y = 4]
dim B = 4
dim S = 8
dim M = 16
dim H = 32
model mlp(a: f32[B, S, M] @ [x, _, _]) -> f32[S, B, H] on m {
  param w: f32[H, M] @ [y, _]
  param b: f32[H]
  h = einsum("BSM,HM->SBH", a, w) @ [_, x, y]
  return h + b
}
`;

const shardy = () => exportStableHlo(propagated(SRC), { shardings: 'shardy', precision: 'highest' });
const gspmd = () => exportStableHlo(propagated(SRC), { shardings: 'gspmd', precision: 'default' });

test('module attributes: partitions are the mesh size, one replica; the mesh is declared in generic form', () => {
  const t = shardy();
  assert.match(t, /module @mlp attributes \{mhlo\.num_partitions = 8 : i32, mhlo\.num_replicas = 1 : i32\}/);
  assert.match(t, /"sdy\.mesh"\(\) <\{mesh = #sdy\.mesh<\["x"=2, "y"=4\]>, sym_name = "m"\}> : \(\) -> \(\)/);
  assert.deepEqual(checkMlirStructure(t), []);
  assert.deepEqual(checkMlirStructure(gspmd()), []);
});

test('einsum: dims in both operands and the output are batch dims, the rest contracted; a transpose gives the output order', () => {
  const t = shardy();
  // BSM x HM: no batch dims, M contracted -> dot_general result [B, S, H], transposed to [S, B, H].
  assert.match(t, /"stablehlo\.dot_general"\(%a, %w\) <\{dot_dimension_numbers = #stablehlo\.dot<lhs_contracting_dimensions = \[2\], rhs_contracting_dimensions = \[1\]>, precision_config = \[#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>\]\}> : \(tensor<4x8x16xf32>, tensor<32x16xf32>\) -> tensor<4x8x32xf32>/);
  assert.match(t, /%h = "stablehlo\.transpose"\(%\d+\) <\{permutation = array<i64: 1, 0, 2>\}> : \(tensor<4x8x32xf32>\) -> tensor<8x4x32xf32>/);
  assert.match(gspmd(), /precision DEFAULT/);
});

test('named broadcasting: b[H] is broadcast into dim 2 of h[S, B, H]', () => {
  assert.match(shardy(), /"stablehlo\.broadcast_in_dim"\(%b\) <\{broadcast_dimensions = array<i64: 2>\}> : \(tensor<32xf32>\) -> tensor<8x4x32xf32>/);
});

test('shardings: arguments and results carry them, the annotated intermediate gets a constraint, in both forms', () => {
  const t = shardy();
  assert.match(t, /%a: tensor<4x8x16xf32> \{jax\.arg_info = "a", sdy\.sharding = #sdy\.sharding<@m, \[\{"x"\}, \{\}, \{\}\]>\}/);
  assert.match(t, /%w: tensor<32x16xf32> \{jax\.arg_info = "w", sdy\.sharding = #sdy\.sharding<@m, \[\{"y"\}, \{\}\]>\}/);
  assert.match(t, /%h\.sharded = "sdy\.sharding_constraint"\(%h\) <\{sharding = #sdy\.sharding<@m, \[\{\}, \{"x"\}, \{"y"\}\]>\}> : \(tensor<8x4x32xf32>\) -> tensor<8x4x32xf32>/);
  // The use after the constraint reads the constrained value.
  assert.match(t, /"stablehlo\.add"\(%h\.sharded, %\d+\)/);
  const g = gspmd();
  assert.doesNotMatch(g, /sdy\./);
  assert.match(g, /%a: tensor<4x8x16xf32> \{jax\.arg_info = "a", mhlo\.sharding = "\{devices=\[2,1,1,4\]<=\[8\] last_tile_dim_replicate\}"\}/);
  assert.match(g, /"stablehlo\.custom_call"\(%h\) <\{backend_config = "", call_target_name = "Sharding"\}> \{mhlo\.sharding = "\{devices=\[1,2,4\]<=\[8\]\}"\}/);
  assert.match(g, /-> \(tensor<8x4x32xf32> \{jax\.result_info = "result", mhlo\.sharding = "\{devices=\[1,2,4\]<=\[8\]\}"\}\)/);
});

test('float literals parse back in MLIR: a dot before any exponent, hex for infinities and NaN', () => {
  assert.equal(floatLiteral(2, 'f32'), '2.0');
  assert.equal(floatLiteral(1e-6, 'f32'), '0.000001');
  assert.equal(floatLiteral(1e-7, 'f32'), '1.0e-7');
  assert.equal(floatLiteral(1.5e-7, 'f32'), '1.5e-7');
  assert.equal(floatLiteral(-Infinity, 'f32'), '0xFF800000');
  assert.equal(floatLiteral(Infinity, 'bf16'), '0x7F80');
  assert.equal(floatLiteral(-0, 'f32'), '-0.0');
  assert.equal(floatLiteral(0.35355339, 'f32'), '0.35355339');
});

test('SSA names: IR names kept where MLIR allows them, numbers reserved for temporaries', () => {
  assert.equal(sanitizeSsaName('combine.gates'), 'combine.gates');
  assert.equal(sanitizeSsaName('a b/c'), 'a_b_c');
  assert.equal(sanitizeSsaName('12'), 'v12');
  assert.equal(sanitizeSsaName('1x'), 'v1x');
});

test('the structural checker finds undefined uses, redefinitions and unbalanced brackets', () => {
  const good = shardy();
  const broken = good.replace(/"stablehlo\.add"\(%h\.sharded,/, '"stablehlo.add"(%nowhere,');
  assert.ok(checkMlirStructure(broken).some((p) => p.includes('%nowhere is used before it is defined')));
  const twice = good.replace(/%h\.sharded = /, '%h = ');
  assert.ok(checkMlirStructure(twice).some((p) => p.includes('%h is defined twice')));
  assert.ok(checkMlirStructure(good.replace(/\}\n\}\n$/, '}\n')).some((p) => p.includes('brackets do not balance')));
});

test('top_k is a stable descending sort then a slice; argmax a variadic reduce with the index tie-break', () => {
  const src = `
mesh m = tpu_v3 [x = 2]
dim B = 2
dim E = 8
dim K = 2
model sel(v: f32[B, E] @ [x, _]) -> (f32[B, K], i32[B, K], i32[B]) on m {
  vals, idx = top_k(v, E, K)
  return vals, idx, argmax(v, E)
}`;
  const t = exportStableHlo(propagated(src), { shardings: 'shardy', precision: 'highest' });
  assert.deepEqual(checkMlirStructure(t), []);
  assert.match(t, /"stablehlo\.sort"\(%v, %\d+\) <\{dimension = 1 : i64, is_stable = true\}> \(\{/);
  assert.match(t, /%vals = "stablehlo\.slice"\(%\d+#0\) <\{start_indices = array<i64: 0, 0>, limit_indices = array<i64: 2, 2>, strides = array<i64: 1, 1>\}>/);
  assert.match(t, /%idx = "stablehlo\.slice"\(%\d+#1\)/);
  assert.match(t, /= "stablehlo\.reduce"\(%v, %\d+, %\d+, %\d+\) <\{dimensions = array<i64: 1>\}> \(\{/);
  assert.match(t, /comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>/);
});
