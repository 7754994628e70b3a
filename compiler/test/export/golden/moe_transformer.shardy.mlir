// moe_transformer from examples/moe_transformer.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with Shardy (sdy) shardings on mesh tpu_v3 [x = 8] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @moe_transformer attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  "sdy.mesh"() <{mesh = #sdy.mesh<["x"=8]>, sym_name = "tpu"}> : () -> ()
  func.func public @main(%x: tensor<8x16x32xf32> {jax.arg_info = "x", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}, {}]>}, %y.0.a.arg0.ln_scale: tensor<32xf32> {jax.arg_info = "y.0.a.arg0.ln_scale", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %y.0.a.arg0.wq: tensor<32x4x8xf32> {jax.arg_info = "y.0.a.arg0.wq", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.0.a.arg0.wk: tensor<32x4x8xf32> {jax.arg_info = "y.0.a.arg0.wk", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.0.a.arg0.wv: tensor<32x4x8xf32> {jax.arg_info = "y.0.a.arg0.wv", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.0.a.arg0.wo: tensor<4x8x32xf32> {jax.arg_info = "y.0.a.arg0.wo", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.0.a.ln_scale: tensor<32xf32> {jax.arg_info = "y.0.a.ln_scale", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %y.0.a.wi: tensor<32x64xf32> {jax.arg_info = "y.0.a.wi", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %y.0.a.wo: tensor<64x32xf32> {jax.arg_info = "y.0.a.wo", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %y.0.result.arg0.ln_scale: tensor<32xf32> {jax.arg_info = "y.0.result.arg0.ln_scale", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %y.0.result.arg0.wq: tensor<32x4x8xf32> {jax.arg_info = "y.0.result.arg0.wq", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.0.result.arg0.wk: tensor<32x4x8xf32> {jax.arg_info = "y.0.result.arg0.wk", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.0.result.arg0.wv: tensor<32x4x8xf32> {jax.arg_info = "y.0.result.arg0.wv", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.0.result.arg0.wo: tensor<4x8x32xf32> {jax.arg_info = "y.0.result.arg0.wo", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.0.result.ln_scale: tensor<32xf32> {jax.arg_info = "y.0.result.ln_scale", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %y.0.result.wg: tensor<32x8xf32> {jax.arg_info = "y.0.result.wg", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %y.0.result.wi: tensor<8x32x64xf32> {jax.arg_info = "y.0.result.wi", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}, {}]>}, %y.0.result.wo: tensor<8x64x32xf32> {jax.arg_info = "y.0.result.wo", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}, {}]>}, %y.1.a.arg0.ln_scale: tensor<32xf32> {jax.arg_info = "y.1.a.arg0.ln_scale", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %y.1.a.arg0.wq: tensor<32x4x8xf32> {jax.arg_info = "y.1.a.arg0.wq", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.1.a.arg0.wk: tensor<32x4x8xf32> {jax.arg_info = "y.1.a.arg0.wk", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.1.a.arg0.wv: tensor<32x4x8xf32> {jax.arg_info = "y.1.a.arg0.wv", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.1.a.arg0.wo: tensor<4x8x32xf32> {jax.arg_info = "y.1.a.arg0.wo", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.1.a.ln_scale: tensor<32xf32> {jax.arg_info = "y.1.a.ln_scale", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %y.1.a.wi: tensor<32x64xf32> {jax.arg_info = "y.1.a.wi", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %y.1.a.wo: tensor<64x32xf32> {jax.arg_info = "y.1.a.wo", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %y.1.result.arg0.ln_scale: tensor<32xf32> {jax.arg_info = "y.1.result.arg0.ln_scale", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %y.1.result.arg0.wq: tensor<32x4x8xf32> {jax.arg_info = "y.1.result.arg0.wq", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.1.result.arg0.wk: tensor<32x4x8xf32> {jax.arg_info = "y.1.result.arg0.wk", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.1.result.arg0.wv: tensor<32x4x8xf32> {jax.arg_info = "y.1.result.arg0.wv", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.1.result.arg0.wo: tensor<4x8x32xf32> {jax.arg_info = "y.1.result.arg0.wo", sdy.sharding = #sdy.sharding<@tpu, [{}, {}, {}]>}, %y.1.result.ln_scale: tensor<32xf32> {jax.arg_info = "y.1.result.ln_scale", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %y.1.result.wg: tensor<32x8xf32> {jax.arg_info = "y.1.result.wg", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %y.1.result.wi: tensor<8x32x64xf32> {jax.arg_info = "y.1.result.wi", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}, {}]>}, %y.1.result.wo: tensor<8x64x32xf32> {jax.arg_info = "y.1.result.wo", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}, {}]>}) -> (tensor<8x16x32xf32> {jax.result_info = "result", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}, {}]>}) {
    // y.0.a.arg0.xn.0: f32[B@x, L, M] = layer_norm(x) (line 29)
    %0 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %1 = "stablehlo.reduce"(%x, %0) <{dimensions = array<i64: 2>}> ({
    ^bb0(%2: tensor<f32>, %3: tensor<f32>):
      %4 = "stablehlo.add"(%2, %3) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%4) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %5 = "stablehlo.broadcast_in_dim"(%1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %6 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %7 = "stablehlo.divide"(%5, %6) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %8 = "stablehlo.subtract"(%x, %7) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %9 = "stablehlo.multiply"(%8, %8) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %10 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %11 = "stablehlo.reduce"(%9, %10) <{dimensions = array<i64: 2>}> ({
    ^bb0(%12: tensor<f32>, %13: tensor<f32>):
      %14 = "stablehlo.add"(%12, %13) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%14) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %15 = "stablehlo.broadcast_in_dim"(%11) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %16 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %17 = "stablehlo.divide"(%15, %16) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %18 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %19 = "stablehlo.add"(%17, %18) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %20 = "stablehlo.rsqrt"(%19) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %y.0.a.arg0.xn.0 = "stablehlo.multiply"(%8, %20) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.a.arg0.xn: f32[B@x, L, M] = mul(y.0.a.arg0.xn.0, y.0.a.arg0.ln_scale) (line 29)
    %22 = "stablehlo.broadcast_in_dim"(%y.0.a.arg0.ln_scale) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %y.0.a.arg0.xn = "stablehlo.multiply"(%y.0.a.arg0.xn.0, %22) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.a.arg0.q: f32[B@x, L, N, K] = einsum(y.0.a.arg0.xn, y.0.a.arg0.wq) (line 30)
    %y.0.a.arg0.q = "stablehlo.dot_general"(%y.0.a.arg0.xn, %y.0.a.arg0.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.0.a.arg0.k.x: f32[B@x, L, N, K] = einsum(y.0.a.arg0.xn, y.0.a.arg0.wk) (line 32)
    %y.0.a.arg0.k.x = "stablehlo.dot_general"(%y.0.a.arg0.xn, %y.0.a.arg0.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.0.a.arg0.k: f32[B@x, T, N, K] = rename(y.0.a.arg0.k.x) (line 32)
    // y.0.a.arg0.v.x: f32[B@x, L, N, K] = einsum(y.0.a.arg0.xn, y.0.a.arg0.wv) (line 33)
    %y.0.a.arg0.v.x = "stablehlo.dot_general"(%y.0.a.arg0.xn, %y.0.a.arg0.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.0.a.arg0.v: f32[B@x, T, N, K] = rename(y.0.a.arg0.v.x) (line 33)
    // y.0.a.arg0.logits.0: f32[B@x, N, L, T] = einsum(y.0.a.arg0.q, y.0.a.arg0.k) (line 34)
    %y.0.a.arg0.logits.0 = "stablehlo.dot_general"(%y.0.a.arg0.q, %y.0.a.arg0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x16xf32>
    // y.0.a.arg0.logits.c: f32[] = constant() (line 34)
    %y.0.a.arg0.logits.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.0.a.arg0.logits: f32[B@x, N, L, T] = mul(y.0.a.arg0.logits.0, y.0.a.arg0.logits.c) (line 34)
    %29 = "stablehlo.broadcast_in_dim"(%y.0.a.arg0.logits.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %y.0.a.arg0.logits = "stablehlo.multiply"(%y.0.a.arg0.logits.0, %29) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // y.0.a.arg0.probs: f32[B@x, N, L, T] = softmax(y.0.a.arg0.logits) (line 35)
    %31 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %32 = "stablehlo.reduce"(%y.0.a.arg0.logits, %31) <{dimensions = array<i64: 3>}> ({
    ^bb0(%33: tensor<f32>, %34: tensor<f32>):
      %35 = "stablehlo.maximum"(%33, %34) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%35) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %36 = "stablehlo.broadcast_in_dim"(%32) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %37 = "stablehlo.subtract"(%y.0.a.arg0.logits, %36) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %38 = "stablehlo.exponential"(%37) : (tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %39 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %40 = "stablehlo.reduce"(%38, %39) <{dimensions = array<i64: 3>}> ({
    ^bb0(%41: tensor<f32>, %42: tensor<f32>):
      %43 = "stablehlo.add"(%41, %42) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%43) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %44 = "stablehlo.broadcast_in_dim"(%40) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %y.0.a.arg0.probs = "stablehlo.divide"(%38, %44) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // y.0.a.arg0.context: f32[B@x, L, N, K] = einsum(y.0.a.arg0.probs, y.0.a.arg0.v) (line 36)
    %46 = "stablehlo.dot_general"(%y.0.a.arg0.probs, %y.0.a.arg0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x4x16x16xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x8xf32>
    %y.0.a.arg0.context = "stablehlo.transpose"(%46) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x4x16x8xf32>) -> tensor<8x16x4x8xf32>
    // y.0.a.arg0.result.1: f32[B@x, L, M] = einsum(y.0.a.arg0.context, y.0.a.arg0.wo) (line 37)
    %y.0.a.arg0.result.1 = "stablehlo.dot_general"(%y.0.a.arg0.context, %y.0.a.arg0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<4x8x32xf32>) -> tensor<8x16x32xf32>
    // y.0.a.arg0.result: f32[B@x, L, M] = add(x, y.0.a.arg0.result.1) (line 37)
    %y.0.a.arg0.result = "stablehlo.add"(%x, %y.0.a.arg0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.a.xn.0: f32[B@x, L, M] = layer_norm(y.0.a.arg0.result) (line 44)
    %50 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %51 = "stablehlo.reduce"(%y.0.a.arg0.result, %50) <{dimensions = array<i64: 2>}> ({
    ^bb0(%52: tensor<f32>, %53: tensor<f32>):
      %54 = "stablehlo.add"(%52, %53) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%54) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %55 = "stablehlo.broadcast_in_dim"(%51) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %56 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %57 = "stablehlo.divide"(%55, %56) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %58 = "stablehlo.subtract"(%y.0.a.arg0.result, %57) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %59 = "stablehlo.multiply"(%58, %58) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %60 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %61 = "stablehlo.reduce"(%59, %60) <{dimensions = array<i64: 2>}> ({
    ^bb0(%62: tensor<f32>, %63: tensor<f32>):
      %64 = "stablehlo.add"(%62, %63) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%64) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %65 = "stablehlo.broadcast_in_dim"(%61) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %66 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %67 = "stablehlo.divide"(%65, %66) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %68 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %69 = "stablehlo.add"(%67, %68) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %70 = "stablehlo.rsqrt"(%69) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %y.0.a.xn.0 = "stablehlo.multiply"(%58, %70) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.a.xn: f32[B@x, L, M] = mul(y.0.a.xn.0, y.0.a.ln_scale) (line 44)
    %72 = "stablehlo.broadcast_in_dim"(%y.0.a.ln_scale) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %y.0.a.xn = "stablehlo.multiply"(%y.0.a.xn.0, %72) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.a.h.x: f32[B@x, L, H] = einsum(y.0.a.xn, y.0.a.wi) (line 45)
    %y.0.a.h.x = "stablehlo.dot_general"(%y.0.a.xn, %y.0.a.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x64xf32>) -> tensor<8x16x64xf32>
    // y.0.a.h: f32[B@x, L, H] = relu(y.0.a.h.x) (line 45)
    %75 = "stablehlo.constant"() <{value = dense<0.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %y.0.a.h = "stablehlo.maximum"(%y.0.a.h.x, %75) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.0.a.result.1: f32[B@x, L, M] = einsum(y.0.a.h, y.0.a.wo) (line 46)
    %y.0.a.result.1 = "stablehlo.dot_general"(%y.0.a.h, %y.0.a.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x32xf32>) -> tensor<8x16x32xf32>
    // y.0.a.result: f32[B@x, L, M] = add(y.0.a.arg0.result, y.0.a.result.1) (line 46)
    %y.0.a.result = "stablehlo.add"(%y.0.a.arg0.result, %y.0.a.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.arg0.xn.0: f32[B@x, L, M] = layer_norm(y.0.a.result) (line 29)
    %79 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %80 = "stablehlo.reduce"(%y.0.a.result, %79) <{dimensions = array<i64: 2>}> ({
    ^bb0(%81: tensor<f32>, %82: tensor<f32>):
      %83 = "stablehlo.add"(%81, %82) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%83) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %84 = "stablehlo.broadcast_in_dim"(%80) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %85 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %86 = "stablehlo.divide"(%84, %85) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %87 = "stablehlo.subtract"(%y.0.a.result, %86) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %88 = "stablehlo.multiply"(%87, %87) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %89 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %90 = "stablehlo.reduce"(%88, %89) <{dimensions = array<i64: 2>}> ({
    ^bb0(%91: tensor<f32>, %92: tensor<f32>):
      %93 = "stablehlo.add"(%91, %92) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%93) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %94 = "stablehlo.broadcast_in_dim"(%90) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %95 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %96 = "stablehlo.divide"(%94, %95) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %97 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %98 = "stablehlo.add"(%96, %97) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %99 = "stablehlo.rsqrt"(%98) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %y.0.result.arg0.xn.0 = "stablehlo.multiply"(%87, %99) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.arg0.xn: f32[B@x, L, M] = mul(y.0.result.arg0.xn.0, y.0.result.arg0.ln_scale) (line 29)
    %101 = "stablehlo.broadcast_in_dim"(%y.0.result.arg0.ln_scale) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %y.0.result.arg0.xn = "stablehlo.multiply"(%y.0.result.arg0.xn.0, %101) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.arg0.q: f32[B@x, L, N, K] = einsum(y.0.result.arg0.xn, y.0.result.arg0.wq) (line 30)
    %y.0.result.arg0.q = "stablehlo.dot_general"(%y.0.result.arg0.xn, %y.0.result.arg0.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.0.result.arg0.k.x: f32[B@x, L, N, K] = einsum(y.0.result.arg0.xn, y.0.result.arg0.wk) (line 32)
    %y.0.result.arg0.k.x = "stablehlo.dot_general"(%y.0.result.arg0.xn, %y.0.result.arg0.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.0.result.arg0.k: f32[B@x, T, N, K] = rename(y.0.result.arg0.k.x) (line 32)
    // y.0.result.arg0.v.x: f32[B@x, L, N, K] = einsum(y.0.result.arg0.xn, y.0.result.arg0.wv) (line 33)
    %y.0.result.arg0.v.x = "stablehlo.dot_general"(%y.0.result.arg0.xn, %y.0.result.arg0.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.0.result.arg0.v: f32[B@x, T, N, K] = rename(y.0.result.arg0.v.x) (line 33)
    // y.0.result.arg0.logits.0: f32[B@x, N, L, T] = einsum(y.0.result.arg0.q, y.0.result.arg0.k) (line 34)
    %y.0.result.arg0.logits.0 = "stablehlo.dot_general"(%y.0.result.arg0.q, %y.0.result.arg0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x16xf32>
    // y.0.result.arg0.logits.c: f32[] = constant() (line 34)
    %y.0.result.arg0.logits.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.0.result.arg0.logits: f32[B@x, N, L, T] = mul(y.0.result.arg0.logits.0, y.0.result.arg0.logits.c) (line 34)
    %108 = "stablehlo.broadcast_in_dim"(%y.0.result.arg0.logits.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %y.0.result.arg0.logits = "stablehlo.multiply"(%y.0.result.arg0.logits.0, %108) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // y.0.result.arg0.probs: f32[B@x, N, L, T] = softmax(y.0.result.arg0.logits) (line 35)
    %110 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %111 = "stablehlo.reduce"(%y.0.result.arg0.logits, %110) <{dimensions = array<i64: 3>}> ({
    ^bb0(%112: tensor<f32>, %113: tensor<f32>):
      %114 = "stablehlo.maximum"(%112, %113) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%114) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %115 = "stablehlo.broadcast_in_dim"(%111) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %116 = "stablehlo.subtract"(%y.0.result.arg0.logits, %115) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %117 = "stablehlo.exponential"(%116) : (tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %118 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %119 = "stablehlo.reduce"(%117, %118) <{dimensions = array<i64: 3>}> ({
    ^bb0(%120: tensor<f32>, %121: tensor<f32>):
      %122 = "stablehlo.add"(%120, %121) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%122) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %123 = "stablehlo.broadcast_in_dim"(%119) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %y.0.result.arg0.probs = "stablehlo.divide"(%117, %123) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // y.0.result.arg0.context: f32[B@x, L, N, K] = einsum(y.0.result.arg0.probs, y.0.result.arg0.v) (line 36)
    %125 = "stablehlo.dot_general"(%y.0.result.arg0.probs, %y.0.result.arg0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x4x16x16xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x8xf32>
    %y.0.result.arg0.context = "stablehlo.transpose"(%125) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x4x16x8xf32>) -> tensor<8x16x4x8xf32>
    // y.0.result.arg0.result.1: f32[B@x, L, M] = einsum(y.0.result.arg0.context, y.0.result.arg0.wo) (line 37)
    %y.0.result.arg0.result.1 = "stablehlo.dot_general"(%y.0.result.arg0.context, %y.0.result.arg0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<4x8x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.arg0.result: f32[B@x, L, M] = add(y.0.a.result, y.0.result.arg0.result.1) (line 37)
    %y.0.result.arg0.result = "stablehlo.add"(%y.0.a.result, %y.0.result.arg0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.xn.0: f32[B@x, L, M] = layer_norm(y.0.result.arg0.result) (line 56)
    %129 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %130 = "stablehlo.reduce"(%y.0.result.arg0.result, %129) <{dimensions = array<i64: 2>}> ({
    ^bb0(%131: tensor<f32>, %132: tensor<f32>):
      %133 = "stablehlo.add"(%131, %132) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%133) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %134 = "stablehlo.broadcast_in_dim"(%130) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %135 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %136 = "stablehlo.divide"(%134, %135) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %137 = "stablehlo.subtract"(%y.0.result.arg0.result, %136) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %138 = "stablehlo.multiply"(%137, %137) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
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
    %y.0.result.xn.0 = "stablehlo.multiply"(%137, %149) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.xn: f32[B@x, L, M] = mul(y.0.result.xn.0, y.0.result.ln_scale) (line 56)
    %151 = "stablehlo.broadcast_in_dim"(%y.0.result.ln_scale) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %y.0.result.xn = "stablehlo.multiply"(%y.0.result.xn.0, %151) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.inputs: f32[G@x, S, M] = reshape(y.0.result.xn) (line 57)
    %y.0.result.inputs = "stablehlo.reshape"(%y.0.result.xn) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.logits: f32[G@x, S, E] = einsum(y.0.result.inputs, y.0.result.wg) (line 58)
    %y.0.result.logits = "stablehlo.dot_general"(%y.0.result.inputs, %y.0.result.wg) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.gates: f32[G@x, S, E] = softmax(y.0.result.logits) (line 59)
    %155 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %156 = "stablehlo.reduce"(%y.0.result.logits, %155) <{dimensions = array<i64: 2>}> ({
    ^bb0(%157: tensor<f32>, %158: tensor<f32>):
      %159 = "stablehlo.maximum"(%157, %158) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%159) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    %160 = "stablehlo.broadcast_in_dim"(%156) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %161 = "stablehlo.subtract"(%y.0.result.logits, %160) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    %162 = "stablehlo.exponential"(%161) : (tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    %163 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %164 = "stablehlo.reduce"(%162, %163) <{dimensions = array<i64: 2>}> ({
    ^bb0(%165: tensor<f32>, %166: tensor<f32>):
      %167 = "stablehlo.add"(%165, %166) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%167) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    %168 = "stablehlo.broadcast_in_dim"(%164) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %y.0.result.combine.gates = "stablehlo.divide"(%162, %168) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.idx1: i32[G@x, S] = argmax(y.0.result.combine.gates) (line 59)
    %170 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %171 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %172 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %173:2 = "stablehlo.reduce"(%y.0.result.combine.gates, %170, %171, %172) <{dimensions = array<i64: 2>}> ({
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
    // y.0.result.combine.mask1_raw: f32[G@x, S, E] = one_hot(y.0.result.combine.idx1) (line 59)
    %187 = "stablehlo.broadcast_in_dim"(%173#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x8xi32>
    %188 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %189 = "stablehlo.compare"(%187, %188) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x8xi32>, tensor<8x16x8xi32>) -> tensor<8x16x8xi1>
    %y.0.result.combine.mask1_raw = "stablehlo.convert"(%189) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // y.0.result.combine.c2: f32[] = constant() (line 59)
    %y.0.result.combine.c2 = "stablehlo.constant"() <{value = dense<2.0> : tensor<f32>}> : () -> tensor<f32>
    // y.0.result.combine.mask1_x2: f32[G@x, S, E] = mul(y.0.result.combine.mask1_raw, y.0.result.combine.c2) (line 59)
    %192 = "stablehlo.broadcast_in_dim"(%y.0.result.combine.c2) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %y.0.result.combine.mask1_x2 = "stablehlo.multiply"(%y.0.result.combine.mask1_raw, %192) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.gates_without_first: f32[G@x, S, E] = sub(y.0.result.combine.gates, y.0.result.combine.mask1_x2) (line 59)
    %y.0.result.combine.gates_without_first = "stablehlo.subtract"(%y.0.result.combine.gates, %y.0.result.combine.mask1_x2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.idx2: i32[G@x, S] = argmax(y.0.result.combine.gates_without_first) (line 59)
    %195 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %196 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %197 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %198:2 = "stablehlo.reduce"(%y.0.result.combine.gates_without_first, %195, %196, %197) <{dimensions = array<i64: 2>}> ({
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
    // y.0.result.combine.mask2_raw: f32[G@x, S, E] = one_hot(y.0.result.combine.idx2) (line 59)
    %212 = "stablehlo.broadcast_in_dim"(%198#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x8xi32>
    %213 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %214 = "stablehlo.compare"(%212, %213) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x8xi32>, tensor<8x16x8xi32>) -> tensor<8x16x8xi1>
    %y.0.result.combine.mask2_raw = "stablehlo.convert"(%214) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // y.0.result.combine.gate1_sel: f32[G@x, S, E] = mul(y.0.result.combine.gates, y.0.result.combine.mask1_raw) (line 59)
    %y.0.result.combine.gate1_sel = "stablehlo.multiply"(%y.0.result.combine.gates, %y.0.result.combine.mask1_raw) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.gate1_raw: f32[G@x, S] = reduce_sum(y.0.result.combine.gate1_sel) (line 59)
    %217 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.0.result.combine.gate1_raw = "stablehlo.reduce"(%y.0.result.combine.gate1_sel, %217) <{dimensions = array<i64: 2>}> ({
    ^bb0(%219: tensor<f32>, %220: tensor<f32>):
      %221 = "stablehlo.add"(%219, %220) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%221) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // y.0.result.combine.gate2_sel: f32[G@x, S, E] = mul(y.0.result.combine.gates, y.0.result.combine.mask2_raw) (line 59)
    %y.0.result.combine.gate2_sel = "stablehlo.multiply"(%y.0.result.combine.gates, %y.0.result.combine.mask2_raw) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.gate2_raw: f32[G@x, S] = reduce_sum(y.0.result.combine.gate2_sel) (line 59)
    %223 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.0.result.combine.gate2_raw = "stablehlo.reduce"(%y.0.result.combine.gate2_sel, %223) <{dimensions = array<i64: 2>}> ({
    ^bb0(%225: tensor<f32>, %226: tensor<f32>):
      %227 = "stablehlo.add"(%225, %226) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%227) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // y.0.result.combine.gate_sum: f32[G@x, S] = add(y.0.result.combine.gate1_raw, y.0.result.combine.gate2_raw) (line 59)
    %y.0.result.combine.gate_sum = "stablehlo.add"(%y.0.result.combine.gate1_raw, %y.0.result.combine.gate2_raw) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // y.0.result.combine.gate1: f32[G@x, S] = div(y.0.result.combine.gate1_raw, y.0.result.combine.gate_sum) (line 59)
    %y.0.result.combine.gate1 = "stablehlo.divide"(%y.0.result.combine.gate1_raw, %y.0.result.combine.gate_sum) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // y.0.result.combine.gate2: f32[G@x, S] = div(y.0.result.combine.gate2_raw, y.0.result.combine.gate_sum) (line 59)
    %y.0.result.combine.gate2 = "stablehlo.divide"(%y.0.result.combine.gate2_raw, %y.0.result.combine.gate_sum) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // y.0.result.combine.density1: f32[G@x, E] = reduce_mean(y.0.result.combine.mask1_raw) (line 59)
    %231 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %232 = "stablehlo.reduce"(%y.0.result.combine.mask1_raw, %231) <{dimensions = array<i64: 1>}> ({
    ^bb0(%233: tensor<f32>, %234: tensor<f32>):
      %235 = "stablehlo.add"(%233, %234) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%235) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    %236 = "stablehlo.constant"() <{value = dense<16.0> : tensor<8x8xf32>}> : () -> tensor<8x8xf32>
    %y.0.result.combine.density1 = "stablehlo.divide"(%232, %236) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // y.0.result.combine.density1_proxy: f32[G@x, E] = reduce_mean(y.0.result.combine.gates) (line 59)
    %238 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %239 = "stablehlo.reduce"(%y.0.result.combine.gates, %238) <{dimensions = array<i64: 1>}> ({
    ^bb0(%240: tensor<f32>, %241: tensor<f32>):
      %242 = "stablehlo.add"(%240, %241) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%242) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    %243 = "stablehlo.constant"() <{value = dense<16.0> : tensor<8x8xf32>}> : () -> tensor<8x8xf32>
    %y.0.result.combine.density1_proxy = "stablehlo.divide"(%239, %243) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // y.0.result.combine.density_product: f32[G@x, E] = mul(y.0.result.combine.density1, y.0.result.combine.density1_proxy) (line 59)
    %y.0.result.combine.density_product = "stablehlo.multiply"(%y.0.result.combine.density1, %y.0.result.combine.density1_proxy) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // y.0.result.aux: f32[] = reduce_mean(y.0.result.combine.density_product) (line 59)
    %246 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %247 = "stablehlo.reduce"(%y.0.result.combine.density_product, %246) <{dimensions = array<i64: 0, 1>}> ({
    ^bb0(%248: tensor<f32>, %249: tensor<f32>):
      %250 = "stablehlo.add"(%248, %249) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%250) : (tensor<f32>) -> ()
    }) : (tensor<8x8xf32>, tensor<f32>) -> tensor<f32>
    %251 = "stablehlo.constant"() <{value = dense<64.0> : tensor<f32>}> : () -> tensor<f32>
    %y.0.result.aux = "stablehlo.divide"(%247, %251) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    // y.0.result.combine.c4: f32[] = constant() (line 59)
    %y.0.result.combine.c4 = "stablehlo.constant"() <{value = dense<4.0> : tensor<f32>}> : () -> tensor<f32>
    // y.0.result.combine.pos1: f32[G@x, S, E] = cumsum(y.0.result.combine.mask1_raw) (line 59)
    %254 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %255 = "stablehlo.pad"(%y.0.result.combine.mask1_raw, %254) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    %y.0.result.combine.pos1 = "stablehlo.reduce_window"(%255, %254) <{window_dimensions = array<i64: 1, 16, 1>, padding = dense<[[0, 0], [15, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%257: tensor<f32>, %258: tensor<f32>):
      %259 = "stablehlo.add"(%257, %258) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%259) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.fits1: f32[G@x, S, E] = lt(y.0.result.combine.pos1, y.0.result.combine.c4) (line 59)
    %260 = "stablehlo.broadcast_in_dim"(%y.0.result.combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %261 = "stablehlo.compare"(%y.0.result.combine.pos1, %260) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xi1>
    %y.0.result.combine.fits1 = "stablehlo.convert"(%261) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // y.0.result.combine.mask1: f32[G@x, S, E] = mul(y.0.result.combine.mask1_raw, y.0.result.combine.fits1) (line 59)
    %y.0.result.combine.mask1 = "stablehlo.multiply"(%y.0.result.combine.mask1_raw, %y.0.result.combine.fits1) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.kept1_count: f32[G@x, E] = reduce_sum(y.0.result.combine.mask1) (line 59)
    %264 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.0.result.combine.kept1_count = "stablehlo.reduce"(%y.0.result.combine.mask1, %264) <{dimensions = array<i64: 1>}> ({
    ^bb0(%266: tensor<f32>, %267: tensor<f32>):
      %268 = "stablehlo.add"(%266, %267) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%268) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    // y.0.result.combine.pos2_local: f32[G@x, S, E] = cumsum(y.0.result.combine.mask2_raw) (line 59)
    %269 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %270 = "stablehlo.pad"(%y.0.result.combine.mask2_raw, %269) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    %y.0.result.combine.pos2_local = "stablehlo.reduce_window"(%270, %269) <{window_dimensions = array<i64: 1, 16, 1>, padding = dense<[[0, 0], [15, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%272: tensor<f32>, %273: tensor<f32>):
      %274 = "stablehlo.add"(%272, %273) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%274) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.pos2: f32[G@x, S, E] = add(y.0.result.combine.pos2_local, y.0.result.combine.kept1_count) (line 59)
    %275 = "stablehlo.broadcast_in_dim"(%y.0.result.combine.kept1_count) <{broadcast_dimensions = array<i64: 0, 2>}> : (tensor<8x8xf32>) -> tensor<8x16x8xf32>
    %y.0.result.combine.pos2 = "stablehlo.add"(%y.0.result.combine.pos2_local, %275) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.fits2: f32[G@x, S, E] = lt(y.0.result.combine.pos2, y.0.result.combine.c4) (line 59)
    %277 = "stablehlo.broadcast_in_dim"(%y.0.result.combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %278 = "stablehlo.compare"(%y.0.result.combine.pos2, %277) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xi1>
    %y.0.result.combine.fits2 = "stablehlo.convert"(%278) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // y.0.result.combine.mask2: f32[G@x, S, E] = mul(y.0.result.combine.mask2_raw, y.0.result.combine.fits2) (line 59)
    %y.0.result.combine.mask2 = "stablehlo.multiply"(%y.0.result.combine.mask2_raw, %y.0.result.combine.fits2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.slot1_sel: f32[G@x, S, E] = mul(y.0.result.combine.pos1, y.0.result.combine.mask1) (line 59)
    %y.0.result.combine.slot1_sel = "stablehlo.multiply"(%y.0.result.combine.pos1, %y.0.result.combine.mask1) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.slot1_f: f32[G@x, S] = reduce_sum(y.0.result.combine.slot1_sel) (line 59)
    %282 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.0.result.combine.slot1_f = "stablehlo.reduce"(%y.0.result.combine.slot1_sel, %282) <{dimensions = array<i64: 2>}> ({
    ^bb0(%284: tensor<f32>, %285: tensor<f32>):
      %286 = "stablehlo.add"(%284, %285) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%286) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // y.0.result.combine.slot1: i32[G@x, S] = cast(y.0.result.combine.slot1_f) (line 59)
    %y.0.result.combine.slot1 = "stablehlo.convert"(%y.0.result.combine.slot1_f) : (tensor<8x16xf32>) -> tensor<8x16xi32>
    // y.0.result.combine.slot1_hot: f32[G@x, S, C] = one_hot(y.0.result.combine.slot1) (line 59)
    %288 = "stablehlo.broadcast_in_dim"(%y.0.result.combine.slot1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x4xi32>
    %289 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x4xi32>
    %290 = "stablehlo.compare"(%288, %289) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x4xi32>, tensor<8x16x4xi32>) -> tensor<8x16x4xi1>
    %y.0.result.combine.slot1_hot = "stablehlo.convert"(%290) : (tensor<8x16x4xi1>) -> tensor<8x16x4xf32>
    // y.0.result.combine.weight1: f32[G@x, S, E] = mul(y.0.result.combine.mask1, y.0.result.combine.gate1) (line 59)
    %292 = "stablehlo.broadcast_in_dim"(%y.0.result.combine.gate1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %y.0.result.combine.weight1 = "stablehlo.multiply"(%y.0.result.combine.mask1, %292) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.combine1: f32[G@x, S, E, C] = einsum(y.0.result.combine.weight1, y.0.result.combine.slot1_hot) (line 59)
    %y.0.result.combine.combine1 = "stablehlo.dot_general"(%y.0.result.combine.weight1, %y.0.result.combine.slot1_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8xf32>, tensor<8x16x4xf32>) -> tensor<8x16x8x4xf32>
    // y.0.result.combine.slot2_sel: f32[G@x, S, E] = mul(y.0.result.combine.pos2, y.0.result.combine.mask2) (line 59)
    %y.0.result.combine.slot2_sel = "stablehlo.multiply"(%y.0.result.combine.pos2, %y.0.result.combine.mask2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.slot2_f: f32[G@x, S] = reduce_sum(y.0.result.combine.slot2_sel) (line 59)
    %296 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.0.result.combine.slot2_f = "stablehlo.reduce"(%y.0.result.combine.slot2_sel, %296) <{dimensions = array<i64: 2>}> ({
    ^bb0(%298: tensor<f32>, %299: tensor<f32>):
      %300 = "stablehlo.add"(%298, %299) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%300) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // y.0.result.combine.slot2: i32[G@x, S] = cast(y.0.result.combine.slot2_f) (line 59)
    %y.0.result.combine.slot2 = "stablehlo.convert"(%y.0.result.combine.slot2_f) : (tensor<8x16xf32>) -> tensor<8x16xi32>
    // y.0.result.combine.slot2_hot: f32[G@x, S, C] = one_hot(y.0.result.combine.slot2) (line 59)
    %302 = "stablehlo.broadcast_in_dim"(%y.0.result.combine.slot2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x4xi32>
    %303 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x4xi32>
    %304 = "stablehlo.compare"(%302, %303) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x4xi32>, tensor<8x16x4xi32>) -> tensor<8x16x4xi1>
    %y.0.result.combine.slot2_hot = "stablehlo.convert"(%304) : (tensor<8x16x4xi1>) -> tensor<8x16x4xf32>
    // y.0.result.combine.weight2: f32[G@x, S, E] = mul(y.0.result.combine.mask2, y.0.result.combine.gate2) (line 59)
    %306 = "stablehlo.broadcast_in_dim"(%y.0.result.combine.gate2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %y.0.result.combine.weight2 = "stablehlo.multiply"(%y.0.result.combine.mask2, %306) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.0.result.combine.combine2: f32[G@x, S, E, C] = einsum(y.0.result.combine.weight2, y.0.result.combine.slot2_hot) (line 59)
    %y.0.result.combine.combine2 = "stablehlo.dot_general"(%y.0.result.combine.weight2, %y.0.result.combine.slot2_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8xf32>, tensor<8x16x4xf32>) -> tensor<8x16x8x4xf32>
    // y.0.result.combine: f32[G@x, S, E, C] = add(y.0.result.combine.combine1, y.0.result.combine.combine2) (line 59)
    %y.0.result.combine = "stablehlo.add"(%y.0.result.combine.combine1, %y.0.result.combine.combine2) : (tensor<8x16x8x4xf32>, tensor<8x16x8x4xf32>) -> tensor<8x16x8x4xf32>
    // y.0.result.combine.c0: f32[] = constant() (line 59)
    %y.0.result.combine.c0 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // y.0.result.dispatch: f32[G@x, S, E, C] = gt(y.0.result.combine, y.0.result.combine.c0) (line 59)
    %311 = "stablehlo.broadcast_in_dim"(%y.0.result.combine.c0) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8x4xf32>
    %312 = "stablehlo.compare"(%y.0.result.combine, %311) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8x4xf32>, tensor<8x16x8x4xf32>) -> tensor<8x16x8x4xi1>
    %y.0.result.dispatch = "stablehlo.convert"(%312) : (tensor<8x16x8x4xi1>) -> tensor<8x16x8x4xf32>
    // y.0.result.expert_inputs: f32[E@x, G, C, M] = einsum(y.0.result.dispatch, y.0.result.inputs) (line 60)
    %314 = "stablehlo.dot_general"(%y.0.result.dispatch, %y.0.result.inputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x4xf32>, tensor<8x16x32xf32>) -> tensor<8x8x4x32xf32>
    %y.0.result.expert_inputs = "stablehlo.transpose"(%314) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<8x8x4x32xf32>) -> tensor<8x8x4x32xf32>
    // y.0.result.h.x: f32[E@x, G, C, H] = einsum(y.0.result.expert_inputs, y.0.result.wi) (line 61)
    %y.0.result.h.x = "stablehlo.dot_general"(%y.0.result.expert_inputs, %y.0.result.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x4x32xf32>, tensor<8x32x64xf32>) -> tensor<8x8x4x64xf32>
    // y.0.result.h: f32[E@x, G, C, H] = relu(y.0.result.h.x) (line 61)
    %317 = "stablehlo.constant"() <{value = dense<0.0> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %y.0.result.h = "stablehlo.maximum"(%y.0.result.h.x, %317) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    // y.0.result.expert_outputs: f32[G, E@x, C, M] = einsum(y.0.result.h, y.0.result.wo) (line 62)
    %319 = "stablehlo.dot_general"(%y.0.result.h, %y.0.result.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x4x64xf32>, tensor<8x64x32xf32>) -> tensor<8x8x4x32xf32>
    %y.0.result.expert_outputs = "stablehlo.transpose"(%319) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<8x8x4x32xf32>) -> tensor<8x8x4x32xf32>
    // y.0.result.outputs: f32[G@x, S, M] = einsum(y.0.result.combine, y.0.result.expert_outputs) (line 63)
    %y.0.result.outputs = "stablehlo.dot_general"(%y.0.result.combine, %y.0.result.expert_outputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [1, 2]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x4xf32>, tensor<8x8x4x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.result.1: f32[B@x, L, M] = reshape(y.0.result.outputs) (line 64)
    %y.0.result.result.1 = "stablehlo.reshape"(%y.0.result.outputs) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.0.result.result: f32[B@x, L, M] = add(y.0.result.arg0.result, y.0.result.result.1) (line 64)
    %y.0.result.result = "stablehlo.add"(%y.0.result.arg0.result, %y.0.result.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.a.arg0.xn.0: f32[B@x, L, M] = layer_norm(y.0.result.result) (line 29)
    %324 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %325 = "stablehlo.reduce"(%y.0.result.result, %324) <{dimensions = array<i64: 2>}> ({
    ^bb0(%326: tensor<f32>, %327: tensor<f32>):
      %328 = "stablehlo.add"(%326, %327) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%328) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %329 = "stablehlo.broadcast_in_dim"(%325) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %330 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %331 = "stablehlo.divide"(%329, %330) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %332 = "stablehlo.subtract"(%y.0.result.result, %331) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %333 = "stablehlo.multiply"(%332, %332) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %334 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %335 = "stablehlo.reduce"(%333, %334) <{dimensions = array<i64: 2>}> ({
    ^bb0(%336: tensor<f32>, %337: tensor<f32>):
      %338 = "stablehlo.add"(%336, %337) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%338) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %339 = "stablehlo.broadcast_in_dim"(%335) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %340 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %341 = "stablehlo.divide"(%339, %340) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %342 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %343 = "stablehlo.add"(%341, %342) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %344 = "stablehlo.rsqrt"(%343) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %y.1.a.arg0.xn.0 = "stablehlo.multiply"(%332, %344) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.a.arg0.xn: f32[B@x, L, M] = mul(y.1.a.arg0.xn.0, y.1.a.arg0.ln_scale) (line 29)
    %346 = "stablehlo.broadcast_in_dim"(%y.1.a.arg0.ln_scale) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %y.1.a.arg0.xn = "stablehlo.multiply"(%y.1.a.arg0.xn.0, %346) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.a.arg0.q: f32[B@x, L, N, K] = einsum(y.1.a.arg0.xn, y.1.a.arg0.wq) (line 30)
    %y.1.a.arg0.q = "stablehlo.dot_general"(%y.1.a.arg0.xn, %y.1.a.arg0.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.1.a.arg0.k.x: f32[B@x, L, N, K] = einsum(y.1.a.arg0.xn, y.1.a.arg0.wk) (line 32)
    %y.1.a.arg0.k.x = "stablehlo.dot_general"(%y.1.a.arg0.xn, %y.1.a.arg0.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.1.a.arg0.k: f32[B@x, T, N, K] = rename(y.1.a.arg0.k.x) (line 32)
    // y.1.a.arg0.v.x: f32[B@x, L, N, K] = einsum(y.1.a.arg0.xn, y.1.a.arg0.wv) (line 33)
    %y.1.a.arg0.v.x = "stablehlo.dot_general"(%y.1.a.arg0.xn, %y.1.a.arg0.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.1.a.arg0.v: f32[B@x, T, N, K] = rename(y.1.a.arg0.v.x) (line 33)
    // y.1.a.arg0.logits.0: f32[B@x, N, L, T] = einsum(y.1.a.arg0.q, y.1.a.arg0.k) (line 34)
    %y.1.a.arg0.logits.0 = "stablehlo.dot_general"(%y.1.a.arg0.q, %y.1.a.arg0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x16xf32>
    // y.1.a.arg0.logits.c: f32[] = constant() (line 34)
    %y.1.a.arg0.logits.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.1.a.arg0.logits: f32[B@x, N, L, T] = mul(y.1.a.arg0.logits.0, y.1.a.arg0.logits.c) (line 34)
    %353 = "stablehlo.broadcast_in_dim"(%y.1.a.arg0.logits.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %y.1.a.arg0.logits = "stablehlo.multiply"(%y.1.a.arg0.logits.0, %353) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // y.1.a.arg0.probs: f32[B@x, N, L, T] = softmax(y.1.a.arg0.logits) (line 35)
    %355 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %356 = "stablehlo.reduce"(%y.1.a.arg0.logits, %355) <{dimensions = array<i64: 3>}> ({
    ^bb0(%357: tensor<f32>, %358: tensor<f32>):
      %359 = "stablehlo.maximum"(%357, %358) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%359) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %360 = "stablehlo.broadcast_in_dim"(%356) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %361 = "stablehlo.subtract"(%y.1.a.arg0.logits, %360) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %362 = "stablehlo.exponential"(%361) : (tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %363 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %364 = "stablehlo.reduce"(%362, %363) <{dimensions = array<i64: 3>}> ({
    ^bb0(%365: tensor<f32>, %366: tensor<f32>):
      %367 = "stablehlo.add"(%365, %366) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%367) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %368 = "stablehlo.broadcast_in_dim"(%364) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %y.1.a.arg0.probs = "stablehlo.divide"(%362, %368) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // y.1.a.arg0.context: f32[B@x, L, N, K] = einsum(y.1.a.arg0.probs, y.1.a.arg0.v) (line 36)
    %370 = "stablehlo.dot_general"(%y.1.a.arg0.probs, %y.1.a.arg0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x4x16x16xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x8xf32>
    %y.1.a.arg0.context = "stablehlo.transpose"(%370) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x4x16x8xf32>) -> tensor<8x16x4x8xf32>
    // y.1.a.arg0.result.1: f32[B@x, L, M] = einsum(y.1.a.arg0.context, y.1.a.arg0.wo) (line 37)
    %y.1.a.arg0.result.1 = "stablehlo.dot_general"(%y.1.a.arg0.context, %y.1.a.arg0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<4x8x32xf32>) -> tensor<8x16x32xf32>
    // y.1.a.arg0.result: f32[B@x, L, M] = add(y.0.result.result, y.1.a.arg0.result.1) (line 37)
    %y.1.a.arg0.result = "stablehlo.add"(%y.0.result.result, %y.1.a.arg0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.a.xn.0: f32[B@x, L, M] = layer_norm(y.1.a.arg0.result) (line 44)
    %374 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %375 = "stablehlo.reduce"(%y.1.a.arg0.result, %374) <{dimensions = array<i64: 2>}> ({
    ^bb0(%376: tensor<f32>, %377: tensor<f32>):
      %378 = "stablehlo.add"(%376, %377) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%378) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %379 = "stablehlo.broadcast_in_dim"(%375) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %380 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %381 = "stablehlo.divide"(%379, %380) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %382 = "stablehlo.subtract"(%y.1.a.arg0.result, %381) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %383 = "stablehlo.multiply"(%382, %382) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %384 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %385 = "stablehlo.reduce"(%383, %384) <{dimensions = array<i64: 2>}> ({
    ^bb0(%386: tensor<f32>, %387: tensor<f32>):
      %388 = "stablehlo.add"(%386, %387) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%388) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %389 = "stablehlo.broadcast_in_dim"(%385) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %390 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %391 = "stablehlo.divide"(%389, %390) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %392 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %393 = "stablehlo.add"(%391, %392) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %394 = "stablehlo.rsqrt"(%393) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %y.1.a.xn.0 = "stablehlo.multiply"(%382, %394) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.a.xn: f32[B@x, L, M] = mul(y.1.a.xn.0, y.1.a.ln_scale) (line 44)
    %396 = "stablehlo.broadcast_in_dim"(%y.1.a.ln_scale) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %y.1.a.xn = "stablehlo.multiply"(%y.1.a.xn.0, %396) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.a.h.x: f32[B@x, L, H] = einsum(y.1.a.xn, y.1.a.wi) (line 45)
    %y.1.a.h.x = "stablehlo.dot_general"(%y.1.a.xn, %y.1.a.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x64xf32>) -> tensor<8x16x64xf32>
    // y.1.a.h: f32[B@x, L, H] = relu(y.1.a.h.x) (line 45)
    %399 = "stablehlo.constant"() <{value = dense<0.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %y.1.a.h = "stablehlo.maximum"(%y.1.a.h.x, %399) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.1.a.result.1: f32[B@x, L, M] = einsum(y.1.a.h, y.1.a.wo) (line 46)
    %y.1.a.result.1 = "stablehlo.dot_general"(%y.1.a.h, %y.1.a.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x32xf32>) -> tensor<8x16x32xf32>
    // y.1.a.result: f32[B@x, L, M] = add(y.1.a.arg0.result, y.1.a.result.1) (line 46)
    %y.1.a.result = "stablehlo.add"(%y.1.a.arg0.result, %y.1.a.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.arg0.xn.0: f32[B@x, L, M] = layer_norm(y.1.a.result) (line 29)
    %403 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %404 = "stablehlo.reduce"(%y.1.a.result, %403) <{dimensions = array<i64: 2>}> ({
    ^bb0(%405: tensor<f32>, %406: tensor<f32>):
      %407 = "stablehlo.add"(%405, %406) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%407) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %408 = "stablehlo.broadcast_in_dim"(%404) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %409 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %410 = "stablehlo.divide"(%408, %409) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %411 = "stablehlo.subtract"(%y.1.a.result, %410) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %412 = "stablehlo.multiply"(%411, %411) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %413 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %414 = "stablehlo.reduce"(%412, %413) <{dimensions = array<i64: 2>}> ({
    ^bb0(%415: tensor<f32>, %416: tensor<f32>):
      %417 = "stablehlo.add"(%415, %416) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%417) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %418 = "stablehlo.broadcast_in_dim"(%414) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %419 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %420 = "stablehlo.divide"(%418, %419) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %421 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %422 = "stablehlo.add"(%420, %421) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %423 = "stablehlo.rsqrt"(%422) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %y.1.result.arg0.xn.0 = "stablehlo.multiply"(%411, %423) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.arg0.xn: f32[B@x, L, M] = mul(y.1.result.arg0.xn.0, y.1.result.arg0.ln_scale) (line 29)
    %425 = "stablehlo.broadcast_in_dim"(%y.1.result.arg0.ln_scale) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %y.1.result.arg0.xn = "stablehlo.multiply"(%y.1.result.arg0.xn.0, %425) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.arg0.q: f32[B@x, L, N, K] = einsum(y.1.result.arg0.xn, y.1.result.arg0.wq) (line 30)
    %y.1.result.arg0.q = "stablehlo.dot_general"(%y.1.result.arg0.xn, %y.1.result.arg0.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.1.result.arg0.k.x: f32[B@x, L, N, K] = einsum(y.1.result.arg0.xn, y.1.result.arg0.wk) (line 32)
    %y.1.result.arg0.k.x = "stablehlo.dot_general"(%y.1.result.arg0.xn, %y.1.result.arg0.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.1.result.arg0.k: f32[B@x, T, N, K] = rename(y.1.result.arg0.k.x) (line 32)
    // y.1.result.arg0.v.x: f32[B@x, L, N, K] = einsum(y.1.result.arg0.xn, y.1.result.arg0.wv) (line 33)
    %y.1.result.arg0.v.x = "stablehlo.dot_general"(%y.1.result.arg0.xn, %y.1.result.arg0.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x4x8xf32>) -> tensor<8x16x4x8xf32>
    // y.1.result.arg0.v: f32[B@x, T, N, K] = rename(y.1.result.arg0.v.x) (line 33)
    // y.1.result.arg0.logits.0: f32[B@x, N, L, T] = einsum(y.1.result.arg0.q, y.1.result.arg0.k) (line 34)
    %y.1.result.arg0.logits.0 = "stablehlo.dot_general"(%y.1.result.arg0.q, %y.1.result.arg0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x16xf32>
    // y.1.result.arg0.logits.c: f32[] = constant() (line 34)
    %y.1.result.arg0.logits.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.1.result.arg0.logits: f32[B@x, N, L, T] = mul(y.1.result.arg0.logits.0, y.1.result.arg0.logits.c) (line 34)
    %432 = "stablehlo.broadcast_in_dim"(%y.1.result.arg0.logits.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x4x16x16xf32>
    %y.1.result.arg0.logits = "stablehlo.multiply"(%y.1.result.arg0.logits.0, %432) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // y.1.result.arg0.probs: f32[B@x, N, L, T] = softmax(y.1.result.arg0.logits) (line 35)
    %434 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %435 = "stablehlo.reduce"(%y.1.result.arg0.logits, %434) <{dimensions = array<i64: 3>}> ({
    ^bb0(%436: tensor<f32>, %437: tensor<f32>):
      %438 = "stablehlo.maximum"(%436, %437) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%438) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %439 = "stablehlo.broadcast_in_dim"(%435) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %440 = "stablehlo.subtract"(%y.1.result.arg0.logits, %439) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %441 = "stablehlo.exponential"(%440) : (tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    %442 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %443 = "stablehlo.reduce"(%441, %442) <{dimensions = array<i64: 3>}> ({
    ^bb0(%444: tensor<f32>, %445: tensor<f32>):
      %446 = "stablehlo.add"(%444, %445) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%446) : (tensor<f32>) -> ()
    }) : (tensor<8x4x16x16xf32>, tensor<f32>) -> tensor<8x4x16xf32>
    %447 = "stablehlo.broadcast_in_dim"(%443) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x4x16xf32>) -> tensor<8x4x16x16xf32>
    %y.1.result.arg0.probs = "stablehlo.divide"(%441, %447) : (tensor<8x4x16x16xf32>, tensor<8x4x16x16xf32>) -> tensor<8x4x16x16xf32>
    // y.1.result.arg0.context: f32[B@x, L, N, K] = einsum(y.1.result.arg0.probs, y.1.result.arg0.v) (line 36)
    %449 = "stablehlo.dot_general"(%y.1.result.arg0.probs, %y.1.result.arg0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x4x16x16xf32>, tensor<8x16x4x8xf32>) -> tensor<8x4x16x8xf32>
    %y.1.result.arg0.context = "stablehlo.transpose"(%449) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x4x16x8xf32>) -> tensor<8x16x4x8xf32>
    // y.1.result.arg0.result.1: f32[B@x, L, M] = einsum(y.1.result.arg0.context, y.1.result.arg0.wo) (line 37)
    %y.1.result.arg0.result.1 = "stablehlo.dot_general"(%y.1.result.arg0.context, %y.1.result.arg0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x4x8xf32>, tensor<4x8x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.arg0.result: f32[B@x, L, M] = add(y.1.a.result, y.1.result.arg0.result.1) (line 37)
    %y.1.result.arg0.result = "stablehlo.add"(%y.1.a.result, %y.1.result.arg0.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.xn.0: f32[B@x, L, M] = layer_norm(y.1.result.arg0.result) (line 56)
    %453 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %454 = "stablehlo.reduce"(%y.1.result.arg0.result, %453) <{dimensions = array<i64: 2>}> ({
    ^bb0(%455: tensor<f32>, %456: tensor<f32>):
      %457 = "stablehlo.add"(%455, %456) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%457) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %458 = "stablehlo.broadcast_in_dim"(%454) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %459 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %460 = "stablehlo.divide"(%458, %459) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %461 = "stablehlo.subtract"(%y.1.result.arg0.result, %460) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %462 = "stablehlo.multiply"(%461, %461) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %463 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %464 = "stablehlo.reduce"(%462, %463) <{dimensions = array<i64: 2>}> ({
    ^bb0(%465: tensor<f32>, %466: tensor<f32>):
      %467 = "stablehlo.add"(%465, %466) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%467) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %468 = "stablehlo.broadcast_in_dim"(%464) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %469 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %470 = "stablehlo.divide"(%468, %469) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %471 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %472 = "stablehlo.add"(%470, %471) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %473 = "stablehlo.rsqrt"(%472) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %y.1.result.xn.0 = "stablehlo.multiply"(%461, %473) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.xn: f32[B@x, L, M] = mul(y.1.result.xn.0, y.1.result.ln_scale) (line 56)
    %475 = "stablehlo.broadcast_in_dim"(%y.1.result.ln_scale) <{broadcast_dimensions = array<i64: 2>}> : (tensor<32xf32>) -> tensor<8x16x32xf32>
    %y.1.result.xn = "stablehlo.multiply"(%y.1.result.xn.0, %475) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.inputs: f32[G@x, S, M] = reshape(y.1.result.xn) (line 57)
    %y.1.result.inputs = "stablehlo.reshape"(%y.1.result.xn) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.logits: f32[G@x, S, E] = einsum(y.1.result.inputs, y.1.result.wg) (line 58)
    %y.1.result.logits = "stablehlo.dot_general"(%y.1.result.inputs, %y.1.result.wg) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x32xf32>, tensor<32x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.gates: f32[G@x, S, E] = softmax(y.1.result.logits) (line 59)
    %479 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %480 = "stablehlo.reduce"(%y.1.result.logits, %479) <{dimensions = array<i64: 2>}> ({
    ^bb0(%481: tensor<f32>, %482: tensor<f32>):
      %483 = "stablehlo.maximum"(%481, %482) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%483) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    %484 = "stablehlo.broadcast_in_dim"(%480) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %485 = "stablehlo.subtract"(%y.1.result.logits, %484) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    %486 = "stablehlo.exponential"(%485) : (tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    %487 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %488 = "stablehlo.reduce"(%486, %487) <{dimensions = array<i64: 2>}> ({
    ^bb0(%489: tensor<f32>, %490: tensor<f32>):
      %491 = "stablehlo.add"(%489, %490) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%491) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    %492 = "stablehlo.broadcast_in_dim"(%488) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %y.1.result.combine.gates = "stablehlo.divide"(%486, %492) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.idx1: i32[G@x, S] = argmax(y.1.result.combine.gates) (line 59)
    %494 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %495 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %496 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %497:2 = "stablehlo.reduce"(%y.1.result.combine.gates, %494, %495, %496) <{dimensions = array<i64: 2>}> ({
    ^bb0(%498: tensor<f32>, %499: tensor<i32>, %500: tensor<f32>, %501: tensor<i32>):
      %502 = "stablehlo.compare"(%498, %500) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %503 = "stablehlo.compare"(%498, %498) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %504 = "stablehlo.or"(%502, %503) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %505 = "stablehlo.compare"(%498, %500) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %506 = "stablehlo.compare"(%499, %501) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %507 = "stablehlo.and"(%505, %506) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %508 = "stablehlo.or"(%504, %507) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %509 = "stablehlo.select"(%504, %498, %500) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
      %510 = "stablehlo.select"(%508, %499, %501) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%509, %510) : (tensor<f32>, tensor<i32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<8x16x8xi32>, tensor<f32>, tensor<i32>) -> (tensor<8x16xf32>, tensor<8x16xi32>)
    // y.1.result.combine.mask1_raw: f32[G@x, S, E] = one_hot(y.1.result.combine.idx1) (line 59)
    %511 = "stablehlo.broadcast_in_dim"(%497#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x8xi32>
    %512 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %513 = "stablehlo.compare"(%511, %512) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x8xi32>, tensor<8x16x8xi32>) -> tensor<8x16x8xi1>
    %y.1.result.combine.mask1_raw = "stablehlo.convert"(%513) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // y.1.result.combine.c2: f32[] = constant() (line 59)
    %y.1.result.combine.c2 = "stablehlo.constant"() <{value = dense<2.0> : tensor<f32>}> : () -> tensor<f32>
    // y.1.result.combine.mask1_x2: f32[G@x, S, E] = mul(y.1.result.combine.mask1_raw, y.1.result.combine.c2) (line 59)
    %516 = "stablehlo.broadcast_in_dim"(%y.1.result.combine.c2) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %y.1.result.combine.mask1_x2 = "stablehlo.multiply"(%y.1.result.combine.mask1_raw, %516) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.gates_without_first: f32[G@x, S, E] = sub(y.1.result.combine.gates, y.1.result.combine.mask1_x2) (line 59)
    %y.1.result.combine.gates_without_first = "stablehlo.subtract"(%y.1.result.combine.gates, %y.1.result.combine.mask1_x2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.idx2: i32[G@x, S] = argmax(y.1.result.combine.gates_without_first) (line 59)
    %519 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %520 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %521 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %522:2 = "stablehlo.reduce"(%y.1.result.combine.gates_without_first, %519, %520, %521) <{dimensions = array<i64: 2>}> ({
    ^bb0(%523: tensor<f32>, %524: tensor<i32>, %525: tensor<f32>, %526: tensor<i32>):
      %527 = "stablehlo.compare"(%523, %525) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %528 = "stablehlo.compare"(%523, %523) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %529 = "stablehlo.or"(%527, %528) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %530 = "stablehlo.compare"(%523, %525) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %531 = "stablehlo.compare"(%524, %526) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %532 = "stablehlo.and"(%530, %531) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %533 = "stablehlo.or"(%529, %532) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %534 = "stablehlo.select"(%529, %523, %525) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
      %535 = "stablehlo.select"(%533, %524, %526) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%534, %535) : (tensor<f32>, tensor<i32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<8x16x8xi32>, tensor<f32>, tensor<i32>) -> (tensor<8x16xf32>, tensor<8x16xi32>)
    // y.1.result.combine.mask2_raw: f32[G@x, S, E] = one_hot(y.1.result.combine.idx2) (line 59)
    %536 = "stablehlo.broadcast_in_dim"(%522#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x8xi32>
    %537 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x8xi32>
    %538 = "stablehlo.compare"(%536, %537) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x8xi32>, tensor<8x16x8xi32>) -> tensor<8x16x8xi1>
    %y.1.result.combine.mask2_raw = "stablehlo.convert"(%538) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // y.1.result.combine.gate1_sel: f32[G@x, S, E] = mul(y.1.result.combine.gates, y.1.result.combine.mask1_raw) (line 59)
    %y.1.result.combine.gate1_sel = "stablehlo.multiply"(%y.1.result.combine.gates, %y.1.result.combine.mask1_raw) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.gate1_raw: f32[G@x, S] = reduce_sum(y.1.result.combine.gate1_sel) (line 59)
    %541 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.1.result.combine.gate1_raw = "stablehlo.reduce"(%y.1.result.combine.gate1_sel, %541) <{dimensions = array<i64: 2>}> ({
    ^bb0(%543: tensor<f32>, %544: tensor<f32>):
      %545 = "stablehlo.add"(%543, %544) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%545) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // y.1.result.combine.gate2_sel: f32[G@x, S, E] = mul(y.1.result.combine.gates, y.1.result.combine.mask2_raw) (line 59)
    %y.1.result.combine.gate2_sel = "stablehlo.multiply"(%y.1.result.combine.gates, %y.1.result.combine.mask2_raw) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.gate2_raw: f32[G@x, S] = reduce_sum(y.1.result.combine.gate2_sel) (line 59)
    %547 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.1.result.combine.gate2_raw = "stablehlo.reduce"(%y.1.result.combine.gate2_sel, %547) <{dimensions = array<i64: 2>}> ({
    ^bb0(%549: tensor<f32>, %550: tensor<f32>):
      %551 = "stablehlo.add"(%549, %550) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%551) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // y.1.result.combine.gate_sum: f32[G@x, S] = add(y.1.result.combine.gate1_raw, y.1.result.combine.gate2_raw) (line 59)
    %y.1.result.combine.gate_sum = "stablehlo.add"(%y.1.result.combine.gate1_raw, %y.1.result.combine.gate2_raw) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // y.1.result.combine.gate1: f32[G@x, S] = div(y.1.result.combine.gate1_raw, y.1.result.combine.gate_sum) (line 59)
    %y.1.result.combine.gate1 = "stablehlo.divide"(%y.1.result.combine.gate1_raw, %y.1.result.combine.gate_sum) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // y.1.result.combine.gate2: f32[G@x, S] = div(y.1.result.combine.gate2_raw, y.1.result.combine.gate_sum) (line 59)
    %y.1.result.combine.gate2 = "stablehlo.divide"(%y.1.result.combine.gate2_raw, %y.1.result.combine.gate_sum) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    // y.1.result.combine.density1: f32[G@x, E] = reduce_mean(y.1.result.combine.mask1_raw) (line 59)
    %555 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %556 = "stablehlo.reduce"(%y.1.result.combine.mask1_raw, %555) <{dimensions = array<i64: 1>}> ({
    ^bb0(%557: tensor<f32>, %558: tensor<f32>):
      %559 = "stablehlo.add"(%557, %558) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%559) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    %560 = "stablehlo.constant"() <{value = dense<16.0> : tensor<8x8xf32>}> : () -> tensor<8x8xf32>
    %y.1.result.combine.density1 = "stablehlo.divide"(%556, %560) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // y.1.result.combine.density1_proxy: f32[G@x, E] = reduce_mean(y.1.result.combine.gates) (line 59)
    %562 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %563 = "stablehlo.reduce"(%y.1.result.combine.gates, %562) <{dimensions = array<i64: 1>}> ({
    ^bb0(%564: tensor<f32>, %565: tensor<f32>):
      %566 = "stablehlo.add"(%564, %565) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%566) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    %567 = "stablehlo.constant"() <{value = dense<16.0> : tensor<8x8xf32>}> : () -> tensor<8x8xf32>
    %y.1.result.combine.density1_proxy = "stablehlo.divide"(%563, %567) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // y.1.result.combine.density_product: f32[G@x, E] = mul(y.1.result.combine.density1, y.1.result.combine.density1_proxy) (line 59)
    %y.1.result.combine.density_product = "stablehlo.multiply"(%y.1.result.combine.density1, %y.1.result.combine.density1_proxy) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // y.1.result.aux: f32[] = reduce_mean(y.1.result.combine.density_product) (line 59)
    %570 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %571 = "stablehlo.reduce"(%y.1.result.combine.density_product, %570) <{dimensions = array<i64: 0, 1>}> ({
    ^bb0(%572: tensor<f32>, %573: tensor<f32>):
      %574 = "stablehlo.add"(%572, %573) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%574) : (tensor<f32>) -> ()
    }) : (tensor<8x8xf32>, tensor<f32>) -> tensor<f32>
    %575 = "stablehlo.constant"() <{value = dense<64.0> : tensor<f32>}> : () -> tensor<f32>
    %y.1.result.aux = "stablehlo.divide"(%571, %575) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    // y.1.result.combine.c4: f32[] = constant() (line 59)
    %y.1.result.combine.c4 = "stablehlo.constant"() <{value = dense<4.0> : tensor<f32>}> : () -> tensor<f32>
    // y.1.result.combine.pos1: f32[G@x, S, E] = cumsum(y.1.result.combine.mask1_raw) (line 59)
    %578 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %579 = "stablehlo.pad"(%y.1.result.combine.mask1_raw, %578) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    %y.1.result.combine.pos1 = "stablehlo.reduce_window"(%579, %578) <{window_dimensions = array<i64: 1, 16, 1>, padding = dense<[[0, 0], [15, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%581: tensor<f32>, %582: tensor<f32>):
      %583 = "stablehlo.add"(%581, %582) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%583) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.fits1: f32[G@x, S, E] = lt(y.1.result.combine.pos1, y.1.result.combine.c4) (line 59)
    %584 = "stablehlo.broadcast_in_dim"(%y.1.result.combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %585 = "stablehlo.compare"(%y.1.result.combine.pos1, %584) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xi1>
    %y.1.result.combine.fits1 = "stablehlo.convert"(%585) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // y.1.result.combine.mask1: f32[G@x, S, E] = mul(y.1.result.combine.mask1_raw, y.1.result.combine.fits1) (line 59)
    %y.1.result.combine.mask1 = "stablehlo.multiply"(%y.1.result.combine.mask1_raw, %y.1.result.combine.fits1) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.kept1_count: f32[G@x, E] = reduce_sum(y.1.result.combine.mask1) (line 59)
    %588 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.1.result.combine.kept1_count = "stablehlo.reduce"(%y.1.result.combine.mask1, %588) <{dimensions = array<i64: 1>}> ({
    ^bb0(%590: tensor<f32>, %591: tensor<f32>):
      %592 = "stablehlo.add"(%590, %591) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%592) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x8xf32>
    // y.1.result.combine.pos2_local: f32[G@x, S, E] = cumsum(y.1.result.combine.mask2_raw) (line 59)
    %593 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %594 = "stablehlo.pad"(%y.1.result.combine.mask2_raw, %593) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    %y.1.result.combine.pos2_local = "stablehlo.reduce_window"(%594, %593) <{window_dimensions = array<i64: 1, 16, 1>, padding = dense<[[0, 0], [15, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%596: tensor<f32>, %597: tensor<f32>):
      %598 = "stablehlo.add"(%596, %597) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%598) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.pos2: f32[G@x, S, E] = add(y.1.result.combine.pos2_local, y.1.result.combine.kept1_count) (line 59)
    %599 = "stablehlo.broadcast_in_dim"(%y.1.result.combine.kept1_count) <{broadcast_dimensions = array<i64: 0, 2>}> : (tensor<8x8xf32>) -> tensor<8x16x8xf32>
    %y.1.result.combine.pos2 = "stablehlo.add"(%y.1.result.combine.pos2_local, %599) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.fits2: f32[G@x, S, E] = lt(y.1.result.combine.pos2, y.1.result.combine.c4) (line 59)
    %601 = "stablehlo.broadcast_in_dim"(%y.1.result.combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8xf32>
    %602 = "stablehlo.compare"(%y.1.result.combine.pos2, %601) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xi1>
    %y.1.result.combine.fits2 = "stablehlo.convert"(%602) : (tensor<8x16x8xi1>) -> tensor<8x16x8xf32>
    // y.1.result.combine.mask2: f32[G@x, S, E] = mul(y.1.result.combine.mask2_raw, y.1.result.combine.fits2) (line 59)
    %y.1.result.combine.mask2 = "stablehlo.multiply"(%y.1.result.combine.mask2_raw, %y.1.result.combine.fits2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.slot1_sel: f32[G@x, S, E] = mul(y.1.result.combine.pos1, y.1.result.combine.mask1) (line 59)
    %y.1.result.combine.slot1_sel = "stablehlo.multiply"(%y.1.result.combine.pos1, %y.1.result.combine.mask1) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.slot1_f: f32[G@x, S] = reduce_sum(y.1.result.combine.slot1_sel) (line 59)
    %606 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.1.result.combine.slot1_f = "stablehlo.reduce"(%y.1.result.combine.slot1_sel, %606) <{dimensions = array<i64: 2>}> ({
    ^bb0(%608: tensor<f32>, %609: tensor<f32>):
      %610 = "stablehlo.add"(%608, %609) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%610) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // y.1.result.combine.slot1: i32[G@x, S] = cast(y.1.result.combine.slot1_f) (line 59)
    %y.1.result.combine.slot1 = "stablehlo.convert"(%y.1.result.combine.slot1_f) : (tensor<8x16xf32>) -> tensor<8x16xi32>
    // y.1.result.combine.slot1_hot: f32[G@x, S, C] = one_hot(y.1.result.combine.slot1) (line 59)
    %612 = "stablehlo.broadcast_in_dim"(%y.1.result.combine.slot1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x4xi32>
    %613 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x4xi32>
    %614 = "stablehlo.compare"(%612, %613) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x4xi32>, tensor<8x16x4xi32>) -> tensor<8x16x4xi1>
    %y.1.result.combine.slot1_hot = "stablehlo.convert"(%614) : (tensor<8x16x4xi1>) -> tensor<8x16x4xf32>
    // y.1.result.combine.weight1: f32[G@x, S, E] = mul(y.1.result.combine.mask1, y.1.result.combine.gate1) (line 59)
    %616 = "stablehlo.broadcast_in_dim"(%y.1.result.combine.gate1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %y.1.result.combine.weight1 = "stablehlo.multiply"(%y.1.result.combine.mask1, %616) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.combine1: f32[G@x, S, E, C] = einsum(y.1.result.combine.weight1, y.1.result.combine.slot1_hot) (line 59)
    %y.1.result.combine.combine1 = "stablehlo.dot_general"(%y.1.result.combine.weight1, %y.1.result.combine.slot1_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8xf32>, tensor<8x16x4xf32>) -> tensor<8x16x8x4xf32>
    // y.1.result.combine.slot2_sel: f32[G@x, S, E] = mul(y.1.result.combine.pos2, y.1.result.combine.mask2) (line 59)
    %y.1.result.combine.slot2_sel = "stablehlo.multiply"(%y.1.result.combine.pos2, %y.1.result.combine.mask2) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.slot2_f: f32[G@x, S] = reduce_sum(y.1.result.combine.slot2_sel) (line 59)
    %620 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %y.1.result.combine.slot2_f = "stablehlo.reduce"(%y.1.result.combine.slot2_sel, %620) <{dimensions = array<i64: 2>}> ({
    ^bb0(%622: tensor<f32>, %623: tensor<f32>):
      %624 = "stablehlo.add"(%622, %623) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%624) : (tensor<f32>) -> ()
    }) : (tensor<8x16x8xf32>, tensor<f32>) -> tensor<8x16xf32>
    // y.1.result.combine.slot2: i32[G@x, S] = cast(y.1.result.combine.slot2_f) (line 59)
    %y.1.result.combine.slot2 = "stablehlo.convert"(%y.1.result.combine.slot2_f) : (tensor<8x16xf32>) -> tensor<8x16xi32>
    // y.1.result.combine.slot2_hot: f32[G@x, S, C] = one_hot(y.1.result.combine.slot2) (line 59)
    %626 = "stablehlo.broadcast_in_dim"(%y.1.result.combine.slot2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xi32>) -> tensor<8x16x4xi32>
    %627 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x16x4xi32>
    %628 = "stablehlo.compare"(%626, %627) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x16x4xi32>, tensor<8x16x4xi32>) -> tensor<8x16x4xi1>
    %y.1.result.combine.slot2_hot = "stablehlo.convert"(%628) : (tensor<8x16x4xi1>) -> tensor<8x16x4xf32>
    // y.1.result.combine.weight2: f32[G@x, S, E] = mul(y.1.result.combine.mask2, y.1.result.combine.gate2) (line 59)
    %630 = "stablehlo.broadcast_in_dim"(%y.1.result.combine.gate2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x8xf32>
    %y.1.result.combine.weight2 = "stablehlo.multiply"(%y.1.result.combine.mask2, %630) : (tensor<8x16x8xf32>, tensor<8x16x8xf32>) -> tensor<8x16x8xf32>
    // y.1.result.combine.combine2: f32[G@x, S, E, C] = einsum(y.1.result.combine.weight2, y.1.result.combine.slot2_hot) (line 59)
    %y.1.result.combine.combine2 = "stablehlo.dot_general"(%y.1.result.combine.weight2, %y.1.result.combine.slot2_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8xf32>, tensor<8x16x4xf32>) -> tensor<8x16x8x4xf32>
    // y.1.result.combine: f32[G@x, S, E, C] = add(y.1.result.combine.combine1, y.1.result.combine.combine2) (line 59)
    %y.1.result.combine = "stablehlo.add"(%y.1.result.combine.combine1, %y.1.result.combine.combine2) : (tensor<8x16x8x4xf32>, tensor<8x16x8x4xf32>) -> tensor<8x16x8x4xf32>
    // y.1.result.combine.c0: f32[] = constant() (line 59)
    %y.1.result.combine.c0 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // y.1.result.dispatch: f32[G@x, S, E, C] = gt(y.1.result.combine, y.1.result.combine.c0) (line 59)
    %635 = "stablehlo.broadcast_in_dim"(%y.1.result.combine.c0) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x16x8x4xf32>
    %636 = "stablehlo.compare"(%y.1.result.combine, %635) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x16x8x4xf32>, tensor<8x16x8x4xf32>) -> tensor<8x16x8x4xi1>
    %y.1.result.dispatch = "stablehlo.convert"(%636) : (tensor<8x16x8x4xi1>) -> tensor<8x16x8x4xf32>
    // y.1.result.expert_inputs: f32[E@x, G, C, M] = einsum(y.1.result.dispatch, y.1.result.inputs) (line 60)
    %638 = "stablehlo.dot_general"(%y.1.result.dispatch, %y.1.result.inputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x4xf32>, tensor<8x16x32xf32>) -> tensor<8x8x4x32xf32>
    %y.1.result.expert_inputs = "stablehlo.transpose"(%638) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<8x8x4x32xf32>) -> tensor<8x8x4x32xf32>
    // y.1.result.h.x: f32[E@x, G, C, H] = einsum(y.1.result.expert_inputs, y.1.result.wi) (line 61)
    %y.1.result.h.x = "stablehlo.dot_general"(%y.1.result.expert_inputs, %y.1.result.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x4x32xf32>, tensor<8x32x64xf32>) -> tensor<8x8x4x64xf32>
    // y.1.result.h: f32[E@x, G, C, H] = relu(y.1.result.h.x) (line 61)
    %641 = "stablehlo.constant"() <{value = dense<0.0> : tensor<8x8x4x64xf32>}> : () -> tensor<8x8x4x64xf32>
    %y.1.result.h = "stablehlo.maximum"(%y.1.result.h.x, %641) : (tensor<8x8x4x64xf32>, tensor<8x8x4x64xf32>) -> tensor<8x8x4x64xf32>
    // y.1.result.expert_outputs: f32[G, E@x, C, M] = einsum(y.1.result.h, y.1.result.wo) (line 62)
    %643 = "stablehlo.dot_general"(%y.1.result.h, %y.1.result.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x4x64xf32>, tensor<8x64x32xf32>) -> tensor<8x8x4x32xf32>
    %y.1.result.expert_outputs = "stablehlo.transpose"(%643) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<8x8x4x32xf32>) -> tensor<8x8x4x32xf32>
    // y.1.result.outputs: f32[G@x, S, M] = einsum(y.1.result.combine, y.1.result.expert_outputs) (line 63)
    %y.1.result.outputs = "stablehlo.dot_general"(%y.1.result.combine, %y.1.result.expert_outputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [1, 2]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x4xf32>, tensor<8x8x4x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.result.1: f32[B@x, L, M] = reshape(y.1.result.outputs) (line 64)
    %y.1.result.result.1 = "stablehlo.reshape"(%y.1.result.outputs) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // y.1.result.result: f32[B@x, L, M] = add(y.1.result.arg0.result, y.1.result.result.1) (line 64)
    %y.1.result.result = "stablehlo.add"(%y.1.result.arg0.result, %y.1.result.result.1) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    // result: f32[B@x, L, M] = layer_norm(y.1.result.result) (line 74)
    %648 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %649 = "stablehlo.reduce"(%y.1.result.result, %648) <{dimensions = array<i64: 2>}> ({
    ^bb0(%650: tensor<f32>, %651: tensor<f32>):
      %652 = "stablehlo.add"(%650, %651) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%652) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %653 = "stablehlo.broadcast_in_dim"(%649) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %654 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %655 = "stablehlo.divide"(%653, %654) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %656 = "stablehlo.subtract"(%y.1.result.result, %655) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %657 = "stablehlo.multiply"(%656, %656) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %658 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %659 = "stablehlo.reduce"(%657, %658) <{dimensions = array<i64: 2>}> ({
    ^bb0(%660: tensor<f32>, %661: tensor<f32>):
      %662 = "stablehlo.add"(%660, %661) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%662) : (tensor<f32>) -> ()
    }) : (tensor<8x16x32xf32>, tensor<f32>) -> tensor<8x16xf32>
    %663 = "stablehlo.broadcast_in_dim"(%659) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x32xf32>
    %664 = "stablehlo.constant"() <{value = dense<32.0> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %665 = "stablehlo.divide"(%663, %664) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %666 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x32xf32>}> : () -> tensor<8x16x32xf32>
    %667 = "stablehlo.add"(%665, %666) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %668 = "stablehlo.rsqrt"(%667) : (tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    %result = "stablehlo.multiply"(%656, %668) : (tensor<8x16x32xf32>, tensor<8x16x32xf32>) -> tensor<8x16x32xf32>
    "func.return"(%result) : (tensor<8x16x32xf32>) -> ()
  }
}
