// data_parallel_mlp from examples/data_parallel_mlp.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with Shardy (sdy) shardings on mesh tpu_v3 [x = 8] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @data_parallel_mlp attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  "sdy.mesh"() <{mesh = #sdy.mesh<["x"=8]>, sym_name = "tpu"}> : () -> ()
  func.func public @main(%inputs: tensor<64x32xf32> {jax.arg_info = "inputs", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}]>}, %w1: tensor<32x128xf32> {jax.arg_info = "w1", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %b1: tensor<128xf32> {jax.arg_info = "b1", sdy.sharding = #sdy.sharding<@tpu, [{}]>}, %w2: tensor<128x10xf32> {jax.arg_info = "w2", sdy.sharding = #sdy.sharding<@tpu, [{}, {}]>}, %b2: tensor<10xf32> {jax.arg_info = "b2", sdy.sharding = #sdy.sharding<@tpu, [{}]>}) -> (tensor<64x10xf32> {jax.result_info = "result", sdy.sharding = #sdy.sharding<@tpu, [{"x"}, {}]>}) {
    // h.x.0: f32[batch@x, hidden] = einsum(inputs, w1) (line 17)
    %h.x.0 = "stablehlo.dot_general"(%inputs, %w1) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<64x32xf32>, tensor<32x128xf32>) -> tensor<64x128xf32>
    // h.x: f32[batch@x, hidden] = add(h.x.0, b1) (line 17)
    %1 = "stablehlo.broadcast_in_dim"(%b1) <{broadcast_dimensions = array<i64: 1>}> : (tensor<128xf32>) -> tensor<64x128xf32>
    %h.x = "stablehlo.add"(%h.x.0, %1) : (tensor<64x128xf32>, tensor<64x128xf32>) -> tensor<64x128xf32>
    // h: f32[batch@x, hidden] = relu(h.x) (line 17)
    %3 = "stablehlo.constant"() <{value = dense<0.0> : tensor<64x128xf32>}> : () -> tensor<64x128xf32>
    %h = "stablehlo.maximum"(%h.x, %3) : (tensor<64x128xf32>, tensor<64x128xf32>) -> tensor<64x128xf32>
    // logits.0: f32[batch@x, classes] = einsum(h, w2) (line 18)
    %logits.0 = "stablehlo.dot_general"(%h, %w2) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<64x128xf32>, tensor<128x10xf32>) -> tensor<64x10xf32>
    // logits: f32[batch@x, classes] = add(logits.0, b2) (line 18)
    %6 = "stablehlo.broadcast_in_dim"(%b2) <{broadcast_dimensions = array<i64: 1>}> : (tensor<10xf32>) -> tensor<64x10xf32>
    %logits = "stablehlo.add"(%logits.0, %6) : (tensor<64x10xf32>, tensor<64x10xf32>) -> tensor<64x10xf32>
    // result: f32[batch@x, classes] = log_softmax(logits) (line 19)
    %8 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %9 = "stablehlo.reduce"(%logits, %8) <{dimensions = array<i64: 1>}> ({
    ^bb0(%10: tensor<f32>, %11: tensor<f32>):
      %12 = "stablehlo.maximum"(%10, %11) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%12) : (tensor<f32>) -> ()
    }) : (tensor<64x10xf32>, tensor<f32>) -> tensor<64xf32>
    %13 = "stablehlo.broadcast_in_dim"(%9) <{broadcast_dimensions = array<i64: 0>}> : (tensor<64xf32>) -> tensor<64x10xf32>
    %14 = "stablehlo.subtract"(%logits, %13) : (tensor<64x10xf32>, tensor<64x10xf32>) -> tensor<64x10xf32>
    %15 = "stablehlo.exponential"(%14) : (tensor<64x10xf32>) -> tensor<64x10xf32>
    %16 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %17 = "stablehlo.reduce"(%15, %16) <{dimensions = array<i64: 1>}> ({
    ^bb0(%18: tensor<f32>, %19: tensor<f32>):
      %20 = "stablehlo.add"(%18, %19) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%20) : (tensor<f32>) -> ()
    }) : (tensor<64x10xf32>, tensor<f32>) -> tensor<64xf32>
    %21 = "stablehlo.log"(%17) : (tensor<64xf32>) -> tensor<64xf32>
    %22 = "stablehlo.broadcast_in_dim"(%21) <{broadcast_dimensions = array<i64: 0>}> : (tensor<64xf32>) -> tensor<64x10xf32>
    %result = "stablehlo.subtract"(%14, %22) : (tensor<64x10xf32>, tensor<64x10xf32>) -> tensor<64x10xf32>
    "func.return"(%result) : (tensor<64x10xf32>) -> ()
  }
}
