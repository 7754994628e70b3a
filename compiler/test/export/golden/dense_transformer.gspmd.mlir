// dense_transformer from examples/dense_transformer.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with GSPMD (mhlo.sharding) shardings on mesh tpu_v3 [data = 4, model = 4] chips [2, 4].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @dense_transformer attributes {mhlo.num_partitions = 16 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<8x16x64xf32> {jax.arg_info = "x", mhlo.sharding = "{devices=[4,1,1,4]<=[16] last_tile_dim_replicate}"}, %y.0.ln1: tensor<64xf32> {jax.arg_info = "y.0.ln1", mhlo.sharding = "{replicated}"}, %y.0.wq: tensor<64x8x8xf32> {jax.arg_info = "y.0.wq", mhlo.sharding = "{devices=[4,4,1]<=[16]}"}, %y.0.wk: tensor<64x8x8xf32> {jax.arg_info = "y.0.wk", mhlo.sharding = "{devices=[4,4,1]<=[16]}"}, %y.0.wv: tensor<64x8x8xf32> {jax.arg_info = "y.0.wv", mhlo.sharding = "{devices=[4,4,1]<=[16]}"}, %y.0.wo: tensor<8x8x64xf32> {jax.arg_info = "y.0.wo", mhlo.sharding = "{devices=[4,1,4]<=[4,4]T(1,0)}"}, %y.0.ln2: tensor<64xf32> {jax.arg_info = "y.0.ln2", mhlo.sharding = "{replicated}"}, %y.0.wi: tensor<64x256xf32> {jax.arg_info = "y.0.wi", mhlo.sharding = "{devices=[4,4]<=[16]}"}, %y.0.wf: tensor<256x64xf32> {jax.arg_info = "y.0.wf", mhlo.sharding = "{devices=[4,4]<=[4,4]T(1,0)}"}, %y.1.ln1: tensor<64xf32> {jax.arg_info = "y.1.ln1", mhlo.sharding = "{replicated}"}, %y.1.wq: tensor<64x8x8xf32> {jax.arg_info = "y.1.wq", mhlo.sharding = "{devices=[4,4,1]<=[16]}"}, %y.1.wk: tensor<64x8x8xf32> {jax.arg_info = "y.1.wk", mhlo.sharding = "{devices=[4,4,1]<=[16]}"}, %y.1.wv: tensor<64x8x8xf32> {jax.arg_info = "y.1.wv", mhlo.sharding = "{devices=[4,4,1]<=[16]}"}, %y.1.wo: tensor<8x8x64xf32> {jax.arg_info = "y.1.wo", mhlo.sharding = "{devices=[4,1,4]<=[4,4]T(1,0)}"}, %y.1.ln2: tensor<64xf32> {jax.arg_info = "y.1.ln2", mhlo.sharding = "{replicated}"}, %y.1.wi: tensor<64x256xf32> {jax.arg_info = "y.1.wi", mhlo.sharding = "{devices=[4,4]<=[16]}"}, %y.1.wf: tensor<256x64xf32> {jax.arg_info = "y.1.wf", mhlo.sharding = "{devices=[4,4]<=[4,4]T(1,0)}"}) -> (tensor<8x16x64xf32> {jax.result_info = "y.1.y", mhlo.sharding = "{devices=[4,1,1,4]<=[16] last_tile_dim_replicate}"}) {
    // y.0.xn.0: f32[B@data, L, M] = layer_norm(x) (line 26)
    %0 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %1 = "stablehlo.reduce"(%x, %0) <{dimensions = array<i64: 2>}> ({
    ^bb0(%2: tensor<f32>, %3: tensor<f32>):
      %4 = "stablehlo.add"(%2, %3) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%4) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %5 = "stablehlo.broadcast_in_dim"(%1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %6 = "stablehlo.constant"() <{value = dense<64.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %7 = "stablehlo.divide"(%5, %6) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %8 = "stablehlo.subtract"(%x, %7) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %9 = "stablehlo.multiply"(%8, %8) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %10 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %11 = "stablehlo.reduce"(%9, %10) <{dimensions = array<i64: 2>}> ({
    ^bb0(%12: tensor<f32>, %13: tensor<f32>):
      %14 = "stablehlo.add"(%12, %13) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%14) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %15 = "stablehlo.broadcast_in_dim"(%11) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %16 = "stablehlo.constant"() <{value = dense<64.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %17 = "stablehlo.divide"(%15, %16) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %18 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %19 = "stablehlo.add"(%17, %18) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %20 = "stablehlo.rsqrt"(%19) : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %y.0.xn.0 = "stablehlo.multiply"(%8, %20) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.0.xn: f32[B@data, L, M] = mul(y.0.xn.0, y.0.ln1) (line 26)
    %22 = "stablehlo.broadcast_in_dim"(%y.0.ln1) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<8x16x64xf32>
    %y.0.xn = "stablehlo.multiply"(%y.0.xn.0, %22) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.0.q: f32[B@data, L, N@model, K] = einsum(y.0.xn, y.0.wq) (line 27)
    %y.0.q = "stablehlo.dot_general"(%y.0.xn, %y.0.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x8x8xf32>) -> tensor<8x16x8x8xf32>
    %y.0.q.sharded = "stablehlo.custom_call"(%y.0.q) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4,1]<=[16]}"} : (tensor<8x16x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.0.k.x: f32[B@data, L, N@model, K] = einsum(y.0.xn, y.0.wk) (line 28)
    %y.0.k.x = "stablehlo.dot_general"(%y.0.xn, %y.0.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.0.k: f32[B@data, T, N@model, K] = rename(y.0.k.x) (line 28)
    %y.0.k.sharded = "stablehlo.custom_call"(%y.0.k.x) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4,1]<=[16]}"} : (tensor<8x16x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.0.v.x: f32[B@data, L, N@model, K] = einsum(y.0.xn, y.0.wv) (line 29)
    %y.0.v.x = "stablehlo.dot_general"(%y.0.xn, %y.0.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.0.v: f32[B@data, T, N@model, K] = rename(y.0.v.x) (line 29)
    %y.0.v.sharded = "stablehlo.custom_call"(%y.0.v.x) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4,1]<=[16]}"} : (tensor<8x16x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.0.probs.x.0: f32[B@data, N@model, L, T] = einsum(y.0.q, y.0.k) (line 30)
    %y.0.probs.x.0 = "stablehlo.dot_general"(%y.0.q.sharded, %y.0.k.sharded) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x8xf32>, tensor<8x16x8x8xf32>) -> tensor<8x8x16x16xf32>
    // y.0.probs.x.c: f32[] = constant() (line 30)
    %y.0.probs.x.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.0.probs.x: f32[B@data, N@model, L, T] = mul(y.0.probs.x.0, y.0.probs.x.c) (line 30)
    %29 = "stablehlo.broadcast_in_dim"(%y.0.probs.x.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8x16x16xf32>
    %y.0.probs.x = "stablehlo.multiply"(%y.0.probs.x.0, %29) : (tensor<8x8x16x16xf32>, tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    // y.0.probs: f32[B@data, N@model, L, T] = softmax(y.0.probs.x) (line 30)
    %31 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %32 = "stablehlo.reduce"(%y.0.probs.x, %31) <{dimensions = array<i64: 3>}> ({
    ^bb0(%33: tensor<f32>, %34: tensor<f32>):
      %35 = "stablehlo.maximum"(%33, %34) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%35) : (tensor<f32>) -> ()
    }) : (tensor<8x8x16x16xf32>, tensor<f32>) -> tensor<8x8x16xf32>
    %36 = "stablehlo.broadcast_in_dim"(%32) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x8x16xf32>) -> tensor<8x8x16x16xf32>
    %37 = "stablehlo.subtract"(%y.0.probs.x, %36) : (tensor<8x8x16x16xf32>, tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    %38 = "stablehlo.exponential"(%37) : (tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    %39 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %40 = "stablehlo.reduce"(%38, %39) <{dimensions = array<i64: 3>}> ({
    ^bb0(%41: tensor<f32>, %42: tensor<f32>):
      %43 = "stablehlo.add"(%41, %42) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%43) : (tensor<f32>) -> ()
    }) : (tensor<8x8x16x16xf32>, tensor<f32>) -> tensor<8x8x16xf32>
    %44 = "stablehlo.broadcast_in_dim"(%40) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x8x16xf32>) -> tensor<8x8x16x16xf32>
    %y.0.probs = "stablehlo.divide"(%38, %44) : (tensor<8x8x16x16xf32>, tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    %y.0.probs.sharded = "stablehlo.custom_call"(%y.0.probs) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,4,1,1]<=[16]}"} : (tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    // y.0.context: f32[B@data, L, N@model, K] = einsum(y.0.probs, y.0.v) (line 31)
    %46 = "stablehlo.dot_general"(%y.0.probs.sharded, %y.0.v.sharded) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x16x16xf32>, tensor<8x16x8x8xf32>) -> tensor<8x8x16x8xf32>
    %y.0.context = "stablehlo.transpose"(%46) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x8x16x8xf32>) -> tensor<8x16x8x8xf32>
    %y.0.context.sharded = "stablehlo.custom_call"(%y.0.context) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4,1]<=[16]}"} : (tensor<8x16x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.0.a.1: f32[B@data, L, M] = einsum(y.0.context, y.0.wo) (line 32)
    %y.0.a.1 = "stablehlo.dot_general"(%y.0.context.sharded, %y.0.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x8xf32>, tensor<8x8x64xf32>) -> tensor<8x16x64xf32>
    // y.0.a: f32[B@data, L, M] = add(x, y.0.a.1) (line 32)
    %y.0.a = "stablehlo.add"(%x, %y.0.a.1) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %y.0.a.sharded = "stablehlo.custom_call"(%y.0.a) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,1,4]<=[16] last_tile_dim_replicate}"} : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.0.an.0: f32[B@data, L, M] = layer_norm(y.0.a) (line 33)
    %50 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %51 = "stablehlo.reduce"(%y.0.a.sharded, %50) <{dimensions = array<i64: 2>}> ({
    ^bb0(%52: tensor<f32>, %53: tensor<f32>):
      %54 = "stablehlo.add"(%52, %53) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%54) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %55 = "stablehlo.broadcast_in_dim"(%51) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %56 = "stablehlo.constant"() <{value = dense<64.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %57 = "stablehlo.divide"(%55, %56) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %58 = "stablehlo.subtract"(%y.0.a.sharded, %57) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %59 = "stablehlo.multiply"(%58, %58) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %60 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %61 = "stablehlo.reduce"(%59, %60) <{dimensions = array<i64: 2>}> ({
    ^bb0(%62: tensor<f32>, %63: tensor<f32>):
      %64 = "stablehlo.add"(%62, %63) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%64) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %65 = "stablehlo.broadcast_in_dim"(%61) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %66 = "stablehlo.constant"() <{value = dense<64.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %67 = "stablehlo.divide"(%65, %66) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %68 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %69 = "stablehlo.add"(%67, %68) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %70 = "stablehlo.rsqrt"(%69) : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %y.0.an.0 = "stablehlo.multiply"(%58, %70) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.0.an: f32[B@data, L, M] = mul(y.0.an.0, y.0.ln2) (line 33)
    %72 = "stablehlo.broadcast_in_dim"(%y.0.ln2) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<8x16x64xf32>
    %y.0.an = "stablehlo.multiply"(%y.0.an.0, %72) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.0.h.x: f32[B@data, L, H@model] = einsum(y.0.an, y.0.wi) (line 34)
    %y.0.h.x = "stablehlo.dot_general"(%y.0.an, %y.0.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x256xf32>) -> tensor<8x16x256xf32>
    // y.0.h: f32[B@data, L, H@model] = relu(y.0.h.x) (line 34)
    %75 = "stablehlo.constant"() <{value = dense<0.0> : tensor<8x16x256xf32>}> : () -> tensor<8x16x256xf32>
    %y.0.h = "stablehlo.maximum"(%y.0.h.x, %75) : (tensor<8x16x256xf32>, tensor<8x16x256xf32>) -> tensor<8x16x256xf32>
    %y.0.h.sharded = "stablehlo.custom_call"(%y.0.h) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4]<=[16]}"} : (tensor<8x16x256xf32>) -> tensor<8x16x256xf32>
    // y.0.y.1: f32[B@data, L, M] = einsum(y.0.h, y.0.wf) (line 35)
    %y.0.y.1 = "stablehlo.dot_general"(%y.0.h.sharded, %y.0.wf) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x256xf32>, tensor<256x64xf32>) -> tensor<8x16x64xf32>
    // y.0.y: f32[B@data, L, M] = add(y.0.a, y.0.y.1) (line 35)
    %y.0.y = "stablehlo.add"(%y.0.a.sharded, %y.0.y.1) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %y.0.y.sharded = "stablehlo.custom_call"(%y.0.y) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,1,4]<=[16] last_tile_dim_replicate}"} : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.1.xn.0: f32[B@data, L, M] = layer_norm(y.0.y) (line 26)
    %79 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %80 = "stablehlo.reduce"(%y.0.y.sharded, %79) <{dimensions = array<i64: 2>}> ({
    ^bb0(%81: tensor<f32>, %82: tensor<f32>):
      %83 = "stablehlo.add"(%81, %82) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%83) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %84 = "stablehlo.broadcast_in_dim"(%80) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %85 = "stablehlo.constant"() <{value = dense<64.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %86 = "stablehlo.divide"(%84, %85) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %87 = "stablehlo.subtract"(%y.0.y.sharded, %86) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %88 = "stablehlo.multiply"(%87, %87) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %89 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %90 = "stablehlo.reduce"(%88, %89) <{dimensions = array<i64: 2>}> ({
    ^bb0(%91: tensor<f32>, %92: tensor<f32>):
      %93 = "stablehlo.add"(%91, %92) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%93) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %94 = "stablehlo.broadcast_in_dim"(%90) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %95 = "stablehlo.constant"() <{value = dense<64.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %96 = "stablehlo.divide"(%94, %95) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %97 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %98 = "stablehlo.add"(%96, %97) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %99 = "stablehlo.rsqrt"(%98) : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %y.1.xn.0 = "stablehlo.multiply"(%87, %99) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.1.xn: f32[B@data, L, M] = mul(y.1.xn.0, y.1.ln1) (line 26)
    %101 = "stablehlo.broadcast_in_dim"(%y.1.ln1) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<8x16x64xf32>
    %y.1.xn = "stablehlo.multiply"(%y.1.xn.0, %101) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.1.q: f32[B@data, L, N@model, K] = einsum(y.1.xn, y.1.wq) (line 27)
    %y.1.q = "stablehlo.dot_general"(%y.1.xn, %y.1.wq) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x8x8xf32>) -> tensor<8x16x8x8xf32>
    %y.1.q.sharded = "stablehlo.custom_call"(%y.1.q) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4,1]<=[16]}"} : (tensor<8x16x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.1.k.x: f32[B@data, L, N@model, K] = einsum(y.1.xn, y.1.wk) (line 28)
    %y.1.k.x = "stablehlo.dot_general"(%y.1.xn, %y.1.wk) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.1.k: f32[B@data, T, N@model, K] = rename(y.1.k.x) (line 28)
    %y.1.k.sharded = "stablehlo.custom_call"(%y.1.k.x) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4,1]<=[16]}"} : (tensor<8x16x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.1.v.x: f32[B@data, L, N@model, K] = einsum(y.1.xn, y.1.wv) (line 29)
    %y.1.v.x = "stablehlo.dot_general"(%y.1.xn, %y.1.wv) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.1.v: f32[B@data, T, N@model, K] = rename(y.1.v.x) (line 29)
    %y.1.v.sharded = "stablehlo.custom_call"(%y.1.v.x) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4,1]<=[16]}"} : (tensor<8x16x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.1.probs.x.0: f32[B@data, N@model, L, T] = einsum(y.1.q, y.1.k) (line 30)
    %y.1.probs.x.0 = "stablehlo.dot_general"(%y.1.q.sharded, %y.1.k.sharded) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 2], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [3]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x8xf32>, tensor<8x16x8x8xf32>) -> tensor<8x8x16x16xf32>
    // y.1.probs.x.c: f32[] = constant() (line 30)
    %y.1.probs.x.c = "stablehlo.constant"() <{value = dense<0.35355339> : tensor<f32>}> : () -> tensor<f32>
    // y.1.probs.x: f32[B@data, N@model, L, T] = mul(y.1.probs.x.0, y.1.probs.x.c) (line 30)
    %108 = "stablehlo.broadcast_in_dim"(%y.1.probs.x.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8x16x16xf32>
    %y.1.probs.x = "stablehlo.multiply"(%y.1.probs.x.0, %108) : (tensor<8x8x16x16xf32>, tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    // y.1.probs: f32[B@data, N@model, L, T] = softmax(y.1.probs.x) (line 30)
    %110 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %111 = "stablehlo.reduce"(%y.1.probs.x, %110) <{dimensions = array<i64: 3>}> ({
    ^bb0(%112: tensor<f32>, %113: tensor<f32>):
      %114 = "stablehlo.maximum"(%112, %113) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%114) : (tensor<f32>) -> ()
    }) : (tensor<8x8x16x16xf32>, tensor<f32>) -> tensor<8x8x16xf32>
    %115 = "stablehlo.broadcast_in_dim"(%111) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x8x16xf32>) -> tensor<8x8x16x16xf32>
    %116 = "stablehlo.subtract"(%y.1.probs.x, %115) : (tensor<8x8x16x16xf32>, tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    %117 = "stablehlo.exponential"(%116) : (tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    %118 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %119 = "stablehlo.reduce"(%117, %118) <{dimensions = array<i64: 3>}> ({
    ^bb0(%120: tensor<f32>, %121: tensor<f32>):
      %122 = "stablehlo.add"(%120, %121) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%122) : (tensor<f32>) -> ()
    }) : (tensor<8x8x16x16xf32>, tensor<f32>) -> tensor<8x8x16xf32>
    %123 = "stablehlo.broadcast_in_dim"(%119) <{broadcast_dimensions = array<i64: 0, 1, 2>}> : (tensor<8x8x16xf32>) -> tensor<8x8x16x16xf32>
    %y.1.probs = "stablehlo.divide"(%117, %123) : (tensor<8x8x16x16xf32>, tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    %y.1.probs.sharded = "stablehlo.custom_call"(%y.1.probs) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,4,1,1]<=[16]}"} : (tensor<8x8x16x16xf32>) -> tensor<8x8x16x16xf32>
    // y.1.context: f32[B@data, L, N@model, K] = einsum(y.1.probs, y.1.v) (line 31)
    %125 = "stablehlo.dot_general"(%y.1.probs.sharded, %y.1.v.sharded) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 2], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x8x16x16xf32>, tensor<8x16x8x8xf32>) -> tensor<8x8x16x8xf32>
    %y.1.context = "stablehlo.transpose"(%125) <{permutation = array<i64: 0, 2, 1, 3>}> : (tensor<8x8x16x8xf32>) -> tensor<8x16x8x8xf32>
    %y.1.context.sharded = "stablehlo.custom_call"(%y.1.context) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4,1]<=[16]}"} : (tensor<8x16x8x8xf32>) -> tensor<8x16x8x8xf32>
    // y.1.a.1: f32[B@data, L, M] = einsum(y.1.context, y.1.wo) (line 32)
    %y.1.a.1 = "stablehlo.dot_general"(%y.1.context.sharded, %y.1.wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x8x8xf32>, tensor<8x8x64xf32>) -> tensor<8x16x64xf32>
    // y.1.a: f32[B@data, L, M] = add(y.0.y, y.1.a.1) (line 32)
    %y.1.a = "stablehlo.add"(%y.0.y.sharded, %y.1.a.1) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %y.1.a.sharded = "stablehlo.custom_call"(%y.1.a) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,1,4]<=[16] last_tile_dim_replicate}"} : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.1.an.0: f32[B@data, L, M] = layer_norm(y.1.a) (line 33)
    %129 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %130 = "stablehlo.reduce"(%y.1.a.sharded, %129) <{dimensions = array<i64: 2>}> ({
    ^bb0(%131: tensor<f32>, %132: tensor<f32>):
      %133 = "stablehlo.add"(%131, %132) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%133) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %134 = "stablehlo.broadcast_in_dim"(%130) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %135 = "stablehlo.constant"() <{value = dense<64.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %136 = "stablehlo.divide"(%134, %135) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %137 = "stablehlo.subtract"(%y.1.a.sharded, %136) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %138 = "stablehlo.multiply"(%137, %137) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %139 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %140 = "stablehlo.reduce"(%138, %139) <{dimensions = array<i64: 2>}> ({
    ^bb0(%141: tensor<f32>, %142: tensor<f32>):
      %143 = "stablehlo.add"(%141, %142) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%143) : (tensor<f32>) -> ()
    }) : (tensor<8x16x64xf32>, tensor<f32>) -> tensor<8x16xf32>
    %144 = "stablehlo.broadcast_in_dim"(%140) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<8x16xf32>) -> tensor<8x16x64xf32>
    %145 = "stablehlo.constant"() <{value = dense<64.0> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %146 = "stablehlo.divide"(%144, %145) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %147 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<8x16x64xf32>}> : () -> tensor<8x16x64xf32>
    %148 = "stablehlo.add"(%146, %147) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %149 = "stablehlo.rsqrt"(%148) : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %y.1.an.0 = "stablehlo.multiply"(%137, %149) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.1.an: f32[B@data, L, M] = mul(y.1.an.0, y.1.ln2) (line 33)
    %151 = "stablehlo.broadcast_in_dim"(%y.1.ln2) <{broadcast_dimensions = array<i64: 2>}> : (tensor<64xf32>) -> tensor<8x16x64xf32>
    %y.1.an = "stablehlo.multiply"(%y.1.an.0, %151) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    // y.1.h.x: f32[B@data, L, H@model] = einsum(y.1.an, y.1.wi) (line 34)
    %y.1.h.x = "stablehlo.dot_general"(%y.1.an, %y.1.wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x64xf32>, tensor<64x256xf32>) -> tensor<8x16x256xf32>
    // y.1.h: f32[B@data, L, H@model] = relu(y.1.h.x) (line 34)
    %154 = "stablehlo.constant"() <{value = dense<0.0> : tensor<8x16x256xf32>}> : () -> tensor<8x16x256xf32>
    %y.1.h = "stablehlo.maximum"(%y.1.h.x, %154) : (tensor<8x16x256xf32>, tensor<8x16x256xf32>) -> tensor<8x16x256xf32>
    %y.1.h.sharded = "stablehlo.custom_call"(%y.1.h) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,4]<=[16]}"} : (tensor<8x16x256xf32>) -> tensor<8x16x256xf32>
    // y.1.y.1: f32[B@data, L, M] = einsum(y.1.h, y.1.wf) (line 35)
    %y.1.y.1 = "stablehlo.dot_general"(%y.1.h.sharded, %y.1.wf) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<8x16x256xf32>, tensor<256x64xf32>) -> tensor<8x16x64xf32>
    // y.1.y: f32[B@data, L, M] = add(y.1.a, y.1.y.1) (line 35)
    %y.1.y = "stablehlo.add"(%y.1.a.sharded, %y.1.y.1) : (tensor<8x16x64xf32>, tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    %y.1.y.sharded = "stablehlo.custom_call"(%y.1.y) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[4,1,1,4]<=[16] last_tile_dim_replicate}"} : (tensor<8x16x64xf32>) -> tensor<8x16x64xf32>
    "func.return"(%y.1.y.sharded) : (tensor<8x16x64xf32>) -> ()
  }
}
