// moe_decoder_lm from examples/moe_decoder_lm.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with Shardy (sdy) shardings on mesh tpu_v3 [x = 8] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @moe_decoder_lm attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  "sdy.mesh"() <{mesh = #sdy.mesh<["x"=8]>, sym_name = "tpu"}> : () -> ()
  func.func public @main(%tokens: tensor<8x16xi32> {jax.arg_info = "tokens", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}]>}, %targets: tensor<8x16xi32> {jax.arg_info = "targets", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}]>}, %embedding: tensor<64x32xf32> {jax.arg_info = "embedding", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %positions: tensor<16x32xf32> {jax.arg_info = "positions", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %final_norm: tensor<32xf32> {jax.arg_info = "final_norm", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %h0.arg0.norm: tensor<32xf32> {jax.arg_info = "h0.arg0.norm", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %h0.arg0.wq: tensor<32x4x8xf32> {jax.arg_info = "h0.arg0.wq", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %h0.arg0.wk: tensor<32x4x8xf32> {jax.arg_info = "h0.arg0.wk", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %h0.arg0.wv: tensor<32x4x8xf32> {jax.arg_info = "h0.arg0.wv", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %h0.arg0.wo: tensor<4x8x32xf32> {jax.arg_info = "h0.arg0.wo", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %h0.norm: tensor<32xf32> {jax.arg_info = "h0.norm", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %h0.wi: tensor<32x64xf32> {jax.arg_info = "h0.wi", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %h0.wo: tensor<64x32xf32> {jax.arg_info = "h0.wo", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %h1.arg0.norm: tensor<32xf32> {jax.arg_info = "h1.arg0.norm", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %h1.arg0.wq: tensor<32x4x8xf32> {jax.arg_info = "h1.arg0.wq", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %h1.arg0.wk: tensor<32x4x8xf32> {jax.arg_info = "h1.arg0.wk", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %h1.arg0.wv: tensor<32x4x8xf32> {jax.arg_info = "h1.arg0.wv", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %h1.arg0.wo: tensor<4x8x32xf32> {jax.arg_info = "h1.arg0.wo", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %h1.norm: tensor<32xf32> {jax.arg_info = "h1.norm", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %h1.wg: tensor<32x8xf32> {jax.arg_info = "h1.wg", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %h1.wi: tensor<8x32x64xf32> {jax.arg_info = "h1.wi", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}, {}]>}, %h1.wo: tensor<8x64x32xf32> {jax.arg_info = "h1.wo", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}, {}]>}) -> (tensor<f32> {jax.result_info = "loss", sdy.sharding = #sdy.sharding<@tpu, []>}, tensor<8x16x64xf32> {jax.result_info = "logits", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}, {}]>}) {
    // x.0: f32[B@x, L, M] = gather(embedding, tokens) (line 67)
    %x.0 = "stablehlo.gather"(%embedding, %tokens) <{dimension_numbers = #stablehlo.gather<offset_dims = [2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 2>, slice_sizes = array<i64: 1, 32>, indices_are_sorted = false}> : (tensor<64x32xf32>, tensor<8x16xi32>) -> tensor<8x16x32xf32>
    // x: f32[B@x, L, M] = add(x.0, positions) (line 67)
    %1 = "stablehlo.broadcast_in_dim"(%positions) <{broadcast_dimensions = array<i64: 1, 2>}> : (tensor<16x32xf32>) -> tensor<8x16x32xf32>
    %x = "stablehlo.add"(%x.0, %1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.arg0.xn.0.sq: f32[B@x, L, M] = square(x) (line 30)
    %h0.arg0.xn.0.sq = "stablehlo.multiply"(%x, %x) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.arg0.xn.0.mean_sq: f32[B@x, L] = reduce_mean(h0.arg0.xn.0.sq) (line 30)
    %4 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %5 = "stablehlo.reduce"(%h0.arg0.xn.0.sq, %4) <{dimensions = array<i64: 2>}> ({
    ^bb0(%6: tensor<f32>, %7: tensor<f32>):
      %8 = "stablehlo.add"(%6, %7) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%8) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %9 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16xf32>}> : () -> tensor<8x16xf32>
    %h0.arg0.xn.0.mean_sq = "stablehlo.divide"(%5, %9) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h0.arg0.xn.0.eps: f32[] = constant() (line 30)
    %h0.arg0.xn.0.eps = "stablehlo.constant"() <{value = dense<0.000001> : tensor<f32>}> : () -> tensor<f32>
    // h0.arg0.xn.0.var: f32[B@x, L] = add(h0.arg0.xn.0.mean_sq, h0.arg0.xn.0.eps) (line 30)
    %12 = "stablehlo.broadcast_in_dim"(%h0.arg0.xn.0.eps) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16xf32>
    %h0.arg0.xn.0.var = "stablehlo.add"(%h0.arg0.xn.0.mean_sq, %12) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h0.arg0.xn.0.inv: f32[B@x, L] = rsqrt(h0.arg0.xn.0.var) (line 30)
    %h0.arg0.xn.0.inv = "stablehlo.rsqrt"(%h0.arg0.xn.0.var) : (tensor<8x16xf32>) -> tensor<8x16xf32>
    // h0.arg0.xn.0: f32[B@x, L, M] = mul(x, h0.arg0.xn.0.inv) (line 30)
    %15 = "stablehlo.broadcast_in_dim"(%h0.arg0.xn.0.inv) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %h0.arg0.xn.0 = "stablehlo.multiply"(%x, %15) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.arg0.xn: f32[B@x, L, M] = mul(h0.arg0.xn.0, h0.arg0.norm) (line 30)
    %17 = "stablehlo.broadcast_in_dim"(%h0.arg0.norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %h0.arg0.xn = "stablehlo.multiply"(%h0.arg0.xn.0, %17) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.arg0.q: f32[B@x, L, N, K] = einsum(h0.arg0.xn, h0.arg0.wq) (line 31)
    %h0.arg0.q = "stablehlo.dot_general"(%h0.arg0.xn, %h0.arg0.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // h0.arg0.k.x: f32[B@x, L, N, K] = einsum(h0.arg0.xn, h0.arg0.wk) (line 32)
    %h0.arg0.k.x = "stablehlo.dot_general"(%h0.arg0.xn, %h0.arg0.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // h0.arg0.k: f32[B@x, T, N, K] = rename(h0.arg0.k.x) (line 32)
    // h0.arg0.v.x: f32[B@x, L, N, K] = einsum(h0.arg0.xn, h0.arg0.wv) (line 33)
    %h0.arg0.v.x = "stablehlo.dot_general"(%h0.arg0.xn, %h0.arg0.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // h0.arg0.v: f32[B@x, T, N, K] = rename(h0.arg0.v.x) (line 33)
    // h0.arg0.causal.a: i32[T] = iota() (line 34)
    %h0.arg0.causal.a = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<16xi32>
    // h0.arg0.causal.b: i32[L] = iota() (line 34)
    %h0.arg0.causal.b = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<16xi32>
    // h0.arg0.causal: bool[T, L] = compare(h0.arg0.causal.a, h0.arg0.causal.b) (line 34)
    %24 = "stablehlo.broadcast_in_dim"(%h0.arg0.causal.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %25 = "stablehlo.broadcast_in_dim"(%h0.arg0.causal.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %h0.arg0.causal = "stablehlo.compare"(%24, %25) <{comparison_direction = #stablehlo<comparison_direction LE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x16xi32>, tensor<16x16xi32>) -> tensor<16x16xi1>
    // h0.arg0.scores.a.0: f32[B@x, N, L, T] = einsum(h0.arg0.q, h0.arg0.k) (line 35)
    %h0.arg0.scores.a.0 = "stablehlo.dot_general"(%h0.arg0.q, %h0.arg0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x16xf32>
    // h0.arg0.scores.a.c: f32[] = constant() (line 35)
    %h0.arg0.scores.a.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // h0.arg0.scores.a: f32[B@x, N, L, T] = mul(h0.arg0.scores.a.0, h0.arg0.scores.a.c) (line 35)
    %29 = "stablehlo.broadcast_in_dim"(%h0.arg0.scores.a.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %h0.arg0.scores.a = "stablehlo.multiply"(%h0.arg0.scores.a.0, %29) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h0.arg0.scores.b.neg: f32[] = constant() (line 35)
    %h0.arg0.scores.b.neg = "stablehlo.constant"() <{value = dense<1000000000.0> : tensor<f32>}> : () -> tensor<f32>
    // h0.arg0.scores.b: f32[] = neg(h0.arg0.scores.b.neg) (line 35)
    %h0.arg0.scores.b = "stablehlo.negate"(%h0.arg0.scores.b.neg) : (tensor<f32>) -> tensor<f32>
    // h0.arg0.scores: f32[B@x, N, L, T] = select(h0.arg0.causal, h0.arg0.scores.a, h0.arg0.scores.b) (line 35)
    %33 = "stablehlo.transpose"(%h0.arg0.causal) <{permutation = array<i64: 1, 0>}> : (tensor<16x16xi1>) -> tensor<16x16xi1>
    %34 = "stablehlo.broadcast_in_dim"(%33) <{broadcast_dimensions = array<i64: 2, 3>}> : (tensor<16x16xi1>) -> tensor<8x4x16x16xi1>
    %35 = "stablehlo.broadcast_in_dim"(%h0.arg0.scores.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %h0.arg0.scores = "stablehlo.select"(%34, %h0.arg0.scores.a, %35) : (tensor<8x4x16x16xi1>, tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h0.arg0.context.operands0: f32[B@x, N, L, T] = softmax(h0.arg0.scores) (line 36)
    %37 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %38 = "stablehlo.reduce"(%h0.arg0.scores, %37) <{dimensions = array<i64: 3>}> ({
    ^bb0(%39: tensor<f32>, %40: tensor<f32>):
      %41 = "stablehlo.maximum"(%39, %40) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%41) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %42 = "stablehlo.broadcast_in_dim"(%38) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %43 = "stablehlo.subtract"(%h0.arg0.scores, %42) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %44 = "stablehlo.exponential"(%43) : (tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %45 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %46 = "stablehlo.reduce"(%44, %45) <{dimensions = array<i64: 3>}> ({
    ^bb0(%47: tensor<f32>, %48: tensor<f32>):
      %49 = "stablehlo.add"(%47, %48) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%49) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %50 = "stablehlo.broadcast_in_dim"(%46) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %h0.arg0.context.operands0 = "stablehlo.divide"(%44, %50) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h0.arg0.context: f32[B@x, L, N, K] = einsum(h0.arg0.context.operands0, h0.arg0.v) (line 36)
    %52 = "stablehlo.dot_general"(%h0.arg0.context.operands0, %h0.arg0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x4x16x16xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x8xf32>
    %h0.arg0.context = "stablehlo.transpose"(%52) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x4x16x8xf32>) -> tensor<8x16x4x8xf32>
    // h0.arg0.result.1: f32[B@x, L, M] = einsum(h0.arg0.context, h0.arg0.wo) (line 37)
    %h0.arg0.result.1 = "stablehlo.dot_general"(%h0.arg0.context, %h0.arg0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<4x8x32xf32>) -> tensor<8x16x32xf32>
    // h0.arg0.result: f32[B@x, L, M] = add(x, h0.arg0.result.1) (line 37)
    %h0.arg0.result = "stablehlo.add"(%x, %h0.arg0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.h.x.operands0.0.sq: f32[B@x, L, M] = square(h0.arg0.result) (line 44)
    %h0.h.x.operands0.0.sq = "stablehlo.multiply"(%h0.arg0.result, %h0.arg0.result) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.h.x.operands0.0.mean_sq: f32[B@x, L] = reduce_mean(h0.h.x.operands0.0.sq) (line 44)
    %57 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %58 = "stablehlo.reduce"(%h0.h.x.operands0.0.sq, %57) <{dimensions = array<i64: 2>}> ({
    ^bb0(%59: tensor<f32>, %60: tensor<f32>):
      %61 = "stablehlo.add"(%59, %60) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%61) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %62 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16xf32>}> : () -> tensor<8x16xf32>
    %h0.h.x.operands0.0.mean_sq = "stablehlo.divide"(%58, %62) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h0.h.x.operands0.0.eps: f32[] = constant() (line 44)
    %h0.h.x.operands0.0.eps = "stablehlo.constant"() <{value = dense<0.000001> : tensor<f32>}> : () -> tensor<f32>
    // h0.h.x.operands0.0.var: f32[B@x, L] = add(h0.h.x.operands0.0.mean_sq, h0.h.x.operands0.0.eps) (line 44)
    %65 = "stablehlo.broadcast_in_dim"(%h0.h.x.operands0.0.eps) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16xf32>
    %h0.h.x.operands0.0.var = "stablehlo.add"(%h0.h.x.operands0.0.mean_sq, %65) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h0.h.x.operands0.0.inv: f32[B@x, L] = rsqrt(h0.h.x.operands0.0.var) (line 44)
    %h0.h.x.operands0.0.inv = "stablehlo.rsqrt"(%h0.h.x.operands0.0.var) : (tensor<8x16xf32>) -> tensor<8x16xf32>
    // h0.h.x.operands0.0: f32[B@x, L, M] = mul(h0.arg0.result, h0.h.x.operands0.0.inv) (line 44)
    %68 = "stablehlo.broadcast_in_dim"(%h0.h.x.operands0.0.inv) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %h0.h.x.operands0.0 = "stablehlo.multiply"(%h0.arg0.result, %68) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.h.x.operands0: f32[B@x, L, M] = mul(h0.h.x.operands0.0, h0.norm) (line 44)
    %70 = "stablehlo.broadcast_in_dim"(%h0.norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %h0.h.x.operands0 = "stablehlo.multiply"(%h0.h.x.operands0.0, %70) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.h.x: f32[B@x, L, H] = einsum(h0.h.x.operands0, h0.wi) (line 44)
    %h0.h.x = "stablehlo.dot_general"(%h0.h.x.operands0, %h0.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x64xf32>) -> tensor<8x16x64xf32>
    // h0.h: f32[B@x, L, H] = gelu(h0.h.x) (line 44)
    %73 = "stablehlo.multiply"(%h0.h.x, %h0.h.x) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %74 = "stablehlo.multiply"(%73, %h0.h.x) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %75 = "stablehlo.constant"() <{value = dense<0.044715> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %76 = "stablehlo.multiply"(%75, %74) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %77 = "stablehlo.add"(%h0.h.x, %76) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %78 = "stablehlo.constant"() <{value = dense<0.7978845608028654> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %79 = "stablehlo.multiply"(%78, %77) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %80 = "stablehlo.tanh"(%79) : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %81 = "stablehlo.constant"() <{value = dense<0.5> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %82 = "stablehlo.constant"() <{value = dense<1.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %83 = "stablehlo.add"(%82, %80) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %84 = "stablehlo.multiply"(%81, %83) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %h0.h = "stablehlo.multiply"(%h0.h.x, %84) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // h0.result.1: f32[B@x, L, M] = einsum(h0.h, h0.wo) (line 45)
    %h0.result.1 = "stablehlo.dot_general"(%h0.h, %h0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x32xf32>) -> tensor<8x16x32xf32>
    // h0.result: f32[B@x, L, M] = add(h0.arg0.result, h0.result.1) (line 45)
    %h0.result = "stablehlo.add"(%h0.arg0.result, %h0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.arg0.xn.0.sq: f32[B@x, L, M] = square(h0.result) (line 30)
    %h1.arg0.xn.0.sq = "stablehlo.multiply"(%h0.result, %h0.result) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.arg0.xn.0.mean_sq: f32[B@x, L] = reduce_mean(h1.arg0.xn.0.sq) (line 30)
    %89 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %90 = "stablehlo.reduce"(%h1.arg0.xn.0.sq, %89) <{dimensions = array<i64: 2>}> ({
    ^bb0(%91: tensor<f32>, %92: tensor<f32>):
      %93 = "stablehlo.add"(%91, %92) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%93) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %94 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16xf32>}> : () -> tensor<8x16xf32>
    %h1.arg0.xn.0.mean_sq = "stablehlo.divide"(%90, %94) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.arg0.xn.0.eps: f32[] = constant() (line 30)
    %h1.arg0.xn.0.eps = "stablehlo.constant"() <{value = dense<0.000001> : tensor<f32>}> : () -> tensor<f32>
    // h1.arg0.xn.0.var: f32[B@x, L] = add(h1.arg0.xn.0.mean_sq, h1.arg0.xn.0.eps) (line 30)
    %97 = "stablehlo.broadcast_in_dim"(%h1.arg0.xn.0.eps) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16xf32>
    %h1.arg0.xn.0.var = "stablehlo.add"(%h1.arg0.xn.0.mean_sq, %97) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.arg0.xn.0.inv: f32[B@x, L] = rsqrt(h1.arg0.xn.0.var) (line 30)
    %h1.arg0.xn.0.inv = "stablehlo.rsqrt"(%h1.arg0.xn.0.var) : (tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.arg0.xn.0: f32[B@x, L, M] = mul(h0.result, h1.arg0.xn.0.inv) (line 30)
    %100 = "stablehlo.broadcast_in_dim"(%h1.arg0.xn.0.inv) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %h1.arg0.xn.0 = "stablehlo.multiply"(%h0.result, %100) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.arg0.xn: f32[B@x, L, M] = mul(h1.arg0.xn.0, h1.arg0.norm) (line 30)
    %102 = "stablehlo.broadcast_in_dim"(%h1.arg0.norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %h1.arg0.xn = "stablehlo.multiply"(%h1.arg0.xn.0, %102) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.arg0.q: f32[B@x, L, N, K] = einsum(h1.arg0.xn, h1.arg0.wq) (line 31)
    %h1.arg0.q = "stablehlo.dot_general"(%h1.arg0.xn, %h1.arg0.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // h1.arg0.k.x: f32[B@x, L, N, K] = einsum(h1.arg0.xn, h1.arg0.wk) (line 32)
    %h1.arg0.k.x = "stablehlo.dot_general"(%h1.arg0.xn, %h1.arg0.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // h1.arg0.k: f32[B@x, T, N, K] = rename(h1.arg0.k.x) (line 32)
    // h1.arg0.v.x: f32[B@x, L, N, K] = einsum(h1.arg0.xn, h1.arg0.wv) (line 33)
    %h1.arg0.v.x = "stablehlo.dot_general"(%h1.arg0.xn, %h1.arg0.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // h1.arg0.v: f32[B@x, T, N, K] = rename(h1.arg0.v.x) (line 33)
    // h1.arg0.causal.a: i32[T] = iota() (line 34)
    %h1.arg0.causal.a = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<16xi32>
    // h1.arg0.causal.b: i32[L] = iota() (line 34)
    %h1.arg0.causal.b = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<16xi32>
    // h1.arg0.causal: bool[T, L] = compare(h1.arg0.causal.a, h1.arg0.causal.b) (line 34)
    %109 = "stablehlo.broadcast_in_dim"(%h1.arg0.causal.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %110 = "stablehlo.broadcast_in_dim"(%h1.arg0.causal.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %h1.arg0.causal = "stablehlo.compare"(%109, %110) <{comparison_direction = #stablehlo<comparison_direction LE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x16xi32>, tensor<16x16xi32>) -> tensor<16x16xi1>
    // h1.arg0.scores.a.0: f32[B@x, N, L, T] = einsum(h1.arg0.q, h1.arg0.k) (line 35)
    %h1.arg0.scores.a.0 = "stablehlo.dot_general"(%h1.arg0.q, %h1.arg0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x16xf32>
    // h1.arg0.scores.a.c: f32[] = constant() (line 35)
    %h1.arg0.scores.a.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // h1.arg0.scores.a: f32[B@x, N, L, T] = mul(h1.arg0.scores.a.0, h1.arg0.scores.a.c) (line 35)
    %114 = "stablehlo.broadcast_in_dim"(%h1.arg0.scores.a.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %h1.arg0.scores.a = "stablehlo.multiply"(%h1.arg0.scores.a.0, %114) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h1.arg0.scores.b.neg: f32[] = constant() (line 35)
    %h1.arg0.scores.b.neg = "stablehlo.constant"() <{value = dense<1000000000.0> : tensor<f32>}> : () -> tensor<f32>
    // h1.arg0.scores.b: f32[] = neg(h1.arg0.scores.b.neg) (line 35)
    %h1.arg0.scores.b = "stablehlo.negate"(%h1.arg0.scores.b.neg) : (tensor<f32>) -> tensor<f32>
    // h1.arg0.scores: f32[B@x, N, L, T] = select(h1.arg0.causal, h1.arg0.scores.a, h1.arg0.scores.b) (line 35)
    %118 = "stablehlo.transpose"(%h1.arg0.causal) <{permutation = array<i64: 1, 0>}> : (tensor<16x16xi1>) -> tensor<16x16xi1>
    %119 = "stablehlo.broadcast_in_dim"(%118) <{broadcast_dimensions = array<i64: 2, 3>}> : (tensor<16x16xi1>) -> tensor<8x4x16x16xi1>
    %120 = "stablehlo.broadcast_in_dim"(%h1.arg0.scores.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %h1.arg0.scores = "stablehlo.select"(%119, %h1.arg0.scores.a, %120) : (tensor<8x4x16x16xi1>, tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h1.arg0.context.operands0: f32[B@x, N, L, T] = softmax(h1.arg0.scores) (line 36)
    %122 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %123 = "stablehlo.reduce"(%h1.arg0.scores, %122) <{dimensions = array<i64: 3>}> ({
    ^bb0(%124: tensor<f32>, %125: tensor<f32>):
      %126 = "stablehlo.maximum"(%124, %125) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%126) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %127 = "stablehlo.broadcast_in_dim"(%123) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %128 = "stablehlo.subtract"(%h1.arg0.scores, %127) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %129 = "stablehlo.exponential"(%128) : (tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %130 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %131 = "stablehlo.reduce"(%129, %130) <{dimensions = array<i64: 3>}> ({
    ^bb0(%132: tensor<f32>, %133: tensor<f32>):
      %134 = "stablehlo.add"(%132, %133) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%134) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %135 = "stablehlo.broadcast_in_dim"(%131) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %h1.arg0.context.operands0 = "stablehlo.divide"(%129, %135) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h1.arg0.context: f32[B@x, L, N, K] = einsum(h1.arg0.context.operands0, h1.arg0.v) (line 36)
    %137 = "stablehlo.dot_general"(%h1.arg0.context.operands0, %h1.arg0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x4x16x16xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x8xf32>
    %h1.arg0.context = "stablehlo.transpose"(%137) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x4x16x8xf32>) -> tensor<8x16x4x8xf32>
    // h1.arg0.result.1: f32[B@x, L, M] = einsum(h1.arg0.context, h1.arg0.wo) (line 37)
    %h1.arg0.result.1 = "stablehlo.dot_general"(%h1.arg0.context, %h1.arg0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<4x8x32xf32>) -> tensor<8x16x32xf32>
    // h1.arg0.result: f32[B@x, L, M] = add(h0.result, h1.arg0.result.1) (line 37)
    %h1.arg0.result = "stablehlo.add"(%h0.result, %h1.arg0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.inputs.x.0.sq: f32[B@x, L, M] = square(h1.arg0.result) (line 54)
    %h1.inputs.x.0.sq = "stablehlo.multiply"(%h1.arg0.result, %h1.arg0.result) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.inputs.x.0.mean_sq: f32[B@x, L] = reduce_mean(h1.inputs.x.0.sq) (line 54)
    %142 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %143 = "stablehlo.reduce"(%h1.inputs.x.0.sq, %142) <{dimensions = array<i64: 2>}> ({
    ^bb0(%144: tensor<f32>, %145: tensor<f32>):
      %146 = "stablehlo.add"(%144, %145) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%146) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %147 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16xf32>}> : () -> tensor<8x16xf32>
    %h1.inputs.x.0.mean_sq = "stablehlo.divide"(%143, %147) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.inputs.x.0.eps: f32[] = constant() (line 54)
    %h1.inputs.x.0.eps = "stablehlo.constant"() <{value = dense<0.000001> : tensor<f32>}> : () -> tensor<f32>
    // h1.inputs.x.0.var: f32[B@x, L] = add(h1.inputs.x.0.mean_sq, h1.inputs.x.0.eps) (line 54)
    %150 = "stablehlo.broadcast_in_dim"(%h1.inputs.x.0.eps) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16xf32>
    %h1.inputs.x.0.var = "stablehlo.add"(%h1.inputs.x.0.mean_sq, %150) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.inputs.x.0.inv: f32[B@x, L] = rsqrt(h1.inputs.x.0.var) (line 54)
    %h1.inputs.x.0.inv = "stablehlo.rsqrt"(%h1.inputs.x.0.var) : (tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.inputs.x.0: f32[B@x, L, M] = mul(h1.arg0.result, h1.inputs.x.0.inv) (line 54)
    %153 = "stablehlo.broadcast_in_dim"(%h1.inputs.x.0.inv) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %h1.inputs.x.0 = "stablehlo.multiply"(%h1.arg0.result, %153) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.inputs.x: f32[B@x, L, M] = mul(h1.inputs.x.0, h1.norm) (line 54)
    %155 = "stablehlo.broadcast_in_dim"(%h1.norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %h1.inputs.x = "stablehlo.multiply"(%h1.inputs.x.0, %155) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.inputs: f32[G@x, S, M] = reshape(h1.inputs.x) (line 54)
    %h1.inputs = "stablehlo.reshape"(%h1.inputs.x) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.combine.logits: f32[G@x, S, E] = einsum(h1.inputs, h1.wg) (line 55)
    %h1.combine.logits = "stablehlo.dot_general"(%h1.inputs, %h1.wg) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.gates: f32[G@x, S, E] = softmax(h1.combine.logits) (line 55)
    %159 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %160 = "stablehlo.reduce"(%h1.combine.logits, %159) <{dimensions = array<i64: 2>}> ({
    ^bb0(%161: tensor<f32>, %162: tensor<f32>):
      %163 = "stablehlo.maximum"(%161, %162) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%163) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    %164 = "stablehlo.broadcast_in_dim"(%160) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %165 = "stablehlo.subtract"(%h1.combine.logits, %164) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    %166 = "stablehlo.exponential"(%165) : (tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    %167 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %168 = "stablehlo.reduce"(%166, %167) <{dimensions = array<i64: 2>}> ({
    ^bb0(%169: tensor<f32>, %170: tensor<f32>):
      %171 = "stablehlo.add"(%169, %170) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%171) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    %172 = "stablehlo.broadcast_in_dim"(%168) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %h1.combine.gates = "stablehlo.divide"(%166, %172) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.idx1: i32[G@x, S] = argmax(h1.combine.gates) (line 55)
    %174 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %175 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %176 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %177:2 = "stablehlo.reduce"(%h1.combine.gates, %174, %175, %176) <{dimensions = array<i64: 2>}> ({
    ^bb0(%178: tensor<f32>, %179: tensor<i32>, %180: tensor<f32>, %181: tensor<i32>):
      %182 = "stablehlo.compare"(%178, %180) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %183 = "stablehlo.compare"(%178, %178) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %184 = "stablehlo.or"(%182, %183) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %185 = "stablehlo.compare"(%178, %180) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %186 = "stablehlo.compare"(%179, %181) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %187 = "stablehlo.and"(%185, %186) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %188 = "stablehlo.or"(%184, %187) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %189 = "stablehlo.select"(%184, %178, %180) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
      %190 = "stablehlo.select"(%188, %179, %181) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%189, %190) : (tensor<f32>, tensor<i32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<8x16x8xi32>, tensor<f32>, tensor<i32>) -> (tensor<8x16xf32>, tensor<8x16xi32>)
    // h1.combine.mask1_raw: f32[G@x, S, E] = one_hot(h1.combine.idx1) (line 55)
    %191 = "stablehlo.broadcast_in_dim"(%177#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x8xi32>
    %192 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %193 = "stablehlo.compare"(%191, %192) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x8xi32>, tensor<8x16x8xi32>) -> tensor<8x16x8xi1>
    %h1.combine.mask1_raw = "stablehlo.convert"(%193) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // h1.combine.c2: f32[] = constant() (line 55)
    %h1.combine.c2 = "stablehlo.constant"() <{value = dense<2.0> : tensor<f32>}> : () -> tensor<f32>
    // h1.combine.mask1_x2: f32[G@x, S, E] = mul(h1.combine.mask1_raw, h1.combine.c2) (line 55)
    %196 = "stablehlo.broadcast_in_dim"(%h1.combine.c2) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %h1.combine.mask1_x2 = "stablehlo.multiply"(%h1.combine.mask1_raw, %196) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.gates_without_first: f32[G@x, S, E] = sub(h1.combine.gates, h1.combine.mask1_x2) (line 55)
    %h1.combine.gates_without_first = "stablehlo.subtract"(%h1.combine.gates, %h1.combine.mask1_x2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.idx2: i32[G@x, S] = argmax(h1.combine.gates_without_first) (line 55)
    %199 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %200 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %201 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %202:2 = "stablehlo.reduce"(%h1.combine.gates_without_first, %199, %200, %201) <{dimensions = array<i64: 2>}> ({
    ^bb0(%203: tensor<f32>, %204: tensor<i32>, %205: tensor<f32>, %206: tensor<i32>):
      %207 = "stablehlo.compare"(%203, %205) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %208 = "stablehlo.compare"(%203, %203) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %209 = "stablehlo.or"(%207, %208) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %210 = "stablehlo.compare"(%203, %205) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %211 = "stablehlo.compare"(%204, %206) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %212 = "stablehlo.and"(%210, %211) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %213 = "stablehlo.or"(%209, %212) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %214 = "stablehlo.select"(%209, %203, %205) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
      %215 = "stablehlo.select"(%213, %204, %206) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%214, %215) : (tensor<f32>, tensor<i32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<8x16x8xi32>, tensor<f32>, tensor<i32>) -> (tensor<8x16xf32>, tensor<8x16xi32>)
    // h1.combine.mask2_raw: f32[G@x, S, E] = one_hot(h1.combine.idx2) (line 55)
    %216 = "stablehlo.broadcast_in_dim"(%202#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x8xi32>
    %217 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %218 = "stablehlo.compare"(%216, %217) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x8xi32>, tensor<8x16x8xi32>) -> tensor<8x16x8xi1>
    %h1.combine.mask2_raw = "stablehlo.convert"(%218) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // h1.combine.gate1_sel: f32[G@x, S, E] = mul(h1.combine.gates, h1.combine.mask1_raw) (line 55)
    %h1.combine.gate1_sel = "stablehlo.multiply"(%h1.combine.gates, %h1.combine.mask1_raw) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.gate1_raw: f32[G@x, S] = reduce_sum(h1.combine.gate1_sel) (line 55)
    %221 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.gate1_raw = "stablehlo.reduce"(%h1.combine.gate1_sel, %221) <{dimensions = array<i64: 2>}> ({
    ^bb0(%223: tensor<f32>, %224: tensor<f32>):
      %225 = "stablehlo.add"(%223, %224) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%225) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // h1.combine.gate2_sel: f32[G@x, S, E] = mul(h1.combine.gates, h1.combine.mask2_raw) (line 55)
    %h1.combine.gate2_sel = "stablehlo.multiply"(%h1.combine.gates, %h1.combine.mask2_raw) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.gate2_raw: f32[G@x, S] = reduce_sum(h1.combine.gate2_sel) (line 55)
    %227 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.gate2_raw = "stablehlo.reduce"(%h1.combine.gate2_sel, %227) <{dimensions = array<i64: 2>}> ({
    ^bb0(%229: tensor<f32>, %230: tensor<f32>):
      %231 = "stablehlo.add"(%229, %230) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%231) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // h1.combine.gate_sum: f32[G@x, S] = add(h1.combine.gate1_raw, h1.combine.gate2_raw) (line 55)
    %h1.combine.gate_sum = "stablehlo.add"(%h1.combine.gate1_raw, %h1.combine.gate2_raw) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.combine.gate1: f32[G@x, S] = div(h1.combine.gate1_raw, h1.combine.gate_sum) (line 55)
    %h1.combine.gate1 = "stablehlo.divide"(%h1.combine.gate1_raw, %h1.combine.gate_sum) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.combine.gate2: f32[G@x, S] = div(h1.combine.gate2_raw, h1.combine.gate_sum) (line 55)
    %h1.combine.gate2 = "stablehlo.divide"(%h1.combine.gate2_raw, %h1.combine.gate_sum) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.combine.density1: f32[G@x, E] = reduce_mean(h1.combine.mask1_raw) (line 55)
    %235 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %236 = "stablehlo.reduce"(%h1.combine.mask1_raw, %235) <{dimensions = array<i64: 1>}> ({
    ^bb0(%237: tensor<f32>, %238: tensor<f32>):
      %239 = "stablehlo.add"(%237, %238) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%239) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    %240 = "stablehlo.constant"() <{value = dense<16.0> : tensor<8x8xf32>}> : () -> tensor<8x8xf32>
    %h1.combine.density1 = "stablehlo.divide"(%236, %240) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // h1.combine.density1_proxy: f32[G@x, E] = reduce_mean(h1.combine.gates) (line 55)
    %242 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %243 = "stablehlo.reduce"(%h1.combine.gates, %242) <{dimensions = array<i64: 1>}> ({
    ^bb0(%244: tensor<f32>, %245: tensor<f32>):
      %246 = "stablehlo.add"(%244, %245) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%246) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    %247 = "stablehlo.constant"() <{value = dense<16.0> : tensor<8x8xf32>}> : () -> tensor<8x8xf32>
    %h1.combine.density1_proxy = "stablehlo.divide"(%243, %247) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // h1.combine.density_product: f32[G@x, E] = mul(h1.combine.density1, h1.combine.density1_proxy) (line 55)
    %h1.combine.density_product = "stablehlo.multiply"(%h1.combine.density1, %h1.combine.density1_proxy) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // h1.aux: f32[] = reduce_mean(h1.combine.density_product) (line 55)
    %250 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %251 = "stablehlo.reduce"(%h1.combine.density_product, %250) <{dimensions = array<i64: 0, 1>}> ({
    ^bb0(%252: tensor<f32>, %253: tensor<f32>):
      %254 = "stablehlo.add"(%252, %253) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%254) : (tensor<f32>) -> ()
    }) : (tensor<8x8xf32>, tensor<f32>) -> tensor<f32>
    %255 = "stablehlo.constant"() <{value = dense<64.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.aux = "stablehlo.divide"(%251, %255) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    // h1.combine.c4: f32[] = constant() (line 55)
    %h1.combine.c4 = "stablehlo.constant"() <{value = dense<4.0> : tensor<f32>}> : () -> tensor<f32>
    // h1.combine.pos1: f32[G@x, S, E] = cumsum(h1.combine.mask1_raw) (line 55)
    %258 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %259 = "stablehlo.pad"(%h1.combine.mask1_raw, %258) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    %h1.combine.pos1 = "stablehlo.reduce_window"(%259, %258) <{window_dimensions = array<i64: 1, 16, 1>, padding = dense<[[0, 0], [15, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%261: tensor<f32>, %262: tensor<f32>):
      %263 = "stablehlo.add"(%261, %262) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%263) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    // h1.combine.fits1: f32[G@x, S, E] = lt(h1.combine.pos1, h1.combine.c4) (line 55)
    %264 = "stablehlo.broadcast_in_dim"(%h1.combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %265 = "stablehlo.compare"(%h1.combine.pos1, %264) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xi1>
    %h1.combine.fits1 = "stablehlo.convert"(%265) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // h1.combine.mask1: f32[G@x, S, E] = mul(h1.combine.mask1_raw, h1.combine.fits1) (line 55)
    %h1.combine.mask1 = "stablehlo.multiply"(%h1.combine.mask1_raw, %h1.combine.fits1) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.kept1_count: f32[G@x, E] = reduce_sum(h1.combine.mask1) (line 55)
    %268 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.kept1_count = "stablehlo.reduce"(%h1.combine.mask1, %268) <{dimensions = array<i64: 1>}> ({
    ^bb0(%270: tensor<f32>, %271: tensor<f32>):
      %272 = "stablehlo.add"(%270, %271) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%272) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    // h1.combine.pos2_local: f32[G@x, S, E] = cumsum(h1.combine.mask2_raw) (line 55)
    %273 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %274 = "stablehlo.pad"(%h1.combine.mask2_raw, %273) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    %h1.combine.pos2_local = "stablehlo.reduce_window"(%274, %273) <{window_dimensions = array<i64: 1, 16, 1>, padding = dense<[[0, 0], [15, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%276: tensor<f32>, %277: tensor<f32>):
      %278 = "stablehlo.add"(%276, %277) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%278) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    // h1.combine.pos2: f32[G@x, S, E] = add(h1.combine.pos2_local, h1.combine.kept1_count) (line 55)
    %279 = "stablehlo.broadcast_in_dim"(%h1.combine.kept1_count) <{broadcast_dimensions = array<i64: 0, 2>}> : (tensor<8x8xf32>) -> tensor<8x16x8xf32>
    %h1.combine.pos2 = "stablehlo.add"(%h1.combine.pos2_local, %279) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.fits2: f32[G@x, S, E] = lt(h1.combine.pos2, h1.combine.c4) (line 55)
    %281 = "stablehlo.broadcast_in_dim"(%h1.combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %282 = "stablehlo.compare"(%h1.combine.pos2, %281) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xi1>
    %h1.combine.fits2 = "stablehlo.convert"(%282) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // h1.combine.mask2: f32[G@x, S, E] = mul(h1.combine.mask2_raw, h1.combine.fits2) (line 55)
    %h1.combine.mask2 = "stablehlo.multiply"(%h1.combine.mask2_raw, %h1.combine.fits2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.slot1_sel: f32[G@x, S, E] = mul(h1.combine.pos1, h1.combine.mask1) (line 55)
    %h1.combine.slot1_sel = "stablehlo.multiply"(%h1.combine.pos1, %h1.combine.mask1) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.slot1_f: f32[G@x, S] = reduce_sum(h1.combine.slot1_sel) (line 55)
    %286 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.slot1_f = "stablehlo.reduce"(%h1.combine.slot1_sel, %286) <{dimensions = array<i64: 2>}> ({
    ^bb0(%288: tensor<f32>, %289: tensor<f32>):
      %290 = "stablehlo.add"(%288, %289) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%290) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // h1.combine.slot1: i32[G@x, S] = cast(h1.combine.slot1_f) (line 55)
    %h1.combine.slot1 = "stablehlo.convert"(%h1.combine.slot1_f) : (tensor<8x16xf32>) -> tensor<8x16xi32>
    // h1.combine.slot1_hot: f32[G@x, S, C] = one_hot(h1.combine.slot1) (line 55)
    %292 = "stablehlo.broadcast_in_dim"(%h1.combine.slot1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x4xi32>
    %293 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x4xi32>
    %294 = "stablehlo.compare"(%292, %293) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x4xi32>, tensor<8x16x4xi32>) -> tensor<8x16x4xi1>
    %h1.combine.slot1_hot = "stablehlo.convert"(%294) : (tensor<8x16x4xi1>) -> tensor<8x16x4xf32>
    // h1.combine.weight1: f32[G@x, S, E] = mul(h1.combine.mask1, h1.combine.gate1) (line 55)
    %296 = "stablehlo.broadcast_in_dim"(%h1.combine.gate1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %h1.combine.weight1 = "stablehlo.multiply"(%h1.combine.mask1, %296) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.combine1: f32[G@x, S, E, C] = einsum(h1.combine.weight1, h1.combine.slot1_hot) (line 55)
    %h1.combine.combine1 = "stablehlo.dot_general"(%h1.combine.weight1, %h1.combine.slot1_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8xf32>, tensor<8x16x4xf32>) -> tensor<8x16x8x4xf32>
    // h1.combine.slot2_sel: f32[G@x, S, E] = mul(h1.combine.pos2, h1.combine.mask2) (line 55)
    %h1.combine.slot2_sel = "stablehlo.multiply"(%h1.combine.pos2, %h1.combine.mask2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.slot2_f: f32[G@x, S] = reduce_sum(h1.combine.slot2_sel) (line 55)
    %300 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.slot2_f = "stablehlo.reduce"(%h1.combine.slot2_sel, %300) <{dimensions = array<i64: 2>}> ({
    ^bb0(%302: tensor<f32>, %303: tensor<f32>):
      %304 = "stablehlo.add"(%302, %303) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%304) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // h1.combine.slot2: i32[G@x, S] = cast(h1.combine.slot2_f) (line 55)
    %h1.combine.slot2 = "stablehlo.convert"(%h1.combine.slot2_f) : (tensor<8x16xf32>) -> tensor<8x16xi32>
    // h1.combine.slot2_hot: f32[G@x, S, C] = one_hot(h1.combine.slot2) (line 55)
    %306 = "stablehlo.broadcast_in_dim"(%h1.combine.slot2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x4xi32>
    %307 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x4xi32>
    %308 = "stablehlo.compare"(%306, %307) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x4xi32>, tensor<8x16x4xi32>) -> tensor<8x16x4xi1>
    %h1.combine.slot2_hot = "stablehlo.convert"(%308) : (tensor<8x16x4xi1>) -> tensor<8x16x4xf32>
    // h1.combine.weight2: f32[G@x, S, E] = mul(h1.combine.mask2, h1.combine.gate2) (line 55)
    %310 = "stablehlo.broadcast_in_dim"(%h1.combine.gate2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %h1.combine.weight2 = "stablehlo.multiply"(%h1.combine.mask2, %310) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.combine2: f32[G@x, S, E, C] = einsum(h1.combine.weight2, h1.combine.slot2_hot) (line 55)
    %h1.combine.combine2 = "stablehlo.dot_general"(%h1.combine.weight2, %h1.combine.slot2_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8xf32>, tensor<8x16x4xf32>) -> tensor<8x16x8x4xf32>
    // h1.combine: f32[G@x, S, E, C] = add(h1.combine.combine1, h1.combine.combine2) (line 55)
    %h1.combine = "stablehlo.add"(%h1.combine.combine1, %h1.combine.combine2) : (tensor<8x16x8x4xf32>, tensor<8x16x8x4xf32>) -> tensor<8x16x8x4xf32>
    // h1.combine.c0: f32[] = constant() (line 55)
    %h1.combine.c0 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // h1.dispatch: f32[G@x, S, E, C] = gt(h1.combine, h1.combine.c0) (line 55)
    %315 = "stablehlo.broadcast_in_dim"(%h1.combine.c0) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8x4xf32>
    %316 = "stablehlo.compare"(%h1.combine, %315) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8x4xf32>, tensor<8x16x8x4xf32>) -> tensor<8x16x8x4xi1>
    %h1.dispatch = "stablehlo.convert"(%316) : (tensor<8x16x8x4xi1>) -> tensor<8x16x8x4xf32>
    // h1.expert_inputs: f32[E@x, G, C, M] = einsum(h1.dispatch, h1.inputs) (line 56)
    %318 = "stablehlo.dot_general"(%h1.dispatch, %h1.inputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x4xf32>, tensor<8x16x32xf32>) -> tensor<8x8x4x32xf32>
    %h1.expert_inputs = "stablehlo.transpose"(%318) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<8x8x4x32xf32>) -> tensor<8x8x4x32xf32>
    // h1.h.x: f32[E@x, G, C, H] = einsum(h1.expert_inputs, h1.wi) (line 57)
    %h1.h.x = "stablehlo.dot_general"(%h1.expert_inputs, %h1.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x4x32xf32>, tensor<8x32x64xf32>) -> tensor<8x8x4x64xf32>
    // h1.h: f32[E@x, G, C, H] = gelu(h1.h.x) (line 57)
    %321 = "stablehlo.multiply"(%h1.h.x, %h1.h.x) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %322 = "stablehlo.multiply"(%321, %h1.h.x) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %323 = "stablehlo.constant"() <{value = dense<0.044715> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %324 = "stablehlo.multiply"(%323, %322) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %325 = "stablehlo.add"(%h1.h.x, %324) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %326 = "stablehlo.constant"() <{value = dense<0.7978845608028654> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %327 = "stablehlo.multiply"(%326, %325) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %328 = "stablehlo.tanh"(%327) : (tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %329 = "stablehlo.constant"() <{value = dense<0.5> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %330 = "stablehlo.constant"() <{value = dense<1.0> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %331 = "stablehlo.add"(%330, %328) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %332 = "stablehlo.multiply"(%329, %331) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %h1.h = "stablehlo.multiply"(%h1.h.x, %332) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    // h1.expert_outputs: f32[G, E@x, C, M] = einsum(h1.h, h1.wo) (line 58)
    %334 = "stablehlo.dot_general"(%h1.h, %h1.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x4x64xf32>, tensor<8x64x32xf32>) -> tensor<8x8x4x32xf32>
    %h1.expert_outputs = "stablehlo.transpose"(%334) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<8x8x4x32xf32>) -> tensor<8x8x4x32xf32>
    // h1.outputs: f32[G@x, S, M] = einsum(h1.combine, h1.expert_outputs) (line 59)
    %h1.outputs = "stablehlo.dot_general"(%h1.combine, %h1.expert_outputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [1, 2]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x4xf32>, tensor<8x8x4x32xf32>) -> tensor<8x16x32xf32>
    // h1.result.1: f32[B@x, L, M] = reshape(h1.outputs) (line 60)
    %h1.result.1 = "stablehlo.reshape"(%h1.outputs) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.result: f32[B@x, L, M] = add(h1.arg0.result, h1.result.1) (line 60)
    %h1.result = "stablehlo.add"(%h1.arg0.result, %h1.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // logits.operands0.0.sq: f32[B@x, L, M] = square(h1.result) (line 70)
    %logits.operands0.0.sq = "stablehlo.multiply"(%h1.result, %h1.result) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // logits.operands0.0.mean_sq: f32[B@x, L] = reduce_mean(logits.operands0.0.sq) (line 70)
    %340 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %341 = "stablehlo.reduce"(%logits.operands0.0.sq, %340) <{dimensions = array<i64: 2>}> ({
    ^bb0(%342: tensor<f32>, %343: tensor<f32>):
      %344 = "stablehlo.add"(%342, %343) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%344) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %345 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16xf32>}> : () -> tensor<8x16xf32>
    %logits.operands0.0.mean_sq = "stablehlo.divide"(%341, %345) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // logits.operands0.0.eps: f32[] = constant() (line 70)
    %logits.operands0.0.eps = "stablehlo.constant"() <{value = dense<0.000001> : tensor<f32>}> : () -> tensor<f32>
    // logits.operands0.0.var: f32[B@x, L] = add(logits.operands0.0.mean_sq, logits.operands0.0.eps) (line 70)
    %348 = "stablehlo.broadcast_in_dim"(%logits.operands0.0.eps) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16xf32>
    %logits.operands0.0.var = "stablehlo.add"(%logits.operands0.0.mean_sq, %348) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // logits.operands0.0.inv: f32[B@x, L] = rsqrt(logits.operands0.0.var) (line 70)
    %logits.operands0.0.inv = "stablehlo.rsqrt"(%logits.operands0.0.var) : (tensor<8x16xf32>) -> tensor<8x16xf32>
    // logits.operands0.0: f32[B@x, L, M] = mul(h1.result, logits.operands0.0.inv) (line 70)
    %351 = "stablehlo.broadcast_in_dim"(%logits.operands0.0.inv) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %logits.operands0.0 = "stablehlo.multiply"(%h1.result, %351) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // logits.operands0: f32[B@x, L, M] = mul(logits.operands0.0, final_norm) (line 70)
    %353 = "stablehlo.broadcast_in_dim"(%final_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %logits.operands0 = "stablehlo.multiply"(%logits.operands0.0, %353) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // logits: f32[B@x, L, V] = einsum(logits.operands0, embedding) (line 70)
    %logits = "stablehlo.dot_general"(%logits.operands0, %embedding) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<64x32xf32>) -> tensor<8x16x64xf32>
    // loss.0.x.max: f32[B@x, L] = reduce_max(logits) (line 71)
    %356 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %loss.0.x.max = "stablehlo.reduce"(%logits, %356) <{dimensions = array<i64: 2>}> ({
    ^bb0(%358: tensor<f32>, %359: tensor<f32>):
      %360 = "stablehlo.maximum"(%358, %359) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%360) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    // loss.0.x.shifted: f32[B@x, L, V] = sub(logits, loss.0.x.max) (line 71)
    %361 = "stablehlo.broadcast_in_dim"(%loss.0.x.max) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %loss.0.x.shifted = "stablehlo.subtract"(%logits, %361) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // loss.0.x.exp: f32[B@x, L, V] = exp(loss.0.x.shifted) (line 71)
    %loss.0.x.exp = "stablehlo.exponential"(%loss.0.x.shifted) : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // loss.0.x.sum_exp: f32[B@x, L] = reduce_sum(loss.0.x.exp) (line 71)
    %364 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %loss.0.x.sum_exp = "stablehlo.reduce"(%loss.0.x.exp, %364) <{dimensions = array<i64: 2>}> ({
    ^bb0(%366: tensor<f32>, %367: tensor<f32>):
      %368 = "stablehlo.add"(%366, %367) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%368) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    // loss.0.x.log_sum: f32[B@x, L] = log(loss.0.x.sum_exp) (line 71)
    %loss.0.x.log_sum = "stablehlo.log"(%loss.0.x.sum_exp) : (tensor<8x16xf32>) -> tensor<8x16xf32>
    // loss.0.x.lse: f32[B@x, L] = add(loss.0.x.max, loss.0.x.log_sum) (line 71)
    %loss.0.x.lse = "stablehlo.add"(%loss.0.x.max, %loss.0.x.log_sum) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // loss.0.x.target_hot: f32[B@x, L, V] = one_hot(targets) (line 71)
    %371 = "stablehlo.broadcast_in_dim"(%targets) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x64xi32>
    %372 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x64xi32>
    %373 = "stablehlo.compare"(%371, %372) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x64xi32>, tensor<8x16x64xi32>) -> tensor<8x16x64xi1>
    %loss.0.x.target_hot = "stablehlo.convert"(%373) : (tensor<8x16x64xi1>) -> tensor<8x16x64xf32>
    // loss.0.x.target_sel: f32[B@x, L, V] = mul(logits, loss.0.x.target_hot) (line 71)
    %loss.0.x.target_sel = "stablehlo.multiply"(%logits, %loss.0.x.target_hot) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // loss.0.x.target_logit: f32[B@x, L] = reduce_sum(loss.0.x.target_sel) (line 71)
    %376 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %loss.0.x.target_logit = "stablehlo.reduce"(%loss.0.x.target_sel, %376) <{dimensions = array<i64: 2>}> ({
    ^bb0(%378: tensor<f32>, %379: tensor<f32>):
      %380 = "stablehlo.add"(%378, %379) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%380) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    // loss.0.x: f32[B@x, L] = sub(loss.0.x.lse, loss.0.x.target_logit) (line 71)
    %loss.0.x = "stablehlo.subtract"(%loss.0.x.lse, %loss.0.x.target_logit) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // loss.0: f32[] = reduce_mean(loss.0.x) (line 71)
    %382 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %383 = "stablehlo.reduce"(%loss.0.x, %382) <{dimensions = array<i64: 0, 1>}> ({
    ^bb0(%384: tensor<f32>, %385: tensor<f32>):
      %386 = "stablehlo.add"(%384, %385) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%386) : (tensor<f32>) -> ()
    }) : (tensor<8x16xf32>, tensor<f32>) -> tensor<f32>
    %387 = "stablehlo.constant"() <{value = dense<128.0> : tensor<f32>}> : () -> tensor<f32>
    %loss.0 = "stablehlo.divide"(%383, %387) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    // loss.1.c: f32[] = constant() (line 71)
    %loss.1.c = "stablehlo.constant"() <{value = dense<0.01> : tensor<f32>}> : () -> tensor<f32>
    // loss.1: f32[] = mul(loss.1.c, h1.aux) (line 71)
    %loss.1 = "stablehlo.multiply"(%loss.1.c, %h1.aux) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    // loss: f32[] = add(loss.0, loss.1) (line 71)
    %loss = "stablehlo.add"(%loss.0, %loss.1) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "func.return"(%loss, %logits) : (tensor<f32>, tensor<8x16x64xf32>) -> ()
  }
}
