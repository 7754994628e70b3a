// llama_block from examples/llama_block.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with GSPMD (mhlo.sharding) shardings on mesh tpu_v3 [data = 2, model = 4] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @llama_block attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<4x16x64xf32> {jax.arg_info = "x", mhlo.sharding = "{devices=[2,1,1,4]<=[8] last_tile_dim_replicate}"}, %y.0.attn_norm: tensor<64xf32> {jax.arg_info = "y.0.attn_norm", mhlo.sharding = "{replicated}"}, %y.0.wq: tensor<64x8x8xf32> {jax.arg_info = "y.0.wq", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.wk: tensor<64x8x8xf32> {jax.arg_info = "y.0.wk", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.wv: tensor<64x8x8xf32> {jax.arg_info = "y.0.wv", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.wo: tensor<8x8x64xf32> {jax.arg_info = "y.0.wo", mhlo.sharding = "{devices=[4,1,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.ffn_norm: tensor<64xf32> {jax.arg_info = "y.0.ffn_norm", mhlo.sharding = "{replicated}"}, %y.0.w_gate: tensor<64x128xf32> {jax.arg_info = "y.0.w_gate", mhlo.sharding = "{devices=[1,4,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.w_up: tensor<64x128xf32> {jax.arg_info = "y.0.w_up", mhlo.sharding = "{devices=[1,4,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.w_down: tensor<128x64xf32> {jax.arg_info = "y.0.w_down", mhlo.sharding = "{devices=[4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.attn_norm: tensor<64xf32> {jax.arg_info = "y.1.attn_norm", mhlo.sharding = "{replicated}"}, %y.1.wq: tensor<64x8x8xf32> {jax.arg_info = "y.1.wq", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.wk: tensor<64x8x8xf32> {jax.arg_info = "y.1.wk", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.wv: tensor<64x8x8xf32> {jax.arg_info = "y.1.wv", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.wo: tensor<8x8x64xf32> {jax.arg_info = "y.1.wo", mhlo.sharding = "{devices=[4,1,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.ffn_norm: tensor<64xf32> {jax.arg_info = "y.1.ffn_norm", mhlo.sharding = "{replicated}"}, %y.1.w_gate: tensor<64x128xf32> {jax.arg_info = "y.1.w_gate", mhlo.sharding = "{devices=[1,4,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.w_up: tensor<64x128xf32> {jax.arg_info = "y.1.w_up", mhlo.sharding = "{devices=[1,4,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.w_down: tensor<128x64xf32> {jax.arg_info = "y.1.w_down", mhlo.sharding = "{devices=[4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}) -> (tensor<4x16x64xf32> {jax.result_info = "y.1.y", mhlo.sharding = "{devices=[2,1,1,4]<=[8] last_tile_dim_replicate}"}) {
    // y.0.xn.0.sq: f32[B@data, L, M] = square(x) (line 27)
    %y.0.xn.0.sq = "stablehlo.multiply"(%x, %x) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.xn.0.mean_sq: f32[B@data, L] = reduce_mean(y.0.xn.0.sq) (line 27)
    %1 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %2 = "stablehlo.reduce"(%y.0.xn.0.sq, %1) <{dimensions = array<i64: 2>}> ({
    ^bb0(%3: tensor<f32>, %4: tensor<f32>):
      %5 = "stablehlo.add"(%3, %4) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%5) : (tensor<f32>) -> ()
    }) : (tensor<4x16x64xf32>, tensor<f32>) -> tensor<4x16xf32>
    %6 = "stablehlo.constant"() <{value = dense<64.0> : tensor<4x16xf32>}> : () -> tensor<4x16xf32>
    %y.0.xn.0.mean_sq = "stablehlo.divide"(%2, %6) : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.0.xn.0.eps: f32[] = constant() (line 27)
    %y.0.xn.0.eps = "stablehlo.constant"() <{value = dense<0.000001> : tensor<f32>}> : () -> tensor<f32>
    // y.0.xn.0.var: f32[B@data, L] = add(y.0.xn.0.mean_sq, y.0.xn.0.eps) (line 27)
    %9 = "stablehlo.broadcast_in_dim"(%y.0.xn.0.eps) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x16xf32>
    %y.0.xn.0.var = "stablehlo.add"(%y.0.xn.0.mean_sq, %9) : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.0.xn.0.inv: f32[B@data, L] = rsqrt(y.0.xn.0.var) (line 27)
    %y.0.xn.0.inv = "stablehlo.rsqrt"(%y.0.xn.0.var) : (tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.0.xn.0: f32[B@data, L, M] = mul(x, y.0.xn.0.inv) (line 27)
    %12 = "stablehlo.broadcast_in_dim"(%y.0.xn.0.inv) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x16xf32>) -> tensor<4x16x64xf32>
    %y.0.xn.0 = "stablehlo.multiply"(%x, %12) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.xn: f32[B@data, L, M] = mul(y.0.xn.0, y.0.attn_norm) (line 27)
    %14 = "stablehlo.broadcast_in_dim"(%y.0.attn_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<4x16x64xf32>
    %y.0.xn = "stablehlo.multiply"(%y.0.xn.0, %14) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.q: f32[B@data, L, N@model, K] = einsum(y.0.xn, y.0.wq) (line 28)
    %y.0.q = "stablehlo.dot_general"(%y.0.xn, %y.0.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x8x8xf32>) -> tensor<4x16x8x8xf32>
    // y.0.k.x: f32[B@data, L, N@model, K] = einsum(y.0.xn, y.0.wk) (line 29)
    %y.0.k.x = "stablehlo.dot_general"(%y.0.xn, %y.0.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x8x8xf32>) -> tensor<4x16x8x8xf32>
    // y.0.k: f32[B@data, T, N@model, K] = rename(y.0.k.x) (line 29)
    // y.0.v.x: f32[B@data, L, N@model, K] = einsum(y.0.xn, y.0.wv) (line 30)
    %y.0.v.x = "stablehlo.dot_general"(%y.0.xn, %y.0.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x8x8xf32>) -> tensor<4x16x8x8xf32>
    // y.0.v: f32[B@data, T, N@model, K] = rename(y.0.v.x) (line 30)
    // y.0.causal.a: i32[T] = iota() (line 32)
    %y.0.causal.a = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<16xi32>
    // y.0.causal.b: i32[L] = iota() (line 32)
    %y.0.causal.b = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<16xi32>
    // y.0.causal: bool[T, L] = compare(y.0.causal.a, y.0.causal.b) (line 32)
    %21 = "stablehlo.broadcast_in_dim"(%y.0.causal.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %22 = "stablehlo.broadcast_in_dim"(%y.0.causal.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %y.0.causal = "stablehlo.compare"(%21, %22) <{comparison_direction = #stablehlo<comparison_direction LE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x16xi32>, tensor<16x16xi32>) -> tensor<16x16xi1>
    // y.0.scores.a.0: f32[B@data, N@model, L, T] = einsum(y.0.q, y.0.k) (line 33)
    %y.0.scores.a.0 = "stablehlo.dot_general"(%y.0.q, %y.0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>) -> tensor<4x8x16x16xf32>
    // y.0.scores.a.c: f32[] = constant() (line 33)
    %y.0.scores.a.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.0.scores.a: f32[B@data, N@model, L, T] = mul(y.0.scores.a.0, y.0.scores.a.c) (line 33)
    %26 = "stablehlo.broadcast_in_dim"(%y.0.scores.a.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x16x16xf32>
    %y.0.scores.a = "stablehlo.multiply"(%y.0.scores.a.0, %26) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.0.scores.b.neg: f32[] = constant() (line 33)
    %y.0.scores.b.neg = "stablehlo.constant"() <{value = dense<1000000000.0> : tensor<f32>}> : () -> tensor<f32>
    // y.0.scores.b: f32[] = neg(y.0.scores.b.neg) (line 33)
    %y.0.scores.b = "stablehlo.negate"(%y.0.scores.b.neg) : (tensor<f32>) -> tensor<f32>
    // y.0.scores: f32[B@data, N@model, L, T] = select(y.0.causal, y.0.scores.a, y.0.scores.b) (line 33)
    %30 = "stablehlo.transpose"(%y.0.causal) <{permutation = array<i64: 1, 0>}> : (tensor<16x16xi1>) -> tensor<16x16xi1>
    %31 = "stablehlo.broadcast_in_dim"(%30) <{broadcast_dimensions = array<i64: 2, 3>}> : (tensor<16x16xi1>) -> tensor<4x8x16x16xi1>
    %32 = "stablehlo.broadcast_in_dim"(%y.0.scores.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x16x16xf32>
    %y.0.scores = "stablehlo.select"(%31, %y.0.scores.a, %32) : (tensor<4x8x16x16xi1>, tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.0.context.operands0: f32[B@data, N@model, L, T] = softmax(y.0.scores) (line 34)
    %34 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %35 = "stablehlo.reduce"(%y.0.scores, %34) <{dimensions = array<i64: 3>}> ({
    ^bb0(%36: tensor<f32>, %37: tensor<f32>):
      %38 = "stablehlo.maximum"(%36, %37) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%38) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16x16xf32>, tensor<f32>) -> tensor<4x8x16xf32>
    %39 = "stablehlo.broadcast_in_dim"(%35) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<4x8x16xf32>) -> tensor<4x8x16x16xf32>
    %40 = "stablehlo.subtract"(%y.0.scores, %39) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    %41 = "stablehlo.exponential"(%40) : (tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    %42 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %43 = "stablehlo.reduce"(%41, %42) <{dimensions = array<i64: 3>}> ({
    ^bb0(%44: tensor<f32>, %45: tensor<f32>):
      %46 = "stablehlo.add"(%44, %45) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%46) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16x16xf32>, tensor<f32>) -> tensor<4x8x16xf32>
    %47 = "stablehlo.broadcast_in_dim"(%43) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<4x8x16xf32>) -> tensor<4x8x16x16xf32>
    %y.0.context.operands0 = "stablehlo.divide"(%41, %47) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.0.context: f32[B@data, L, N@model, K] = einsum(y.0.context.operands0, y.0.v) (line 34)
    %49 = "stablehlo.dot_general"(%y.0.context.operands0, %y.0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x8x16x16xf32>, tensor<4x16x8x8xf32>) -> tensor<4x8x16x8xf32>
    %y.0.context = "stablehlo.transpose"(%49) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<4x8x16x8xf32>) -> tensor<4x16x8x8xf32>
    // y.0.a.1: f32[B@data, L, M] = einsum(y.0.context, y.0.wo) (line 35)
    %y.0.a.1 = "stablehlo.dot_general"(%y.0.context, %y.0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x8x8xf32>, tensor<8x8x64xf32>) -> tensor<4x16x64xf32>
    // y.0.a: f32[B@data, L, M] = add(x, y.0.a.1) (line 35)
    %y.0.a = "stablehlo.add"(%x, %y.0.a.1) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.an.0.sq: f32[B@data, L, M] = square(y.0.a) (line 36)
    %y.0.an.0.sq = "stablehlo.multiply"(%y.0.a, %y.0.a) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.an.0.mean_sq: f32[B@data, L] = reduce_mean(y.0.an.0.sq) (line 36)
    %54 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %55 = "stablehlo.reduce"(%y.0.an.0.sq, %54) <{dimensions = array<i64: 2>}> ({
    ^bb0(%56: tensor<f32>, %57: tensor<f32>):
      %58 = "stablehlo.add"(%56, %57) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%58) : (tensor<f32>) -> ()
    }) : (tensor<4x16x64xf32>, tensor<f32>) -> tensor<4x16xf32>
    %59 = "stablehlo.constant"() <{value = dense<64.0> : tensor<4x16xf32>}> : () -> tensor<4x16xf32>
    %y.0.an.0.mean_sq = "stablehlo.divide"(%55, %59) : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.0.an.0.eps: f32[] = constant() (line 36)
    %y.0.an.0.eps = "stablehlo.constant"() <{value = dense<0.000001> : tensor<f32>}> : () -> tensor<f32>
    // y.0.an.0.var: f32[B@data, L] = add(y.0.an.0.mean_sq, y.0.an.0.eps) (line 36)
    %62 = "stablehlo.broadcast_in_dim"(%y.0.an.0.eps) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x16xf32>
    %y.0.an.0.var = "stablehlo.add"(%y.0.an.0.mean_sq, %62) : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.0.an.0.inv: f32[B@data, L] = rsqrt(y.0.an.0.var) (line 36)
    %y.0.an.0.inv = "stablehlo.rsqrt"(%y.0.an.0.var) : (tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.0.an.0: f32[B@data, L, M] = mul(y.0.a, y.0.an.0.inv) (line 36)
    %65 = "stablehlo.broadcast_in_dim"(%y.0.an.0.inv) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x16xf32>) -> tensor<4x16x64xf32>
    %y.0.an.0 = "stablehlo.multiply"(%y.0.a, %65) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.an: f32[B@data, L, M] = mul(y.0.an.0, y.0.ffn_norm) (line 36)
    %67 = "stablehlo.broadcast_in_dim"(%y.0.ffn_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<4x16x64xf32>
    %y.0.an = "stablehlo.multiply"(%y.0.an.0, %67) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.h.0.x: f32[B@data, L, H@model] = einsum(y.0.an, y.0.w_gate) (line 37)
    %y.0.h.0.x = "stablehlo.dot_general"(%y.0.an, %y.0.w_gate) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x128xf32>) -> tensor<4x16x128xf32>
    // y.0.h.0: f32[B@data, L, H@model] = silu(y.0.h.0.x) (line 37)
    %70 = "stablehlo.logistic"(%y.0.h.0.x) : (tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    %y.0.h.0 = "stablehlo.multiply"(%y.0.h.0.x, %70) : (tensor<4x16x128xf32>, tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    // y.0.h.1: f32[B@data, L, H@model] = einsum(y.0.an, y.0.w_up) (line 37)
    %y.0.h.1 = "stablehlo.dot_general"(%y.0.an, %y.0.w_up) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x128xf32>) -> tensor<4x16x128xf32>
    // y.0.h: f32[B@data, L, H@model] = mul(y.0.h.0, y.0.h.1) (line 37)
    %y.0.h = "stablehlo.multiply"(%y.0.h.0, %y.0.h.1) : (tensor<4x16x128xf32>, tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    // y.0.y.1: f32[B@data, L, M] = einsum(y.0.h, y.0.w_down) (line 38)
    %y.0.y.1 = "stablehlo.dot_general"(%y.0.h, %y.0.w_down) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x128xf32>, tensor<128x64xf32>) -> tensor<4x16x64xf32>
    // y.0.y: f32[B@data, L, M] = add(y.0.a, y.0.y.1) (line 38)
    %y.0.y = "stablehlo.add"(%y.0.a, %y.0.y.1) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %y.0.y.sharded = "stablehlo.custom_call"(%y.0.y) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[2,1,1,4]<=[8] last_tile_dim_replicate}"} : (tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.xn.0.sq: f32[B@data, L, M] = square(y.0.y) (line 27)
    %y.1.xn.0.sq = "stablehlo.multiply"(%y.0.y.sharded, %y.0.y.sharded) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.xn.0.mean_sq: f32[B@data, L] = reduce_mean(y.1.xn.0.sq) (line 27)
    %77 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %78 = "stablehlo.reduce"(%y.1.xn.0.sq, %77) <{dimensions = array<i64: 2>}> ({
    ^bb0(%79: tensor<f32>, %80: tensor<f32>):
      %81 = "stablehlo.add"(%79, %80) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%81) : (tensor<f32>) -> ()
    }) : (tensor<4x16x64xf32>, tensor<f32>) -> tensor<4x16xf32>
    %82 = "stablehlo.constant"() <{value = dense<64.0> : tensor<4x16xf32>}> : () -> tensor<4x16xf32>
    %y.1.xn.0.mean_sq = "stablehlo.divide"(%78, %82) : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.1.xn.0.eps: f32[] = constant() (line 27)
    %y.1.xn.0.eps = "stablehlo.constant"() <{value = dense<0.000001> : tensor<f32>}> : () -> tensor<f32>
    // y.1.xn.0.var: f32[B@data, L] = add(y.1.xn.0.mean_sq, y.1.xn.0.eps) (line 27)
    %85 = "stablehlo.broadcast_in_dim"(%y.1.xn.0.eps) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x16xf32>
    %y.1.xn.0.var = "stablehlo.add"(%y.1.xn.0.mean_sq, %85) : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.1.xn.0.inv: f32[B@data, L] = rsqrt(y.1.xn.0.var) (line 27)
    %y.1.xn.0.inv = "stablehlo.rsqrt"(%y.1.xn.0.var) : (tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.1.xn.0: f32[B@data, L, M] = mul(y.0.y, y.1.xn.0.inv) (line 27)
    %88 = "stablehlo.broadcast_in_dim"(%y.1.xn.0.inv) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x16xf32>) -> tensor<4x16x64xf32>
    %y.1.xn.0 = "stablehlo.multiply"(%y.0.y.sharded, %88) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.xn: f32[B@data, L, M] = mul(y.1.xn.0, y.1.attn_norm) (line 27)
    %90 = "stablehlo.broadcast_in_dim"(%y.1.attn_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<4x16x64xf32>
    %y.1.xn = "stablehlo.multiply"(%y.1.xn.0, %90) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.q: f32[B@data, L, N@model, K] = einsum(y.1.xn, y.1.wq) (line 28)
    %y.1.q = "stablehlo.dot_general"(%y.1.xn, %y.1.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x8x8xf32>) -> tensor<4x16x8x8xf32>
    // y.1.k.x: f32[B@data, L, N@model, K] = einsum(y.1.xn, y.1.wk) (line 29)
    %y.1.k.x = "stablehlo.dot_general"(%y.1.xn, %y.1.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x8x8xf32>) -> tensor<4x16x8x8xf32>
    // y.1.k: f32[B@data, T, N@model, K] = rename(y.1.k.x) (line 29)
    // y.1.v.x: f32[B@data, L, N@model, K] = einsum(y.1.xn, y.1.wv) (line 30)
    %y.1.v.x = "stablehlo.dot_general"(%y.1.xn, %y.1.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x8x8xf32>) -> tensor<4x16x8x8xf32>
    // y.1.v: f32[B@data, T, N@model, K] = rename(y.1.v.x) (line 30)
    // y.1.causal.a: i32[T] = iota() (line 32)
    %y.1.causal.a = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<16xi32>
    // y.1.causal.b: i32[L] = iota() (line 32)
    %y.1.causal.b = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<16xi32>
    // y.1.causal: bool[T, L] = compare(y.1.causal.a, y.1.causal.b) (line 32)
    %97 = "stablehlo.broadcast_in_dim"(%y.1.causal.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %98 = "stablehlo.broadcast_in_dim"(%y.1.causal.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %y.1.causal = "stablehlo.compare"(%97, %98) <{comparison_direction = #stablehlo<comparison_direction LE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x16xi32>, tensor<16x16xi32>) -> tensor<16x16xi1>
    // y.1.scores.a.0: f32[B@data, N@model, L, T] = einsum(y.1.q, y.1.k) (line 33)
    %y.1.scores.a.0 = "stablehlo.dot_general"(%y.1.q, %y.1.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>) -> tensor<4x8x16x16xf32>
    // y.1.scores.a.c: f32[] = constant() (line 33)
    %y.1.scores.a.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.1.scores.a: f32[B@data, N@model, L, T] = mul(y.1.scores.a.0, y.1.scores.a.c) (line 33)
    %102 = "stablehlo.broadcast_in_dim"(%y.1.scores.a.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x16x16xf32>
    %y.1.scores.a = "stablehlo.multiply"(%y.1.scores.a.0, %102) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.1.scores.b.neg: f32[] = constant() (line 33)
    %y.1.scores.b.neg = "stablehlo.constant"() <{value = dense<1000000000.0> : tensor<f32>}> : () -> tensor<f32>
    // y.1.scores.b: f32[] = neg(y.1.scores.b.neg) (line 33)
    %y.1.scores.b = "stablehlo.negate"(%y.1.scores.b.neg) : (tensor<f32>) -> tensor<f32>
    // y.1.scores: f32[B@data, N@model, L, T] = select(y.1.causal, y.1.scores.a, y.1.scores.b) (line 33)
    %106 = "stablehlo.transpose"(%y.1.causal) <{permutation = array<i64: 1, 0>}> : (tensor<16x16xi1>) -> tensor<16x16xi1>
    %107 = "stablehlo.broadcast_in_dim"(%106) <{broadcast_dimensions = array<i64: 2, 3>}> : (tensor<16x16xi1>) -> tensor<4x8x16x16xi1>
    %108 = "stablehlo.broadcast_in_dim"(%y.1.scores.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x16x16xf32>
    %y.1.scores = "stablehlo.select"(%107, %y.1.scores.a, %108) : (tensor<4x8x16x16xi1>, tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.1.context.operands0: f32[B@data, N@model, L, T] = softmax(y.1.scores) (line 34)
    %110 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %111 = "stablehlo.reduce"(%y.1.scores, %110) <{dimensions = array<i64: 3>}> ({
    ^bb0(%112: tensor<f32>, %113: tensor<f32>):
      %114 = "stablehlo.maximum"(%112, %113) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%114) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16x16xf32>, tensor<f32>) -> tensor<4x8x16xf32>
    %115 = "stablehlo.broadcast_in_dim"(%111) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<4x8x16xf32>) -> tensor<4x8x16x16xf32>
    %116 = "stablehlo.subtract"(%y.1.scores, %115) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    %117 = "stablehlo.exponential"(%116) : (tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    %118 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %119 = "stablehlo.reduce"(%117, %118) <{dimensions = array<i64: 3>}> ({
    ^bb0(%120: tensor<f32>, %121: tensor<f32>):
      %122 = "stablehlo.add"(%120, %121) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%122) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16x16xf32>, tensor<f32>) -> tensor<4x8x16xf32>
    %123 = "stablehlo.broadcast_in_dim"(%119) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<4x8x16xf32>) -> tensor<4x8x16x16xf32>
    %y.1.context.operands0 = "stablehlo.divide"(%117, %123) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.1.context: f32[B@data, L, N@model, K] = einsum(y.1.context.operands0, y.1.v) (line 34)
    %125 = "stablehlo.dot_general"(%y.1.context.operands0, %y.1.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x8x16x16xf32>, tensor<4x16x8x8xf32>) -> tensor<4x8x16x8xf32>
    %y.1.context = "stablehlo.transpose"(%125) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<4x8x16x8xf32>) -> tensor<4x16x8x8xf32>
    // y.1.a.1: f32[B@data, L, M] = einsum(y.1.context, y.1.wo) (line 35)
    %y.1.a.1 = "stablehlo.dot_general"(%y.1.context, %y.1.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x8x8xf32>, tensor<8x8x64xf32>) -> tensor<4x16x64xf32>
    // y.1.a: f32[B@data, L, M] = add(y.0.y, y.1.a.1) (line 35)
    %y.1.a = "stablehlo.add"(%y.0.y.sharded, %y.1.a.1) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.an.0.sq: f32[B@data, L, M] = square(y.1.a) (line 36)
    %y.1.an.0.sq = "stablehlo.multiply"(%y.1.a, %y.1.a) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.an.0.mean_sq: f32[B@data, L] = reduce_mean(y.1.an.0.sq) (line 36)
    %130 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %131 = "stablehlo.reduce"(%y.1.an.0.sq, %130) <{dimensions = array<i64: 2>}> ({
    ^bb0(%132: tensor<f32>, %133: tensor<f32>):
      %134 = "stablehlo.add"(%132, %133) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%134) : (tensor<f32>) -> ()
    }) : (tensor<4x16x64xf32>, tensor<f32>) -> tensor<4x16xf32>
    %135 = "stablehlo.constant"() <{value = dense<64.0> : tensor<4x16xf32>}> : () -> tensor<4x16xf32>
    %y.1.an.0.mean_sq = "stablehlo.divide"(%131, %135) : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.1.an.0.eps: f32[] = constant() (line 36)
    %y.1.an.0.eps = "stablehlo.constant"() <{value = dense<0.000001> : tensor<f32>}> : () -> tensor<f32>
    // y.1.an.0.var: f32[B@data, L] = add(y.1.an.0.mean_sq, y.1.an.0.eps) (line 36)
    %138 = "stablehlo.broadcast_in_dim"(%y.1.an.0.eps) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x16xf32>
    %y.1.an.0.var = "stablehlo.add"(%y.1.an.0.mean_sq, %138) : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.1.an.0.inv: f32[B@data, L] = rsqrt(y.1.an.0.var) (line 36)
    %y.1.an.0.inv = "stablehlo.rsqrt"(%y.1.an.0.var) : (tensor<4x16xf32>) -> tensor<4x16xf32>
    // y.1.an.0: f32[B@data, L, M] = mul(y.1.a, y.1.an.0.inv) (line 36)
    %141 = "stablehlo.broadcast_in_dim"(%y.1.an.0.inv) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x16xf32>) -> tensor<4x16x64xf32>
    %y.1.an.0 = "stablehlo.multiply"(%y.1.a, %141) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.an: f32[B@data, L, M] = mul(y.1.an.0, y.1.ffn_norm) (line 36)
    %143 = "stablehlo.broadcast_in_dim"(%y.1.ffn_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<4x16x64xf32>
    %y.1.an = "stablehlo.multiply"(%y.1.an.0, %143) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.h.0.x: f32[B@data, L, H@model] = einsum(y.1.an, y.1.w_gate) (line 37)
    %y.1.h.0.x = "stablehlo.dot_general"(%y.1.an, %y.1.w_gate) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x128xf32>) -> tensor<4x16x128xf32>
    // y.1.h.0: f32[B@data, L, H@model] = silu(y.1.h.0.x) (line 37)
    %146 = "stablehlo.logistic"(%y.1.h.0.x) : (tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    %y.1.h.0 = "stablehlo.multiply"(%y.1.h.0.x, %146) : (tensor<4x16x128xf32>, tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    // y.1.h.1: f32[B@data, L, H@model] = einsum(y.1.an, y.1.w_up) (line 37)
    %y.1.h.1 = "stablehlo.dot_general"(%y.1.an, %y.1.w_up) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x128xf32>) -> tensor<4x16x128xf32>
    // y.1.h: f32[B@data, L, H@model] = mul(y.1.h.0, y.1.h.1) (line 37)
    %y.1.h = "stablehlo.multiply"(%y.1.h.0, %y.1.h.1) : (tensor<4x16x128xf32>, tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    // y.1.y.1: f32[B@data, L, M] = einsum(y.1.h, y.1.w_down) (line 38)
    %y.1.y.1 = "stablehlo.dot_general"(%y.1.h, %y.1.w_down) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x128xf32>, tensor<128x64xf32>) -> tensor<4x16x64xf32>
    // y.1.y: f32[B@data, L, M] = add(y.1.a, y.1.y.1) (line 38)
    %y.1.y = "stablehlo.add"(%y.1.a, %y.1.y.1) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    "func.return"(%y.1.y) : (tensor<4x16x64xf32>) -> ()
  }
}
