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
    // h0.arg0.xn.0: f32[B@x, L, M] = rms_norm(x) (line 30)
    %3 = "stablehlo.multiply"(%x, %x) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %4 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %5 = "stablehlo.reduce"(%3, %4) <{dimensions = array<i64: 2>}> ({
    ^bb0(%6: tensor<f32>, %7: tensor<f32>):
      %8 = "stablehlo.add"(%6, %7) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%8) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %9 = "stablehlo.broadcast_in_dim"(%5) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %10 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %11 = "stablehlo.divide"(%9, %10) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %12 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %13 = "stablehlo.add"(%11, %12) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %14 = "stablehlo.rsqrt"(%13) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %h0.arg0.xn.0 = "stablehlo.multiply"(%x, %14) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.arg0.xn: f32[B@x, L, M] = mul(h0.arg0.xn.0, h0.arg0.norm) (line 30)
    %16 = "stablehlo.broadcast_in_dim"(%h0.arg0.norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %h0.arg0.xn = "stablehlo.multiply"(%h0.arg0.xn.0, %16) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
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
    %23 = "stablehlo.broadcast_in_dim"(%h0.arg0.causal.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %24 = "stablehlo.broadcast_in_dim"(%h0.arg0.causal.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %h0.arg0.causal = "stablehlo.compare"(%23, %24) <{comparison_direction = #stablehlo<comparison_direction LE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x16xi32>, tensor<16x16xi32>) -> tensor<16x16xi1>
    // h0.arg0.scores.a.0: f32[B@x, N, L, T] = einsum(h0.arg0.q, h0.arg0.k) (line 35)
    %h0.arg0.scores.a.0 = "stablehlo.dot_general"(%h0.arg0.q, %h0.arg0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x16xf32>
    // h0.arg0.scores.a.c: f32[] = constant() (line 35)
    %h0.arg0.scores.a.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // h0.arg0.scores.a: f32[B@x, N, L, T] = mul(h0.arg0.scores.a.0, h0.arg0.scores.a.c) (line 35)
    %28 = "stablehlo.broadcast_in_dim"(%h0.arg0.scores.a.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %h0.arg0.scores.a = "stablehlo.multiply"(%h0.arg0.scores.a.0, %28) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h0.arg0.scores.b.neg: f32[] = constant() (line 35)
    %h0.arg0.scores.b.neg = "stablehlo.constant"() <{value = dense<1000000000.0> : tensor<f32>}> : () -> tensor<f32>
    // h0.arg0.scores.b: f32[] = neg(h0.arg0.scores.b.neg) (line 35)
    %h0.arg0.scores.b = "stablehlo.negate"(%h0.arg0.scores.b.neg) : (tensor<f32>) -> tensor<f32>
    // h0.arg0.scores: f32[B@x, N, L, T] = select(h0.arg0.causal, h0.arg0.scores.a, h0.arg0.scores.b) (line 35)
    %32 = "stablehlo.transpose"(%h0.arg0.causal) <{permutation = array<i64: 1, 0>}> : (tensor<16x16xi1>) -> tensor<16x16xi1>
    %33 = "stablehlo.broadcast_in_dim"(%32) <{broadcast_dimensions = array<i64: 2, 3>}> : (tensor<16x16xi1>) -> tensor<8x4x16x16xi1>
    %34 = "stablehlo.broadcast_in_dim"(%h0.arg0.scores.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %h0.arg0.scores = "stablehlo.select"(%33, %h0.arg0.scores.a, %34) : (tensor<8x4x16x16xi1>, tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h0.arg0.context.operands0: f32[B@x, N, L, T] = softmax(h0.arg0.scores) (line 36)
    %36 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %37 = "stablehlo.reduce"(%h0.arg0.scores, %36) <{dimensions = array<i64: 3>}> ({
    ^bb0(%38: tensor<f32>, %39: tensor<f32>):
      %40 = "stablehlo.maximum"(%38, %39) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%40) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %41 = "stablehlo.broadcast_in_dim"(%37) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %42 = "stablehlo.subtract"(%h0.arg0.scores, %41) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %43 = "stablehlo.exponential"(%42) : (tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %44 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %45 = "stablehlo.reduce"(%43, %44) <{dimensions = array<i64: 3>}> ({
    ^bb0(%46: tensor<f32>, %47: tensor<f32>):
      %48 = "stablehlo.add"(%46, %47) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%48) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %49 = "stablehlo.broadcast_in_dim"(%45) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %h0.arg0.context.operands0 = "stablehlo.divide"(%43, %49) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h0.arg0.context: f32[B@x, L, N, K] = einsum(h0.arg0.context.operands0, h0.arg0.v) (line 36)
    %51 = "stablehlo.dot_general"(%h0.arg0.context.operands0, %h0.arg0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x4x16x16xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x8xf32>
    %h0.arg0.context = "stablehlo.transpose"(%51) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x4x16x8xf32>) -> tensor<8x16x4x8xf32>
    // h0.arg0.result.1: f32[B@x, L, M] = einsum(h0.arg0.context, h0.arg0.wo) (line 37)
    %h0.arg0.result.1 = "stablehlo.dot_general"(%h0.arg0.context, %h0.arg0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<4x8x32xf32>) -> tensor<8x16x32xf32>
    // h0.arg0.result: f32[B@x, L, M] = add(x, h0.arg0.result.1) (line 37)
    %h0.arg0.result = "stablehlo.add"(%x, %h0.arg0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.h.x.operands0.0: f32[B@x, L, M] = rms_norm(h0.arg0.result) (line 44)
    %55 = "stablehlo.multiply"(%h0.arg0.result, %h0.arg0.result) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %56 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %57 = "stablehlo.reduce"(%55, %56) <{dimensions = array<i64: 2>}> ({
    ^bb0(%58: tensor<f32>, %59: tensor<f32>):
      %60 = "stablehlo.add"(%58, %59) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%60) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %61 = "stablehlo.broadcast_in_dim"(%57) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %62 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %63 = "stablehlo.divide"(%61, %62) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %64 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %65 = "stablehlo.add"(%63, %64) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %66 = "stablehlo.rsqrt"(%65) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %h0.h.x.operands0.0 = "stablehlo.multiply"(%h0.arg0.result, %66) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.h.x.operands0: f32[B@x, L, M] = mul(h0.h.x.operands0.0, h0.norm) (line 44)
    %68 = "stablehlo.broadcast_in_dim"(%h0.norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %h0.h.x.operands0 = "stablehlo.multiply"(%h0.h.x.operands0.0, %68) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h0.h.x: f32[B@x, L, H] = einsum(h0.h.x.operands0, h0.wi) (line 44)
    %h0.h.x = "stablehlo.dot_general"(%h0.h.x.operands0, %h0.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x64xf32>) -> tensor<8x16x64xf32>
    // h0.h: f32[B@x, L, H] = gelu(h0.h.x) (line 44)
    %71 = "stablehlo.multiply"(%h0.h.x, %h0.h.x) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %72 = "stablehlo.multiply"(%71, %h0.h.x) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %73 = "stablehlo.constant"() <{value = dense<0.044715> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %74 = "stablehlo.multiply"(%73, %72) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %75 = "stablehlo.add"(%h0.h.x, %74) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %76 = "stablehlo.constant"() <{value = dense<0.7978845608028654> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %77 = "stablehlo.multiply"(%76, %75) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %78 = "stablehlo.tanh"(%77) : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %79 = "stablehlo.constant"() <{value = dense<0.5> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %80 = "stablehlo.constant"() <{value = dense<1.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %81 = "stablehlo.add"(%80, %78) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %82 = "stablehlo.multiply"(%79, %81) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %h0.h = "stablehlo.multiply"(%h0.h.x, %82) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // h0.result.1: f32[B@x, L, M] = einsum(h0.h, h0.wo) (line 45)
    %h0.result.1 = "stablehlo.dot_general"(%h0.h, %h0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x32xf32>) -> tensor<8x16x32xf32>
    // h0.result: f32[B@x, L, M] = add(h0.arg0.result, h0.result.1) (line 45)
    %h0.result = "stablehlo.add"(%h0.arg0.result, %h0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.arg0.xn.0: f32[B@x, L, M] = rms_norm(h0.result) (line 30)
    %86 = "stablehlo.multiply"(%h0.result, %h0.result) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %87 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %88 = "stablehlo.reduce"(%86, %87) <{dimensions = array<i64: 2>}> ({
    ^bb0(%89: tensor<f32>, %90: tensor<f32>):
      %91 = "stablehlo.add"(%89, %90) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%91) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %92 = "stablehlo.broadcast_in_dim"(%88) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %93 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %94 = "stablehlo.divide"(%92, %93) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %95 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %96 = "stablehlo.add"(%94, %95) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %97 = "stablehlo.rsqrt"(%96) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %h1.arg0.xn.0 = "stablehlo.multiply"(%h0.result, %97) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.arg0.xn: f32[B@x, L, M] = mul(h1.arg0.xn.0, h1.arg0.norm) (line 30)
    %99 = "stablehlo.broadcast_in_dim"(%h1.arg0.norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %h1.arg0.xn = "stablehlo.multiply"(%h1.arg0.xn.0, %99) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
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
    %106 = "stablehlo.broadcast_in_dim"(%h1.arg0.causal.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %107 = "stablehlo.broadcast_in_dim"(%h1.arg0.causal.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %h1.arg0.causal = "stablehlo.compare"(%106, %107) <{comparison_direction = #stablehlo<comparison_direction LE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x16xi32>, tensor<16x16xi32>) -> tensor<16x16xi1>
    // h1.arg0.scores.a.0: f32[B@x, N, L, T] = einsum(h1.arg0.q, h1.arg0.k) (line 35)
    %h1.arg0.scores.a.0 = "stablehlo.dot_general"(%h1.arg0.q, %h1.arg0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x16xf32>
    // h1.arg0.scores.a.c: f32[] = constant() (line 35)
    %h1.arg0.scores.a.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // h1.arg0.scores.a: f32[B@x, N, L, T] = mul(h1.arg0.scores.a.0, h1.arg0.scores.a.c) (line 35)
    %111 = "stablehlo.broadcast_in_dim"(%h1.arg0.scores.a.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %h1.arg0.scores.a = "stablehlo.multiply"(%h1.arg0.scores.a.0, %111) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h1.arg0.scores.b.neg: f32[] = constant() (line 35)
    %h1.arg0.scores.b.neg = "stablehlo.constant"() <{value = dense<1000000000.0> : tensor<f32>}> : () -> tensor<f32>
    // h1.arg0.scores.b: f32[] = neg(h1.arg0.scores.b.neg) (line 35)
    %h1.arg0.scores.b = "stablehlo.negate"(%h1.arg0.scores.b.neg) : (tensor<f32>) -> tensor<f32>
    // h1.arg0.scores: f32[B@x, N, L, T] = select(h1.arg0.causal, h1.arg0.scores.a, h1.arg0.scores.b) (line 35)
    %115 = "stablehlo.transpose"(%h1.arg0.causal) <{permutation = array<i64: 1, 0>}> : (tensor<16x16xi1>) -> tensor<16x16xi1>
    %116 = "stablehlo.broadcast_in_dim"(%115) <{broadcast_dimensions = array<i64: 2, 3>}> : (tensor<16x16xi1>) -> tensor<8x4x16x16xi1>
    %117 = "stablehlo.broadcast_in_dim"(%h1.arg0.scores.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %h1.arg0.scores = "stablehlo.select"(%116, %h1.arg0.scores.a, %117) : (tensor<8x4x16x16xi1>, tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h1.arg0.context.operands0: f32[B@x, N, L, T] = softmax(h1.arg0.scores) (line 36)
    %119 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %120 = "stablehlo.reduce"(%h1.arg0.scores, %119) <{dimensions = array<i64: 3>}> ({
    ^bb0(%121: tensor<f32>, %122: tensor<f32>):
      %123 = "stablehlo.maximum"(%121, %122) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%123) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %124 = "stablehlo.broadcast_in_dim"(%120) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %125 = "stablehlo.subtract"(%h1.arg0.scores, %124) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %126 = "stablehlo.exponential"(%125) : (tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %127 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %128 = "stablehlo.reduce"(%126, %127) <{dimensions = array<i64: 3>}> ({
    ^bb0(%129: tensor<f32>, %130: tensor<f32>):
      %131 = "stablehlo.add"(%129, %130) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%131) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %132 = "stablehlo.broadcast_in_dim"(%128) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %h1.arg0.context.operands0 = "stablehlo.divide"(%126, %132) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // h1.arg0.context: f32[B@x, L, N, K] = einsum(h1.arg0.context.operands0, h1.arg0.v) (line 36)
    %134 = "stablehlo.dot_general"(%h1.arg0.context.operands0, %h1.arg0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x4x16x16xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x8xf32>
    %h1.arg0.context = "stablehlo.transpose"(%134) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x4x16x8xf32>) -> tensor<8x16x4x8xf32>
    // h1.arg0.result.1: f32[B@x, L, M] = einsum(h1.arg0.context, h1.arg0.wo) (line 37)
    %h1.arg0.result.1 = "stablehlo.dot_general"(%h1.arg0.context, %h1.arg0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<4x8x32xf32>) -> tensor<8x16x32xf32>
    // h1.arg0.result: f32[B@x, L, M] = add(h0.result, h1.arg0.result.1) (line 37)
    %h1.arg0.result = "stablehlo.add"(%h0.result, %h1.arg0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.inputs.x.0: f32[B@x, L, M] = rms_norm(h1.arg0.result) (line 54)
    %138 = "stablehlo.multiply"(%h1.arg0.result, %h1.arg0.result) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %139 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %140 = "stablehlo.reduce"(%138, %139) <{dimensions = array<i64: 2>}> ({
    ^bb0(%141: tensor<f32>, %142: tensor<f32>):
      %143 = "stablehlo.add"(%141, %142) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%143) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %144 = "stablehlo.broadcast_in_dim"(%140) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %145 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %146 = "stablehlo.divide"(%144, %145) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %147 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %148 = "stablehlo.add"(%146, %147) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %149 = "stablehlo.rsqrt"(%148) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %h1.inputs.x.0 = "stablehlo.multiply"(%h1.arg0.result, %149) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.inputs.x: f32[B@x, L, M] = mul(h1.inputs.x.0, h1.norm) (line 54)
    %151 = "stablehlo.broadcast_in_dim"(%h1.norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %h1.inputs.x = "stablehlo.multiply"(%h1.inputs.x.0, %151) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.inputs: f32[G@x, S, M] = reshape(h1.inputs.x) (line 54)
    %h1.inputs = "stablehlo.reshape"(%h1.inputs.x) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.combine.logits: f32[G@x, S, E] = einsum(h1.inputs, h1.wg) (line 55)
    %h1.combine.logits = "stablehlo.dot_general"(%h1.inputs, %h1.wg) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.gates: f32[G@x, S, E] = softmax(h1.combine.logits) (line 55)
    %155 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %156 = "stablehlo.reduce"(%h1.combine.logits, %155) <{dimensions = array<i64: 2>}> ({
    ^bb0(%157: tensor<f32>, %158: tensor<f32>):
      %159 = "stablehlo.maximum"(%157, %158) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%159) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    %160 = "stablehlo.broadcast_in_dim"(%156) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %161 = "stablehlo.subtract"(%h1.combine.logits, %160) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    %162 = "stablehlo.exponential"(%161) : (tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    %163 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %164 = "stablehlo.reduce"(%162, %163) <{dimensions = array<i64: 2>}> ({
    ^bb0(%165: tensor<f32>, %166: tensor<f32>):
      %167 = "stablehlo.add"(%165, %166) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%167) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    %168 = "stablehlo.broadcast_in_dim"(%164) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %h1.combine.gates = "stablehlo.divide"(%162, %168) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.idx1: i32[G@x, S] = argmax(h1.combine.gates) (line 55)
    %170 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %171 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %172 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %173:2 = "stablehlo.reduce"(%h1.combine.gates, %170, %171, %172) <{dimensions = array<i64: 2>}> ({
    ^bb0(%174: tensor<f32>, %175: tensor<i32>, %176: tensor<f32>, %177: tensor<i32>):
      %178 = "stablehlo.compare"(%174, %176) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %179 = "stablehlo.compare"(%174, %174) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %180 = "stablehlo.or"(%178, %179) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %181 = "stablehlo.compare"(%174, %176) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %182 = "stablehlo.compare"(%175, %177) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %183 = "stablehlo.and"(%181, %182) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %184 = "stablehlo.or"(%180, %183) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %185 = "stablehlo.select"(%180, %174, %176) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
      %186 = "stablehlo.select"(%184, %175, %177) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%185, %186) : (tensor<f32>, tensor<i32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<8x16x8xi32>, tensor<f32>, tensor<i32>) -> (tensor<8x16xf32>, tensor<8x16xi32>)
    // h1.combine.mask1_raw: f32[G@x, S, E] = one_hot(h1.combine.idx1) (line 55)
    %187 = "stablehlo.broadcast_in_dim"(%173#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x8xi32>
    %188 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %189 = "stablehlo.compare"(%187, %188) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x8xi32>, tensor<8x16x8xi32>) -> tensor<8x16x8xi1>
    %h1.combine.mask1_raw = "stablehlo.convert"(%189) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // h1.combine.c2: f32[] = constant() (line 55)
    %h1.combine.c2 = "stablehlo.constant"() <{value = dense<2.0> : tensor<f32>}> : () -> tensor<f32>
    // h1.combine.mask1_x2: f32[G@x, S, E] = mul(h1.combine.mask1_raw, h1.combine.c2) (line 55)
    %192 = "stablehlo.broadcast_in_dim"(%h1.combine.c2) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %h1.combine.mask1_x2 = "stablehlo.multiply"(%h1.combine.mask1_raw, %192) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.gates_without_first: f32[G@x, S, E] = sub(h1.combine.gates, h1.combine.mask1_x2) (line 55)
    %h1.combine.gates_without_first = "stablehlo.subtract"(%h1.combine.gates, %h1.combine.mask1_x2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.idx2: i32[G@x, S] = argmax(h1.combine.gates_without_first) (line 55)
    %195 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %196 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %197 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %198:2 = "stablehlo.reduce"(%h1.combine.gates_without_first, %195, %196, %197) <{dimensions = array<i64: 2>}> ({
    ^bb0(%199: tensor<f32>, %200: tensor<i32>, %201: tensor<f32>, %202: tensor<i32>):
      %203 = "stablehlo.compare"(%199, %201) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %204 = "stablehlo.compare"(%199, %199) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %205 = "stablehlo.or"(%203, %204) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %206 = "stablehlo.compare"(%199, %201) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %207 = "stablehlo.compare"(%200, %202) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %208 = "stablehlo.and"(%206, %207) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %209 = "stablehlo.or"(%205, %208) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %210 = "stablehlo.select"(%205, %199, %201) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
      %211 = "stablehlo.select"(%209, %200, %202) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%210, %211) : (tensor<f32>, tensor<i32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<8x16x8xi32>, tensor<f32>, tensor<i32>) -> (tensor<8x16xf32>, tensor<8x16xi32>)
    // h1.combine.mask2_raw: f32[G@x, S, E] = one_hot(h1.combine.idx2) (line 55)
    %212 = "stablehlo.broadcast_in_dim"(%198#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x8xi32>
    %213 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %214 = "stablehlo.compare"(%212, %213) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x8xi32>, tensor<8x16x8xi32>) -> tensor<8x16x8xi1>
    %h1.combine.mask2_raw = "stablehlo.convert"(%214) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // h1.combine.gate1_sel: f32[G@x, S, E] = mul(h1.combine.gates, h1.combine.mask1_raw) (line 55)
    %h1.combine.gate1_sel = "stablehlo.multiply"(%h1.combine.gates, %h1.combine.mask1_raw) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.gate1_raw: f32[G@x, S] = reduce_sum(h1.combine.gate1_sel) (line 55)
    %217 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.gate1_raw = "stablehlo.reduce"(%h1.combine.gate1_sel, %217) <{dimensions = array<i64: 2>}> ({
    ^bb0(%219: tensor<f32>, %220: tensor<f32>):
      %221 = "stablehlo.add"(%219, %220) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%221) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // h1.combine.gate2_sel: f32[G@x, S, E] = mul(h1.combine.gates, h1.combine.mask2_raw) (line 55)
    %h1.combine.gate2_sel = "stablehlo.multiply"(%h1.combine.gates, %h1.combine.mask2_raw) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.gate2_raw: f32[G@x, S] = reduce_sum(h1.combine.gate2_sel) (line 55)
    %223 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.gate2_raw = "stablehlo.reduce"(%h1.combine.gate2_sel, %223) <{dimensions = array<i64: 2>}> ({
    ^bb0(%225: tensor<f32>, %226: tensor<f32>):
      %227 = "stablehlo.add"(%225, %226) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%227) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // h1.combine.gate_sum: f32[G@x, S] = add(h1.combine.gate1_raw, h1.combine.gate2_raw) (line 55)
    %h1.combine.gate_sum = "stablehlo.add"(%h1.combine.gate1_raw, %h1.combine.gate2_raw) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.combine.gate1: f32[G@x, S] = div(h1.combine.gate1_raw, h1.combine.gate_sum) (line 55)
    %h1.combine.gate1 = "stablehlo.divide"(%h1.combine.gate1_raw, %h1.combine.gate_sum) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.combine.gate2: f32[G@x, S] = div(h1.combine.gate2_raw, h1.combine.gate_sum) (line 55)
    %h1.combine.gate2 = "stablehlo.divide"(%h1.combine.gate2_raw, %h1.combine.gate_sum) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // h1.combine.density1: f32[G@x, E] = reduce_mean(h1.combine.mask1_raw) (line 55)
    %231 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %232 = "stablehlo.reduce"(%h1.combine.mask1_raw, %231) <{dimensions = array<i64: 1>}> ({
    ^bb0(%233: tensor<f32>, %234: tensor<f32>):
      %235 = "stablehlo.add"(%233, %234) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%235) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    %236 = "stablehlo.constant"() <{value = dense<16.0> : tensor<8x8xf32>}> : () -> tensor<8x8xf32>
    %h1.combine.density1 = "stablehlo.divide"(%232, %236) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // h1.combine.density1_proxy: f32[G@x, E] = reduce_mean(h1.combine.gates) (line 55)
    %238 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %239 = "stablehlo.reduce"(%h1.combine.gates, %238) <{dimensions = array<i64: 1>}> ({
    ^bb0(%240: tensor<f32>, %241: tensor<f32>):
      %242 = "stablehlo.add"(%240, %241) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%242) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    %243 = "stablehlo.constant"() <{value = dense<16.0> : tensor<8x8xf32>}> : () -> tensor<8x8xf32>
    %h1.combine.density1_proxy = "stablehlo.divide"(%239, %243) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // h1.combine.density_product: f32[G@x, E] = mul(h1.combine.density1, h1.combine.density1_proxy) (line 55)
    %h1.combine.density_product = "stablehlo.multiply"(%h1.combine.density1, %h1.combine.density1_proxy) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // h1.aux: f32[] = reduce_mean(h1.combine.density_product) (line 55)
    %246 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %247 = "stablehlo.reduce"(%h1.combine.density_product, %246) <{dimensions = array<i64: 0, 1>}> ({
    ^bb0(%248: tensor<f32>, %249: tensor<f32>):
      %250 = "stablehlo.add"(%248, %249) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%250) : (tensor<f32>) -> ()
    }) : (tensor<8x8xf32>, tensor<f32>) -> tensor<f32>
    %251 = "stablehlo.constant"() <{value = dense<64.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.aux = "stablehlo.divide"(%247, %251) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    // h1.combine.c4: f32[] = constant() (line 55)
    %h1.combine.c4 = "stablehlo.constant"() <{value = dense<4.0> : tensor<f32>}> : () -> tensor<f32>
    // h1.combine.pos1: f32[G@x, S, E] = cumsum(h1.combine.mask1_raw) (line 55)
    %254 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %255 = "stablehlo.pad"(%h1.combine.mask1_raw, %254) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    %h1.combine.pos1 = "stablehlo.reduce_window"(%255, %254) <{window_dimensions = array<i64: 1, 16, 1>, padding = dense<[[0, 0], [15, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%257: tensor<f32>, %258: tensor<f32>):
      %259 = "stablehlo.add"(%257, %258) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%259) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    // h1.combine.fits1: f32[G@x, S, E] = lt(h1.combine.pos1, h1.combine.c4) (line 55)
    %260 = "stablehlo.broadcast_in_dim"(%h1.combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %261 = "stablehlo.compare"(%h1.combine.pos1, %260) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xi1>
    %h1.combine.fits1 = "stablehlo.convert"(%261) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // h1.combine.mask1: f32[G@x, S, E] = mul(h1.combine.mask1_raw, h1.combine.fits1) (line 55)
    %h1.combine.mask1 = "stablehlo.multiply"(%h1.combine.mask1_raw, %h1.combine.fits1) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.kept1_count: f32[G@x, E] = reduce_sum(h1.combine.mask1) (line 55)
    %264 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.kept1_count = "stablehlo.reduce"(%h1.combine.mask1, %264) <{dimensions = array<i64: 1>}> ({
    ^bb0(%266: tensor<f32>, %267: tensor<f32>):
      %268 = "stablehlo.add"(%266, %267) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%268) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    // h1.combine.pos2_local: f32[G@x, S, E] = cumsum(h1.combine.mask2_raw) (line 55)
    %269 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %270 = "stablehlo.pad"(%h1.combine.mask2_raw, %269) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    %h1.combine.pos2_local = "stablehlo.reduce_window"(%270, %269) <{window_dimensions = array<i64: 1, 16, 1>, padding = dense<[[0, 0], [15, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%272: tensor<f32>, %273: tensor<f32>):
      %274 = "stablehlo.add"(%272, %273) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%274) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    // h1.combine.pos2: f32[G@x, S, E] = add(h1.combine.pos2_local, h1.combine.kept1_count) (line 55)
    %275 = "stablehlo.broadcast_in_dim"(%h1.combine.kept1_count) <{broadcast_dimensions = array<i64: 0, 2>}> : (tensor<8x8xf32>) -> tensor<8x16x8xf32>
    %h1.combine.pos2 = "stablehlo.add"(%h1.combine.pos2_local, %275) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.fits2: f32[G@x, S, E] = lt(h1.combine.pos2, h1.combine.c4) (line 55)
    %277 = "stablehlo.broadcast_in_dim"(%h1.combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %278 = "stablehlo.compare"(%h1.combine.pos2, %277) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xi1>
    %h1.combine.fits2 = "stablehlo.convert"(%278) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // h1.combine.mask2: f32[G@x, S, E] = mul(h1.combine.mask2_raw, h1.combine.fits2) (line 55)
    %h1.combine.mask2 = "stablehlo.multiply"(%h1.combine.mask2_raw, %h1.combine.fits2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.slot1_sel: f32[G@x, S, E] = mul(h1.combine.pos1, h1.combine.mask1) (line 55)
    %h1.combine.slot1_sel = "stablehlo.multiply"(%h1.combine.pos1, %h1.combine.mask1) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.slot1_f: f32[G@x, S] = reduce_sum(h1.combine.slot1_sel) (line 55)
    %282 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.slot1_f = "stablehlo.reduce"(%h1.combine.slot1_sel, %282) <{dimensions = array<i64: 2>}> ({
    ^bb0(%284: tensor<f32>, %285: tensor<f32>):
      %286 = "stablehlo.add"(%284, %285) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%286) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // h1.combine.slot1: i32[G@x, S] = cast(h1.combine.slot1_f) (line 55)
    %h1.combine.slot1 = "stablehlo.convert"(%h1.combine.slot1_f) : (tensor<8x16xf32>) -> tensor<8x16xi32>
    // h1.combine.slot1_hot: f32[G@x, S, C] = one_hot(h1.combine.slot1) (line 55)
    %288 = "stablehlo.broadcast_in_dim"(%h1.combine.slot1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x4xi32>
    %289 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x4xi32>
    %290 = "stablehlo.compare"(%288, %289) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x4xi32>, tensor<8x16x4xi32>) -> tensor<8x16x4xi1>
    %h1.combine.slot1_hot = "stablehlo.convert"(%290) : (tensor<8x16x4xi1>) -> tensor<8x16x4xf32>
    // h1.combine.weight1: f32[G@x, S, E] = mul(h1.combine.mask1, h1.combine.gate1) (line 55)
    %292 = "stablehlo.broadcast_in_dim"(%h1.combine.gate1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %h1.combine.weight1 = "stablehlo.multiply"(%h1.combine.mask1, %292) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.combine1: f32[G@x, S, E, C] = einsum(h1.combine.weight1, h1.combine.slot1_hot) (line 55)
    %h1.combine.combine1 = "stablehlo.dot_general"(%h1.combine.weight1, %h1.combine.slot1_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8xf32>, tensor<8x16x4xf32>) -> tensor<8x16x8x4xf32>
    // h1.combine.slot2_sel: f32[G@x, S, E] = mul(h1.combine.pos2, h1.combine.mask2) (line 55)
    %h1.combine.slot2_sel = "stablehlo.multiply"(%h1.combine.pos2, %h1.combine.mask2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.slot2_f: f32[G@x, S] = reduce_sum(h1.combine.slot2_sel) (line 55)
    %296 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %h1.combine.slot2_f = "stablehlo.reduce"(%h1.combine.slot2_sel, %296) <{dimensions = array<i64: 2>}> ({
    ^bb0(%298: tensor<f32>, %299: tensor<f32>):
      %300 = "stablehlo.add"(%298, %299) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%300) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // h1.combine.slot2: i32[G@x, S] = cast(h1.combine.slot2_f) (line 55)
    %h1.combine.slot2 = "stablehlo.convert"(%h1.combine.slot2_f) : (tensor<8x16xf32>) -> tensor<8x16xi32>
    // h1.combine.slot2_hot: f32[G@x, S, C] = one_hot(h1.combine.slot2) (line 55)
    %302 = "stablehlo.broadcast_in_dim"(%h1.combine.slot2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x4xi32>
    %303 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x4xi32>
    %304 = "stablehlo.compare"(%302, %303) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x4xi32>, tensor<8x16x4xi32>) -> tensor<8x16x4xi1>
    %h1.combine.slot2_hot = "stablehlo.convert"(%304) : (tensor<8x16x4xi1>) -> tensor<8x16x4xf32>
    // h1.combine.weight2: f32[G@x, S, E] = mul(h1.combine.mask2, h1.combine.gate2) (line 55)
    %306 = "stablehlo.broadcast_in_dim"(%h1.combine.gate2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %h1.combine.weight2 = "stablehlo.multiply"(%h1.combine.mask2, %306) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // h1.combine.combine2: f32[G@x, S, E, C] = einsum(h1.combine.weight2, h1.combine.slot2_hot) (line 55)
    %h1.combine.combine2 = "stablehlo.dot_general"(%h1.combine.weight2, %h1.combine.slot2_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8xf32>, tensor<8x16x4xf32>) -> tensor<8x16x8x4xf32>
    // h1.combine: f32[G@x, S, E, C] = add(h1.combine.combine1, h1.combine.combine2) (line 55)
    %h1.combine = "stablehlo.add"(%h1.combine.combine1, %h1.combine.combine2) : (tensor<8x16x8x4xf32>, tensor<8x16x8x4xf32>) -> tensor<8x16x8x4xf32>
    // h1.combine.c0: f32[] = constant() (line 55)
    %h1.combine.c0 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // h1.dispatch: f32[G@x, S, E, C] = gt(h1.combine, h1.combine.c0) (line 55)
    %311 = "stablehlo.broadcast_in_dim"(%h1.combine.c0) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8x4xf32>
    %312 = "stablehlo.compare"(%h1.combine, %311) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8x4xf32>, tensor<8x16x8x4xf32>) -> tensor<8x16x8x4xi1>
    %h1.dispatch = "stablehlo.convert"(%312) : (tensor<8x16x8x4xi1>) -> tensor<8x16x8x4xf32>
    // h1.expert_inputs: f32[E@x, G, C, M] = einsum(h1.dispatch, h1.inputs) (line 56)
    %314 = "stablehlo.dot_general"(%h1.dispatch, %h1.inputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x4xf32>, tensor<8x16x32xf32>) -> tensor<8x8x4x32xf32>
    %h1.expert_inputs = "stablehlo.transpose"(%314) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<8x8x4x32xf32>) -> tensor<8x8x4x32xf32>
    // h1.h.x: f32[E@x, G, C, H] = einsum(h1.expert_inputs, h1.wi) (line 57)
    %h1.h.x = "stablehlo.dot_general"(%h1.expert_inputs, %h1.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x4x32xf32>, tensor<8x32x64xf32>) -> tensor<8x8x4x64xf32>
    // h1.h: f32[E@x, G, C, H] = gelu(h1.h.x) (line 57)
    %317 = "stablehlo.multiply"(%h1.h.x, %h1.h.x) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %318 = "stablehlo.multiply"(%317, %h1.h.x) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %319 = "stablehlo.constant"() <{value = dense<0.044715> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %320 = "stablehlo.multiply"(%319, %318) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %321 = "stablehlo.add"(%h1.h.x, %320) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %322 = "stablehlo.constant"() <{value = dense<0.7978845608028654> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %323 = "stablehlo.multiply"(%322, %321) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %324 = "stablehlo.tanh"(%323) : (tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %325 = "stablehlo.constant"() <{value = dense<0.5> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %326 = "stablehlo.constant"() <{value = dense<1.0> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %327 = "stablehlo.add"(%326, %324) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %328 = "stablehlo.multiply"(%325, %327) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    %h1.h = "stablehlo.multiply"(%h1.h.x, %328) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    // h1.expert_outputs: f32[G, E@x, C, M] = einsum(h1.h, h1.wo) (line 58)
    %330 = "stablehlo.dot_general"(%h1.h, %h1.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x4x64xf32>, tensor<8x64x32xf32>) -> tensor<8x8x4x32xf32>
    %h1.expert_outputs = "stablehlo.transpose"(%330) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<8x8x4x32xf32>) -> tensor<8x8x4x32xf32>
    // h1.outputs: f32[G@x, S, M] = einsum(h1.combine, h1.expert_outputs) (line 59)
    %h1.outputs = "stablehlo.dot_general"(%h1.combine, %h1.expert_outputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [1, 2]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x4xf32>, tensor<8x8x4x32xf32>) -> tensor<8x16x32xf32>
    // h1.result.1: f32[B@x, L, M] = reshape(h1.outputs) (line 60)
    %h1.result.1 = "stablehlo.reshape"(%h1.outputs) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // h1.result: f32[B@x, L, M] = add(h1.arg0.result, h1.result.1) (line 60)
    %h1.result = "stablehlo.add"(%h1.arg0.result, %h1.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // logits.operands0.0: f32[B@x, L, M] = rms_norm(h1.result) (line 70)
    %335 = "stablehlo.multiply"(%h1.result, %h1.result) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %336 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %337 = "stablehlo.reduce"(%335, %336) <{dimensions = array<i64: 2>}> ({
    ^bb0(%338: tensor<f32>, %339: tensor<f32>):
      %340 = "stablehlo.add"(%338, %339) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%340) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %341 = "stablehlo.broadcast_in_dim"(%337) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %342 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %343 = "stablehlo.divide"(%341, %342) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %344 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %345 = "stablehlo.add"(%343, %344) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %346 = "stablehlo.rsqrt"(%345) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %logits.operands0.0 = "stablehlo.multiply"(%h1.result, %346) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // logits.operands0: f32[B@x, L, M] = mul(logits.operands0.0, final_norm) (line 70)
    %348 = "stablehlo.broadcast_in_dim"(%final_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %logits.operands0 = "stablehlo.multiply"(%logits.operands0.0, %348) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // logits: f32[B@x, L, V] = einsum(logits.operands0, embedding) (line 70)
    %logits = "stablehlo.dot_general"(%logits.operands0, %embedding) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<64x32xf32>) -> tensor<8x16x64xf32>
    // loss.0.x.lse: f32[B@x, L] = logsumexp(logits) (line 71)
    %351 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %352 = "stablehlo.reduce"(%logits, %351) <{dimensions = array<i64: 2>}> ({
    ^bb0(%353: tensor<f32>, %354: tensor<f32>):
      %355 = "stablehlo.maximum"(%353, %354) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%355) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %356 = "stablehlo.broadcast_in_dim"(%352) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %357 = "stablehlo.subtract"(%logits, %356) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %358 = "stablehlo.exponential"(%357) : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %359 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %360 = "stablehlo.reduce"(%358, %359) <{dimensions = array<i64: 2>}> ({
    ^bb0(%361: tensor<f32>, %362: tensor<f32>):
      %363 = "stablehlo.add"(%361, %362) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%363) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %364 = "stablehlo.log"(%360) : (tensor<8x16xf32>) -> tensor<8x16xf32>
    %loss.0.x.lse = "stablehlo.add"(%352, %364) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // loss.0.x.target_hot: f32[B@x, L, V] = one_hot(targets) (line 71)
    %366 = "stablehlo.broadcast_in_dim"(%targets) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x64xi32>
    %367 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x64xi32>
    %368 = "stablehlo.compare"(%366, %367) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x64xi32>, tensor<8x16x64xi32>) -> tensor<8x16x64xi1>
    %loss.0.x.target_hot = "stablehlo.convert"(%368) : (tensor<8x16x64xi1>) -> tensor<8x16x64xf32>
    // loss.0.x.target_sel: f32[B@x, L, V] = mul(logits, loss.0.x.target_hot) (line 71)
    %loss.0.x.target_sel = "stablehlo.multiply"(%logits, %loss.0.x.target_hot) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // loss.0.x.target_logit: f32[B@x, L] = reduce_sum(loss.0.x.target_sel) (line 71)
    %371 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %loss.0.x.target_logit = "stablehlo.reduce"(%loss.0.x.target_sel, %371) <{dimensions = array<i64: 2>}> ({
    ^bb0(%373: tensor<f32>, %374: tensor<f32>):
      %375 = "stablehlo.add"(%373, %374) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%375) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    // loss.0.x: f32[B@x, L] = sub(loss.0.x.lse, loss.0.x.target_logit) (line 71)
    %loss.0.x = "stablehlo.subtract"(%loss.0.x.lse, %loss.0.x.target_logit) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // loss.0: f32[] = reduce_mean(loss.0.x) (line 71)
    %377 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %378 = "stablehlo.reduce"(%loss.0.x, %377) <{dimensions = array<i64: 0, 1>}> ({
    ^bb0(%379: tensor<f32>, %380: tensor<f32>):
      %381 = "stablehlo.add"(%379, %380) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%381) : (tensor<f32>) -> ()
    }) : (tensor<8x16xf32>, tensor<f32>) -> tensor<f32>
    %382 = "stablehlo.constant"() <{value = dense<128.0> : tensor<f32>}> : () -> tensor<f32>
    %loss.0 = "stablehlo.divide"(%378, %382) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    // loss.1.c: f32[] = constant() (line 71)
    %loss.1.c = "stablehlo.constant"() <{value = dense<0.01> : tensor<f32>}> : () -> tensor<f32>
    // loss.1: f32[] = mul(loss.1.c, h1.aux) (line 71)
    %loss.1 = "stablehlo.multiply"(%loss.1.c, %h1.aux) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    // loss: f32[] = add(loss.0, loss.1) (line 71)
    %loss = "stablehlo.add"(%loss.0, %loss.1) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "func.return"(%loss, %logits) : (tensor<f32>, tensor<8x16x64xf32>) -> ()
  }
}
