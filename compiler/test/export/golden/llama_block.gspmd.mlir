// llama_block from examples/llama_block.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with GSPMD (mhlo.sharding) shardings on mesh tpu_v3 [data = 2, model = 4] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @llama_block attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<4x16x64xf32> {jax.arg_info = "x", mhlo.sharding = "{devices=[2,1,1,4]<=[8] last_tile_dim_replicate}"}, %y.0.attn_norm: tensor<64xf32> {jax.arg_info = "y.0.attn_norm", mhlo.sharding = "{replicated}"}, %y.0.wq: tensor<64x8x8xf32> {jax.arg_info = "y.0.wq", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.wk: tensor<64x8x8xf32> {jax.arg_info = "y.0.wk", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.wv: tensor<64x8x8xf32> {jax.arg_info = "y.0.wv", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.wo: tensor<8x8x64xf32> {jax.arg_info = "y.0.wo", mhlo.sharding = "{devices=[4,1,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.ffn_norm: tensor<64xf32> {jax.arg_info = "y.0.ffn_norm", mhlo.sharding = "{replicated}"}, %y.0.w_gate: tensor<64x128xf32> {jax.arg_info = "y.0.w_gate", mhlo.sharding = "{devices=[1,4,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.w_up: tensor<64x128xf32> {jax.arg_info = "y.0.w_up", mhlo.sharding = "{devices=[1,4,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.0.w_down: tensor<128x64xf32> {jax.arg_info = "y.0.w_down", mhlo.sharding = "{devices=[4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.attn_norm: tensor<64xf32> {jax.arg_info = "y.1.attn_norm", mhlo.sharding = "{replicated}"}, %y.1.wq: tensor<64x8x8xf32> {jax.arg_info = "y.1.wq", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.wk: tensor<64x8x8xf32> {jax.arg_info = "y.1.wk", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.wv: tensor<64x8x8xf32> {jax.arg_info = "y.1.wv", mhlo.sharding = "{devices=[1,4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.wo: tensor<8x8x64xf32> {jax.arg_info = "y.1.wo", mhlo.sharding = "{devices=[4,1,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.ffn_norm: tensor<64xf32> {jax.arg_info = "y.1.ffn_norm", mhlo.sharding = "{replicated}"}, %y.1.w_gate: tensor<64x128xf32> {jax.arg_info = "y.1.w_gate", mhlo.sharding = "{devices=[1,4,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.w_up: tensor<64x128xf32> {jax.arg_info = "y.1.w_up", mhlo.sharding = "{devices=[1,4,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %y.1.w_down: tensor<128x64xf32> {jax.arg_info = "y.1.w_down", mhlo.sharding = "{devices=[4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}) -> (tensor<4x16x64xf32> {jax.result_info = "y.1.y", mhlo.sharding = "{devices=[2,1,1,4]<=[8] last_tile_dim_replicate}"}) {
    // y.0.xn.0: f32[B@data, L, M] = rms_norm(x) (line 27)
    %0 = "stablehlo.multiply"(%x, %x) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %1 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %2 = "stablehlo.reduce"(%0, %1) <{dimensions = array<i64: 2>}> ({
    ^bb0(%3: tensor<f32>, %4: tensor<f32>):
      %5 = "stablehlo.add"(%3, %4) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%5) : (tensor<f32>) -> ()
    }) : (tensor<4x16x64xf32>, tensor<f32>) -> tensor<4x16xf32>
    %6 = "stablehlo.broadcast_in_dim"(%2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x16xf32>) -> tensor<4x16x64xf32>
    %7 = "stablehlo.constant"() <{value = dense<64.0> : tensor<4x16x64xf32>}> : () -> tensor<4x16x64xf32>
    %8 = "stablehlo.divide"(%6, %7) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %9 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<4x16x64xf32>}> : () -> tensor<4x16x64xf32>
    %10 = "stablehlo.add"(%8, %9) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %11 = "stablehlo.rsqrt"(%10) : (tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %y.0.xn.0 = "stablehlo.multiply"(%x, %11) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.xn: f32[B@data, L, M] = mul(y.0.xn.0, y.0.attn_norm) (line 27)
    %13 = "stablehlo.broadcast_in_dim"(%y.0.attn_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<4x16x64xf32>
    %y.0.xn = "stablehlo.multiply"(%y.0.xn.0, %13) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
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
    %20 = "stablehlo.broadcast_in_dim"(%y.0.causal.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %21 = "stablehlo.broadcast_in_dim"(%y.0.causal.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %y.0.causal = "stablehlo.compare"(%20, %21) <{comparison_direction = #stablehlo<comparison_direction LE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x16xi32>, tensor<16x16xi32>) -> tensor<16x16xi1>
    // y.0.scores.a.0: f32[B@data, N@model, L, T] = einsum(y.0.q, y.0.k) (line 33)
    %y.0.scores.a.0 = "stablehlo.dot_general"(%y.0.q, %y.0.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>) -> tensor<4x8x16x16xf32>
    // y.0.scores.a.c: f32[] = constant() (line 33)
    %y.0.scores.a.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.0.scores.a: f32[B@data, N@model, L, T] = mul(y.0.scores.a.0, y.0.scores.a.c) (line 33)
    %25 = "stablehlo.broadcast_in_dim"(%y.0.scores.a.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x16x16xf32>
    %y.0.scores.a = "stablehlo.multiply"(%y.0.scores.a.0, %25) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.0.scores.b.neg: f32[] = constant() (line 33)
    %y.0.scores.b.neg = "stablehlo.constant"() <{value = dense<1000000000.0> : tensor<f32>}> : () -> tensor<f32>
    // y.0.scores.b: f32[] = neg(y.0.scores.b.neg) (line 33)
    %y.0.scores.b = "stablehlo.negate"(%y.0.scores.b.neg) : (tensor<f32>) -> tensor<f32>
    // y.0.scores: f32[B@data, N@model, L, T] = select(y.0.causal, y.0.scores.a, y.0.scores.b) (line 33)
    %29 = "stablehlo.transpose"(%y.0.causal) <{permutation = array<i64: 1, 0>}> : (tensor<16x16xi1>) -> tensor<16x16xi1>
    %30 = "stablehlo.broadcast_in_dim"(%29) <{broadcast_dimensions = array<i64: 2, 3>}> : (tensor<16x16xi1>) -> tensor<4x8x16x16xi1>
    %31 = "stablehlo.broadcast_in_dim"(%y.0.scores.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x16x16xf32>
    %y.0.scores = "stablehlo.select"(%30, %y.0.scores.a, %31) : (tensor<4x8x16x16xi1>, tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.0.context.operands0: f32[B@data, N@model, L, T] = softmax(y.0.scores) (line 34)
    %33 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %34 = "stablehlo.reduce"(%y.0.scores, %33) <{dimensions = array<i64: 3>}> ({
    ^bb0(%35: tensor<f32>, %36: tensor<f32>):
      %37 = "stablehlo.maximum"(%35, %36) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%37) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16x16xf32>, tensor<f32>) -> tensor<4x8x16xf32>
    %38 = "stablehlo.broadcast_in_dim"(%34) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<4x8x16xf32>) -> tensor<4x8x16x16xf32>
    %39 = "stablehlo.subtract"(%y.0.scores, %38) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    %40 = "stablehlo.exponential"(%39) : (tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    %41 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %42 = "stablehlo.reduce"(%40, %41) <{dimensions = array<i64: 3>}> ({
    ^bb0(%43: tensor<f32>, %44: tensor<f32>):
      %45 = "stablehlo.add"(%43, %44) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%45) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16x16xf32>, tensor<f32>) -> tensor<4x8x16xf32>
    %46 = "stablehlo.broadcast_in_dim"(%42) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<4x8x16xf32>) -> tensor<4x8x16x16xf32>
    %y.0.context.operands0 = "stablehlo.divide"(%40, %46) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.0.context: f32[B@data, L, N@model, K] = einsum(y.0.context.operands0, y.0.v) (line 34)
    %48 = "stablehlo.dot_general"(%y.0.context.operands0, %y.0.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x8x16x16xf32>, tensor<4x16x8x8xf32>) -> tensor<4x8x16x8xf32>
    %y.0.context = "stablehlo.transpose"(%48) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<4x8x16x8xf32>) -> tensor<4x16x8x8xf32>
    // y.0.a.1: f32[B@data, L, M] = einsum(y.0.context, y.0.wo) (line 35)
    %y.0.a.1 = "stablehlo.dot_general"(%y.0.context, %y.0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x8x8xf32>, tensor<8x8x64xf32>) -> tensor<4x16x64xf32>
    // y.0.a: f32[B@data, L, M] = add(x, y.0.a.1) (line 35)
    %y.0.a = "stablehlo.add"(%x, %y.0.a.1) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.an.0: f32[B@data, L, M] = rms_norm(y.0.a) (line 36)
    %52 = "stablehlo.multiply"(%y.0.a, %y.0.a) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %53 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %54 = "stablehlo.reduce"(%52, %53) <{dimensions = array<i64: 2>}> ({
    ^bb0(%55: tensor<f32>, %56: tensor<f32>):
      %57 = "stablehlo.add"(%55, %56) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%57) : (tensor<f32>) -> ()
    }) : (tensor<4x16x64xf32>, tensor<f32>) -> tensor<4x16xf32>
    %58 = "stablehlo.broadcast_in_dim"(%54) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x16xf32>) -> tensor<4x16x64xf32>
    %59 = "stablehlo.constant"() <{value = dense<64.0> : tensor<4x16x64xf32>}> : () -> tensor<4x16x64xf32>
    %60 = "stablehlo.divide"(%58, %59) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %61 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<4x16x64xf32>}> : () -> tensor<4x16x64xf32>
    %62 = "stablehlo.add"(%60, %61) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %63 = "stablehlo.rsqrt"(%62) : (tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %y.0.an.0 = "stablehlo.multiply"(%y.0.a, %63) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.an: f32[B@data, L, M] = mul(y.0.an.0, y.0.ffn_norm) (line 36)
    %65 = "stablehlo.broadcast_in_dim"(%y.0.ffn_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<4x16x64xf32>
    %y.0.an = "stablehlo.multiply"(%y.0.an.0, %65) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.0.h.0.x: f32[B@data, L, H@model] = einsum(y.0.an, y.0.w_gate) (line 37)
    %y.0.h.0.x = "stablehlo.dot_general"(%y.0.an, %y.0.w_gate) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x128xf32>) -> tensor<4x16x128xf32>
    // y.0.h.0: f32[B@data, L, H@model] = silu(y.0.h.0.x) (line 37)
    %68 = "stablehlo.logistic"(%y.0.h.0.x) : (tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    %y.0.h.0 = "stablehlo.multiply"(%y.0.h.0.x, %68) : (tensor<4x16x128xf32>, tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    // y.0.h.1: f32[B@data, L, H@model] = einsum(y.0.an, y.0.w_up) (line 37)
    %y.0.h.1 = "stablehlo.dot_general"(%y.0.an, %y.0.w_up) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x128xf32>) -> tensor<4x16x128xf32>
    // y.0.h: f32[B@data, L, H@model] = mul(y.0.h.0, y.0.h.1) (line 37)
    %y.0.h = "stablehlo.multiply"(%y.0.h.0, %y.0.h.1) : (tensor<4x16x128xf32>, tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    // y.0.y.1: f32[B@data, L, M] = einsum(y.0.h, y.0.w_down) (line 38)
    %y.0.y.1 = "stablehlo.dot_general"(%y.0.h, %y.0.w_down) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x128xf32>, tensor<128x64xf32>) -> tensor<4x16x64xf32>
    // y.0.y: f32[B@data, L, M] = add(y.0.a, y.0.y.1) (line 38)
    %y.0.y = "stablehlo.add"(%y.0.a, %y.0.y.1) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %y.0.y.sharded = "stablehlo.custom_call"(%y.0.y) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[2,1,1,4]<=[8] last_tile_dim_replicate}"} : (tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.xn.0: f32[B@data, L, M] = rms_norm(y.0.y) (line 27)
    %74 = "stablehlo.multiply"(%y.0.y.sharded, %y.0.y.sharded) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %75 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %76 = "stablehlo.reduce"(%74, %75) <{dimensions = array<i64: 2>}> ({
    ^bb0(%77: tensor<f32>, %78: tensor<f32>):
      %79 = "stablehlo.add"(%77, %78) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%79) : (tensor<f32>) -> ()
    }) : (tensor<4x16x64xf32>, tensor<f32>) -> tensor<4x16xf32>
    %80 = "stablehlo.broadcast_in_dim"(%76) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x16xf32>) -> tensor<4x16x64xf32>
    %81 = "stablehlo.constant"() <{value = dense<64.0> : tensor<4x16x64xf32>}> : () -> tensor<4x16x64xf32>
    %82 = "stablehlo.divide"(%80, %81) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %83 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<4x16x64xf32>}> : () -> tensor<4x16x64xf32>
    %84 = "stablehlo.add"(%82, %83) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %85 = "stablehlo.rsqrt"(%84) : (tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %y.1.xn.0 = "stablehlo.multiply"(%y.0.y.sharded, %85) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.xn: f32[B@data, L, M] = mul(y.1.xn.0, y.1.attn_norm) (line 27)
    %87 = "stablehlo.broadcast_in_dim"(%y.1.attn_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<4x16x64xf32>
    %y.1.xn = "stablehlo.multiply"(%y.1.xn.0, %87) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
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
    %94 = "stablehlo.broadcast_in_dim"(%y.1.causal.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %95 = "stablehlo.broadcast_in_dim"(%y.1.causal.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<16xi32>) -> tensor<16x16xi32>
    %y.1.causal = "stablehlo.compare"(%94, %95) <{comparison_direction = #stablehlo<comparison_direction LE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x16xi32>, tensor<16x16xi32>) -> tensor<16x16xi1>
    // y.1.scores.a.0: f32[B@data, N@model, L, T] = einsum(y.1.q, y.1.k) (line 33)
    %y.1.scores.a.0 = "stablehlo.dot_general"(%y.1.q, %y.1.k.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>) -> tensor<4x8x16x16xf32>
    // y.1.scores.a.c: f32[] = constant() (line 33)
    %y.1.scores.a.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.1.scores.a: f32[B@data, N@model, L, T] = mul(y.1.scores.a.0, y.1.scores.a.c) (line 33)
    %99 = "stablehlo.broadcast_in_dim"(%y.1.scores.a.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x16x16xf32>
    %y.1.scores.a = "stablehlo.multiply"(%y.1.scores.a.0, %99) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.1.scores.b.neg: f32[] = constant() (line 33)
    %y.1.scores.b.neg = "stablehlo.constant"() <{value = dense<1000000000.0> : tensor<f32>}> : () -> tensor<f32>
    // y.1.scores.b: f32[] = neg(y.1.scores.b.neg) (line 33)
    %y.1.scores.b = "stablehlo.negate"(%y.1.scores.b.neg) : (tensor<f32>) -> tensor<f32>
    // y.1.scores: f32[B@data, N@model, L, T] = select(y.1.causal, y.1.scores.a, y.1.scores.b) (line 33)
    %103 = "stablehlo.transpose"(%y.1.causal) <{permutation = array<i64: 1, 0>}> : (tensor<16x16xi1>) -> tensor<16x16xi1>
    %104 = "stablehlo.broadcast_in_dim"(%103) <{broadcast_dimensions = array<i64: 2, 3>}> : (tensor<16x16xi1>) -> tensor<4x8x16x16xi1>
    %105 = "stablehlo.broadcast_in_dim"(%y.1.scores.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x16x16xf32>
    %y.1.scores = "stablehlo.select"(%104, %y.1.scores.a, %105) : (tensor<4x8x16x16xi1>, tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.1.context.operands0: f32[B@data, N@model, L, T] = softmax(y.1.scores) (line 34)
    %107 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %108 = "stablehlo.reduce"(%y.1.scores, %107) <{dimensions = array<i64: 3>}> ({
    ^bb0(%109: tensor<f32>, %110: tensor<f32>):
      %111 = "stablehlo.maximum"(%109, %110) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%111) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16x16xf32>, tensor<f32>) -> tensor<4x8x16xf32>
    %112 = "stablehlo.broadcast_in_dim"(%108) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<4x8x16xf32>) -> tensor<4x8x16x16xf32>
    %113 = "stablehlo.subtract"(%y.1.scores, %112) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    %114 = "stablehlo.exponential"(%113) : (tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    %115 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %116 = "stablehlo.reduce"(%114, %115) <{dimensions = array<i64: 3>}> ({
    ^bb0(%117: tensor<f32>, %118: tensor<f32>):
      %119 = "stablehlo.add"(%117, %118) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%119) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16x16xf32>, tensor<f32>) -> tensor<4x8x16xf32>
    %120 = "stablehlo.broadcast_in_dim"(%116) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<4x8x16xf32>) -> tensor<4x8x16x16xf32>
    %y.1.context.operands0 = "stablehlo.divide"(%114, %120) : (tensor<4x8x16x16xf32>, tensor<4x8x16x16xf32>) -> tensor<4x8x16x16xf32>
    // y.1.context: f32[B@data, L, N@model, K] = einsum(y.1.context.operands0, y.1.v) (line 34)
    %122 = "stablehlo.dot_general"(%y.1.context.operands0, %y.1.v.x) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x8x16x16xf32>, tensor<4x16x8x8xf32>) -> tensor<4x8x16x8xf32>
    %y.1.context = "stablehlo.transpose"(%122) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<4x8x16x8xf32>) -> tensor<4x16x8x8xf32>
    // y.1.a.1: f32[B@data, L, M] = einsum(y.1.context, y.1.wo) (line 35)
    %y.1.a.1 = "stablehlo.dot_general"(%y.1.context, %y.1.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x8x8xf32>, tensor<8x8x64xf32>) -> tensor<4x16x64xf32>
    // y.1.a: f32[B@data, L, M] = add(y.0.y, y.1.a.1) (line 35)
    %y.1.a = "stablehlo.add"(%y.0.y.sharded, %y.1.a.1) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.an.0: f32[B@data, L, M] = rms_norm(y.1.a) (line 36)
    %126 = "stablehlo.multiply"(%y.1.a, %y.1.a) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %127 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %128 = "stablehlo.reduce"(%126, %127) <{dimensions = array<i64: 2>}> ({
    ^bb0(%129: tensor<f32>, %130: tensor<f32>):
      %131 = "stablehlo.add"(%129, %130) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%131) : (tensor<f32>) -> ()
    }) : (tensor<4x16x64xf32>, tensor<f32>) -> tensor<4x16xf32>
    %132 = "stablehlo.broadcast_in_dim"(%128) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x16xf32>) -> tensor<4x16x64xf32>
    %133 = "stablehlo.constant"() <{value = dense<64.0> : tensor<4x16x64xf32>}> : () -> tensor<4x16x64xf32>
    %134 = "stablehlo.divide"(%132, %133) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %135 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<4x16x64xf32>}> : () -> tensor<4x16x64xf32>
    %136 = "stablehlo.add"(%134, %135) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %137 = "stablehlo.rsqrt"(%136) : (tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    %y.1.an.0 = "stablehlo.multiply"(%y.1.a, %137) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.an: f32[B@data, L, M] = mul(y.1.an.0, y.1.ffn_norm) (line 36)
    %139 = "stablehlo.broadcast_in_dim"(%y.1.ffn_norm) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<4x16x64xf32>
    %y.1.an = "stablehlo.multiply"(%y.1.an.0, %139) : (tensor<4x16x64xf32>, tensor<4x16x64xf32>) -> tensor<4x16x64xf32>
    // y.1.h.0.x: f32[B@data, L, H@model] = einsum(y.1.an, y.1.w_gate) (line 37)
    %y.1.h.0.x = "stablehlo.dot_general"(%y.1.an, %y.1.w_gate) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x16x64xf32>, tensor<64x128xf32>) -> tensor<4x16x128xf32>
    // y.1.h.0: f32[B@data, L, H@model] = silu(y.1.h.0.x) (line 37)
    %142 = "stablehlo.logistic"(%y.1.h.0.x) : (tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
    %y.1.h.0 = "stablehlo.multiply"(%y.1.h.0.x, %142) : (tensor<4x16x128xf32>, tensor<4x16x128xf32>) -> tensor<4x16x128xf32>
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
