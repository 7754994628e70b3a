// ops_coverage from compiler/test/export/fixtures/ops_coverage.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with GSPMD (mhlo.sharding) shardings on mesh tpu_v3 [a = 2, b = 4] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @ops_coverage attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%ids: tensor<4x8xi32> {jax.arg_info = "ids", mhlo.sharding = "{devices=[2,1,4]<=[8] last_tile_dim_replicate}"}, %x: tensor<4x8x8xf32> {jax.arg_info = "x", mhlo.sharding = "{devices=[2,1,4]<=[8]}"}, %table: tensor<16x8xf32> {jax.arg_info = "table", mhlo.sharding = "{devices=[1,4,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}, %w: tensor<8x2xf32> {jax.arg_info = "w", mhlo.sharding = "{devices=[4,1,2]<=[2,4]T(1,0) last_tile_dim_replicate}"}) -> (tensor<4x8x8xf32> {jax.result_info = "result", mhlo.sharding = "{devices=[2,1,4]<=[8]}"}, tensor<4x3x8xf32> {jax.result_info = "vals", mhlo.sharding = "{devices=[2,1,4]<=[8]}"}, tensor<4x3x8xi32> {jax.result_info = "idx", mhlo.sharding = "{devices=[2,1,4]<=[8]}"}, tensor<4x8xf32> {jax.result_info = "r", mhlo.sharding = "{devices=[2,4]<=[8]}"}, tensor<8x32xf32> {jax.result_info = "c", mhlo.sharding = "{devices=[1,2,4]<=[8] last_tile_dim_replicate}"}, tensor<4xf32> {jax.result_info = "n", mhlo.sharding = "{devices=[2,4]<=[8] last_tile_dim_replicate}"}, tensor<4x8xi32> {jax.result_info = "out_i", mhlo.sharding = "{devices=[2,1,4]<=[8] last_tile_dim_replicate}"}) {
    // e: f32[B@a, S, M@b] = gather(table, ids) (line 18)
    %e = "stablehlo.gather"(%table, %ids) <{dimension_numbers = #stablehlo.gather<offset_dims = [2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 2>, slice_sizes = array<i64: 1, 8>, indices_are_sorted = false}> : (tensor<16x8xf32>, tensor<4x8xi32>) -> tensor<4x8x8xf32>
    // g.x: f32[B@a, S, M@b] = add(e, x) (line 19)
    %g.x = "stablehlo.add"(%e, %x) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // g: f32[B@a, S, M@b] = gelu(g.x) (line 19)
    %2 = "stablehlo.multiply"(%g.x, %g.x) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %3 = "stablehlo.multiply"(%2, %g.x) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %4 = "stablehlo.constant"() <{value = dense<0.044715> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %5 = "stablehlo.multiply"(%4, %3) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %6 = "stablehlo.add"(%g.x, %5) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %7 = "stablehlo.constant"() <{value = dense<0.7978845608028654> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %8 = "stablehlo.multiply"(%7, %6) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %9 = "stablehlo.tanh"(%8) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %10 = "stablehlo.constant"() <{value = dense<0.5> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %11 = "stablehlo.constant"() <{value = dense<1.0> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %12 = "stablehlo.add"(%11, %9) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %13 = "stablehlo.multiply"(%10, %12) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %g = "stablehlo.multiply"(%g.x, %13) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %g.sharded = "stablehlo.custom_call"(%g) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[2,1,4]<=[8]}"} : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // t.0.0: f32[B@a, S, M@b] = tanh(g) (line 20)
    %t.0.0 = "stablehlo.tanh"(%g.sharded) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // t.0.1.x: f32[B@a, S, M@b] = neg(g) (line 20)
    %t.0.1.x = "stablehlo.negate"(%g.sharded) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // t.0.1: f32[B@a, S, M@b] = exp(t.0.1.x) (line 20)
    %t.0.1 = "stablehlo.exponential"(%t.0.1.x) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // t.0: f32[B@a, S, M@b] = sub(t.0.0, t.0.1) (line 20)
    %t.0 = "stablehlo.subtract"(%t.0.0, %t.0.1) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // t.1.x.a: f32[B@a, S, M@b] = mul(g, g) (line 20)
    %t.1.x.a = "stablehlo.multiply"(%g.sharded, %g.sharded) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // t.1.x.b: f32[] = constant() (line 20)
    %t.1.x.b = "stablehlo.constant"() <{value = dense<0.5> : tensor<f32>}> : () -> tensor<f32>
    // t.1.x: f32[B@a, S, M@b] = max(t.1.x.a, t.1.x.b) (line 20)
    %21 = "stablehlo.broadcast_in_dim"(%t.1.x.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x8xf32>
    %t.1.x = "stablehlo.maximum"(%t.1.x.a, %21) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // t.1: f32[B@a, S, M@b] = log(t.1.x) (line 20)
    %t.1 = "stablehlo.log"(%t.1.x) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // t: f32[B@a, S, M@b] = add(t.0, t.1) (line 20)
    %t = "stablehlo.add"(%t.0, %t.1) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // vals: f32[B@a, K, M@b], idx: i32[B@a, K, M@b] = top_k(t) (line 21)
    %25 = "stablehlo.iota"() <{iota_dimension = 1 : i64}> : () -> tensor<4x8x8xi32>
    %26:2 = "stablehlo.sort"(%t, %25) <{dimension = 1 : i64, is_stable = true}> ({
    ^bb0(%27: tensor<f32>, %28: tensor<f32>, %29: tensor<i32>, %30: tensor<i32>):
      %31 = "stablehlo.compare"(%27, %28) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      "stablehlo.return"(%31) : (tensor<i1>) -> ()
    }) : (tensor<4x8x8xf32>, tensor<4x8x8xi32>) -> (tensor<4x8x8xf32>, tensor<4x8x8xi32>)
    %vals = "stablehlo.slice"(%26#0) <{start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 4, 3, 8>, strides = array<i64: 1, 1, 1>}> : (tensor<4x8x8xf32>) -> tensor<4x3x8xf32>
    %idx = "stablehlo.slice"(%26#1) <{start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 4, 3, 8>, strides = array<i64: 1, 1, 1>}> : (tensor<4x8x8xi32>) -> tensor<4x3x8xi32>
    // r: f32[B@a, M@b] = reduce_max(t) (line 22)
    %34 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %r = "stablehlo.reduce"(%t, %34) <{dimensions = array<i64: 1>}> ({
    ^bb0(%36: tensor<f32>, %37: tensor<f32>):
      %38 = "stablehlo.maximum"(%36, %37) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%38) : (tensor<f32>) -> ()
    }) : (tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    // flat.x: f32[S, B@a, M@b] = transpose(t) (line 23)
    %flat.x = "stablehlo.transpose"(%t) <{permutation = array<i64: 1, 0, 2>}> : (tensor<4x8x8xf32>) -> tensor<8x4x8xf32>
    // flat: f32[S, A@a] = reshape(flat.x) (line 23)
    %flat = "stablehlo.reshape"(%flat.x) : (tensor<8x4x8xf32>) -> tensor<8x32xf32>
    // c: f32[S, A@a] = cumsum(flat) (line 24)
    %41 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %c = "stablehlo.reduce_window"(%flat, %41) <{window_dimensions = array<i64: 8, 1>, padding = dense<[[7, 0], [0, 0]]> : tensor<2x2xi64>}> ({
    ^bb0(%43: tensor<f32>, %44: tensor<f32>):
      %45 = "stablehlo.add"(%43, %44) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%45) : (tensor<f32>) -> ()
    }) : (tensor<8x32xf32>, tensor<f32>) -> tensor<8x32xf32>
    // n: f32[B@a] = einsum(t, w) (line 25)
    %46 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %47 = "stablehlo.reduce"(%t, %46) <{dimensions = array<i64: 1>}> ({
    ^bb0(%48: tensor<f32>, %49: tensor<f32>):
      %50 = "stablehlo.add"(%48, %49) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%50) : (tensor<f32>) -> ()
    }) : (tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    %51 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %52 = "stablehlo.reduce"(%w, %51) <{dimensions = array<i64: 1>}> ({
    ^bb0(%53: tensor<f32>, %54: tensor<f32>):
      %55 = "stablehlo.add"(%53, %54) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%55) : (tensor<f32>) -> ()
    }) : (tensor<8x2xf32>, tensor<f32>) -> tensor<8xf32>
    %n = "stablehlo.dot_general"(%47, %52) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
    // i.x.c: f32[] = constant() (line 26)
    %i.x.c = "stablehlo.constant"() <{value = dense<4.0> : tensor<f32>}> : () -> tensor<f32>
    // i.x: f32[B@a, S, M@b] = mul(t, i.x.c) (line 26)
    %58 = "stablehlo.broadcast_in_dim"(%i.x.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x8xf32>
    %i.x = "stablehlo.multiply"(%t, %58) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // i: i32[B@a, S, M@b] = cast(i.x) (line 26)
    %i = "stablehlo.convert"(%i.x) : (tensor<4x8x8xf32>) -> tensor<4x8x8xi32>
    // out_i: i32[B@a, S] = reduce_max(i) (line 27)
    %61 = "stablehlo.constant"() <{value = dense<-2147483648> : tensor<i32>}> : () -> tensor<i32>
    %out_i = "stablehlo.reduce"(%i, %61) <{dimensions = array<i64: 2>}> ({
    ^bb0(%63: tensor<i32>, %64: tensor<i32>):
      %65 = "stablehlo.maximum"(%63, %64) : (tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%65) : (tensor<i32>) -> ()
    }) : (tensor<4x8x8xi32>, tensor<i32>) -> tensor<4x8xi32>
    // result: f32[B@a, S, M@b] = log_softmax(t) (line 28)
    %66 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %67 = "stablehlo.reduce"(%t, %66) <{dimensions = array<i64: 2>}> ({
    ^bb0(%68: tensor<f32>, %69: tensor<f32>):
      %70 = "stablehlo.maximum"(%68, %69) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%70) : (tensor<f32>) -> ()
    }) : (tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    %71 = "stablehlo.broadcast_in_dim"(%67) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x8xf32>) -> tensor<4x8x8xf32>
    %72 = "stablehlo.subtract"(%t, %71) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %73 = "stablehlo.exponential"(%72) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %74 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %75 = "stablehlo.reduce"(%73, %74) <{dimensions = array<i64: 2>}> ({
    ^bb0(%76: tensor<f32>, %77: tensor<f32>):
      %78 = "stablehlo.add"(%76, %77) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%78) : (tensor<f32>) -> ()
    }) : (tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    %79 = "stablehlo.log"(%75) : (tensor<4x8xf32>) -> tensor<4x8xf32>
    %80 = "stablehlo.broadcast_in_dim"(%79) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x8xf32>) -> tensor<4x8x8xf32>
    %result = "stablehlo.subtract"(%72, %80) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    "func.return"(%result, %vals, %idx, %r, %c, %n, %out_i) : (tensor<4x8x8xf32>, tensor<4x3x8xf32>, tensor<4x3x8xi32>, tensor<4x8xf32>, tensor<8x32xf32>, tensor<4xf32>, tensor<4x8xi32>) -> ()
  }
}
