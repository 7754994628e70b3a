// slicing from compiler/test/export/fixtures/slicing.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with GSPMD (mhlo.sharding) shardings on mesh tpu_v3 [x = 4, y = 2] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @slicing attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<8x8x6xf32> {jax.arg_info = "x", mhlo.sharding = "{devices=[4,2,1]<=[8]}"}, %z: tensor<8x6x8xf32> {jax.arg_info = "z", mhlo.sharding = "{devices=[4,1,2]<=[8]}"}) -> (tensor<8x8x6xf32> {jax.result_info = "back", mhlo.sharding = "{devices=[4,1,1,2]<=[8] last_tile_dim_replicate}"}, tensor<8x8x6xf32> {jax.result_info = "result", mhlo.sharding = "{devices=[4,2,1]<=[8]}"}) {
    // head: f32[B@x, L, M] = slice_along(x) (line 11)
    %head = "stablehlo.slice"(%x) <{start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 8, 3, 6>, strides = array<i64: 1, 1, 1>}> : (tensor<8x8x6xf32>) -> tensor<8x3x6xf32>
    // tail: f32[B@x, L, M] = slice_along(x) (line 12)
    %tail = "stablehlo.slice"(%x) <{start_indices = array<i64: 0, 3, 0>, limit_indices = array<i64: 8, 8, 6>, strides = array<i64: 1, 1, 1>}> : (tensor<8x8x6xf32>) -> tensor<8x5x6xf32>
    // back: f32[B@x, L, M] = concat(tail, head) (line 13)
    %back = "stablehlo.concatenate"(%tail, %head) <{dimension = 1 : i64}> : (tensor<8x5x6xf32>, tensor<8x3x6xf32>) -> tensor<8x8x6xf32>
    // result.operands0: f32[B@x, L@y, M] = slice_along(x) (line 14)
    %result.operands0 = "stablehlo.slice"(%x) <{start_indices = array<i64: 0, 0, 0>, limit_indices = array<i64: 8, 8, 2>, strides = array<i64: 1, 1, 1>}> : (tensor<8x8x6xf32>) -> tensor<8x8x2xf32>
    // result.operands1: f32[B@x, M, L@y] = slice_along(z) (line 14)
    %result.operands1 = "stablehlo.slice"(%z) <{start_indices = array<i64: 0, 2, 0>, limit_indices = array<i64: 8, 6, 8>, strides = array<i64: 1, 1, 1>}> : (tensor<8x6x8xf32>) -> tensor<8x4x8xf32>
    // result: f32[B@x, L@y, M] = concat(result.operands0, result.operands1) (line 14)
    %5 = "stablehlo.transpose"(%result.operands1) <{permutation = array<i64: 0, 2, 1>}> : (tensor<8x4x8xf32>) -> tensor<8x8x4xf32>
    %result = "stablehlo.concatenate"(%result.operands0, %5) <{dimension = 2 : i64}> : (tensor<8x8x2xf32>, tensor<8x8x4xf32>) -> tensor<8x8x6xf32>
    "func.return"(%back, %result) : (tensor<8x8x6xf32>, tensor<8x8x6xf32>) -> ()
  }
}
