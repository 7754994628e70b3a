// decoder_ops from compiler/test/export/fixtures/decoder_ops.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with Shardy (sdy) shardings on mesh tpu_v3 [a = 2, b = 4] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @decoder_ops attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  "sdy.mesh"() <{mesh = #sdy.mesh<["a"=2, "b"=4]>, sym_name = "m"}> : () -> ()
  func.func public @main(%x: tensor<4x8x8xf32> {jax.arg_info = "x", sdy.sharding = #sdy.sharding<@m, [{"a"}, {}, {"b"}]>}, %s: tensor<4x8x8xf32> {jax.arg_info = "s", sdy.sharding = #sdy.sharding<@m, [{"a"}, {"b"}, {}]>}, %targets: tensor<4x8xi32> {jax.arg_info = "targets", sdy.sharding = #sdy.sharding<@m, [{"a"}, {}]>}, %w: tensor<8x16xf32> {jax.arg_info = "w", sdy.sharding = #sdy.sharding<@m, [{}, {"b"}]>}) -> (tensor<4x8x8xf32> {jax.result_info = "result", sdy.sharding = #sdy.sharding<@m, [{"a"}, {"b"}, {}]>}, tensor<4x8x8xf32> {jax.result_info = "a", sdy.sharding = #sdy.sharding<@m, [{"a"}, {}, {"b"}]>}, tensor<4x8x8xf32> {jax.result_info = "result.2", sdy.sharding = #sdy.sharding<@m, [{"a"}, {}, {"b"}]>}, tensor<4x8xf32> {jax.result_info = "result.3", sdy.sharding = #sdy.sharding<@m, [{"a"}, {}]>}, tensor<4x8xf32> {jax.result_info = "ce", sdy.sharding = #sdy.sharding<@m, [{"a"}, {}]>}, tensor<4x8xf32> {jax.result_info = "ce_pad", sdy.sharding = #sdy.sharding<@m, [{"a"}, {}]>}) {
    // causal.pred.a: i32[L] = iota() (line 16)
    %causal.pred.a = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // causal.pred.b: i32[T@b] = iota() (line 16)
    %causal.pred.b = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // causal.pred: bool[L, T@b] = compare(causal.pred.a, causal.pred.b) (line 16)
    %2 = "stablehlo.broadcast_in_dim"(%causal.pred.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %3 = "stablehlo.broadcast_in_dim"(%causal.pred.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %causal.pred = "stablehlo.compare"(%2, %3) <{comparison_direction = #stablehlo<comparison_direction LE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<8x8xi1>
    // causal.b.neg: f32[] = constant() (line 16)
    %causal.b.neg = "stablehlo.constant"() <{value = dense<1000000000.0> : tensor<f32>}> : () -> tensor<f32>
    // causal.b: f32[] = neg(causal.b.neg) (line 16)
    %causal.b = "stablehlo.negate"(%causal.b.neg) : (tensor<f32>) -> tensor<f32>
    // causal: f32[B@a, T@b, L] = select(causal.pred, s, causal.b) (line 16)
    %7 = "stablehlo.transpose"(%causal.pred) <{permutation = array<i64: 1, 0>}> : (tensor<8x8xi1>) -> tensor<8x8xi1>
    %8 = "stablehlo.broadcast_in_dim"(%7) <{broadcast_dimensions = array<i64: 1, 2>}> : (tensor<8x8xi1>) -> tensor<4x8x8xi1>
    %9 = "stablehlo.broadcast_in_dim"(%causal.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x8xf32>
    %causal = "stablehlo.select"(%8, %s, %9) : (tensor<4x8x8xi1>, tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // near.0.pred.a: i32[L] = iota() (line 17)
    %near.0.pred.a = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // near.0.pred.b: i32[T@b] = iota() (line 17)
    %near.0.pred.b = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // near.0.pred: bool[L, T@b] = compare(near.0.pred.a, near.0.pred.b) (line 17)
    %13 = "stablehlo.broadcast_in_dim"(%near.0.pred.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %14 = "stablehlo.broadcast_in_dim"(%near.0.pred.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %near.0.pred = "stablehlo.compare"(%13, %14) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<8x8xi1>
    // near.0.a: f32[] = constant() (line 17)
    %near.0.a = "stablehlo.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
    // near.0.b: f32[] = constant() (line 17)
    %near.0.b = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // near.0: f32[L, T@b] = select(near.0.pred, near.0.a, near.0.b) (line 17)
    %18 = "stablehlo.broadcast_in_dim"(%near.0.a) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8xf32>
    %19 = "stablehlo.broadcast_in_dim"(%near.0.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8xf32>
    %near.0 = "stablehlo.select"(%near.0.pred, %18, %19) : (tensor<8x8xi1>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // near.1.pred.a: i32[L] = iota() (line 17)
    %near.1.pred.a = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // near.1.pred.b: i32[T@b] = iota() (line 17)
    %near.1.pred.b = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // near.1.pred: bool[L, T@b] = compare(near.1.pred.a, near.1.pred.b) (line 17)
    %23 = "stablehlo.broadcast_in_dim"(%near.1.pred.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %24 = "stablehlo.broadcast_in_dim"(%near.1.pred.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %near.1.pred = "stablehlo.compare"(%23, %24) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<8x8xi1>
    // near.1.a: f32[] = constant() (line 17)
    %near.1.a = "stablehlo.constant"() <{value = dense<0.5> : tensor<f32>}> : () -> tensor<f32>
    // near.1.b: f32[] = constant() (line 17)
    %near.1.b = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // near.1: f32[L, T@b] = select(near.1.pred, near.1.a, near.1.b) (line 17)
    %28 = "stablehlo.broadcast_in_dim"(%near.1.a) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8xf32>
    %29 = "stablehlo.broadcast_in_dim"(%near.1.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8xf32>
    %near.1 = "stablehlo.select"(%near.1.pred, %28, %29) : (tensor<8x8xi1>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // near: f32[L, T@b] = add(near.0, near.1) (line 17)
    %near = "stablehlo.add"(%near.0, %near.1) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // order.0.pred.a: i32[L] = iota() (line 18)
    %order.0.pred.a = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // order.0.pred.b: i32[T@b] = iota() (line 18)
    %order.0.pred.b = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // order.0.pred: bool[L, T@b] = compare(order.0.pred.a, order.0.pred.b) (line 18)
    %34 = "stablehlo.broadcast_in_dim"(%order.0.pred.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %35 = "stablehlo.broadcast_in_dim"(%order.0.pred.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %order.0.pred = "stablehlo.compare"(%34, %35) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<8x8xi1>
    // order.0.a: f32[] = constant() (line 18)
    %order.0.a = "stablehlo.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
    // order.0.b: f32[] = constant() (line 18)
    %order.0.b = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // order.0: f32[L, T@b] = select(order.0.pred, order.0.a, order.0.b) (line 18)
    %39 = "stablehlo.broadcast_in_dim"(%order.0.a) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8xf32>
    %40 = "stablehlo.broadcast_in_dim"(%order.0.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8xf32>
    %order.0 = "stablehlo.select"(%order.0.pred, %39, %40) : (tensor<8x8xi1>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // order.1.pred.a: i32[L] = iota() (line 18)
    %order.1.pred.a = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // order.1.pred.b: i32[T@b] = iota() (line 18)
    %order.1.pred.b = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8xi32>
    // order.1.pred: bool[L, T@b] = compare(order.1.pred.a, order.1.pred.b) (line 18)
    %44 = "stablehlo.broadcast_in_dim"(%order.1.pred.a) <{broadcast_dimensions = array<i64: 0>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %45 = "stablehlo.broadcast_in_dim"(%order.1.pred.b) <{broadcast_dimensions = array<i64: 1>}> : (tensor<8xi32>) -> tensor<8x8xi32>
    %order.1.pred = "stablehlo.compare"(%44, %45) <{comparison_direction = #stablehlo<comparison_direction GE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<8x8xi1>
    // order.1.a: f32[] = constant() (line 18)
    %order.1.a = "stablehlo.constant"() <{value = dense<2.0> : tensor<f32>}> : () -> tensor<f32>
    // order.1.b: f32[] = constant() (line 18)
    %order.1.b = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // order.1: f32[L, T@b] = select(order.1.pred, order.1.a, order.1.b) (line 18)
    %49 = "stablehlo.broadcast_in_dim"(%order.1.a) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8xf32>
    %50 = "stablehlo.broadcast_in_dim"(%order.1.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<8x8xf32>
    %order.1 = "stablehlo.select"(%order.1.pred, %49, %50) : (tensor<8x8xi1>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // order: f32[L, T@b] = add(order.0, order.1) (line 18)
    %order = "stablehlo.add"(%order.0, %order.1) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    // a.0.0.0.0: f32[B@a, T, M@b] = silu(x) (line 19)
    %53 = "stablehlo.logistic"(%x) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %a.0.0.0.0 = "stablehlo.multiply"(%x, %53) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.0.0.0.1: f32[B@a, T, M@b] = sigmoid(x) (line 19)
    %a.0.0.0.1 = "stablehlo.logistic"(%x) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.0.0.0: f32[B@a, T, M@b] = mul(a.0.0.0.0, a.0.0.0.1) (line 19)
    %a.0.0.0 = "stablehlo.multiply"(%a.0.0.0.0, %a.0.0.0.1) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.0.0.1: f32[B@a, T, M@b] = abs(x) (line 19)
    %a.0.0.1 = "stablehlo.abs"(%x) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.0.0: f32[B@a, T, M@b] = add(a.0.0.0, a.0.0.1) (line 19)
    %a.0.0 = "stablehlo.add"(%a.0.0.0, %a.0.0.1) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.0.1: f32[B@a, T, M@b] = square(x) (line 19)
    %a.0.1 = "stablehlo.multiply"(%x, %x) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.0: f32[B@a, T, M@b] = sub(a.0.0, a.0.1) (line 19)
    %a.0 = "stablehlo.subtract"(%a.0.0, %a.0.1) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.1.pred.b: f32[] = constant() (line 19)
    %a.1.pred.b = "stablehlo.constant"() <{value = dense<0.25> : tensor<f32>}> : () -> tensor<f32>
    // a.1.pred: bool[B@a, T, M@b] = compare(x, a.1.pred.b) (line 19)
    %62 = "stablehlo.broadcast_in_dim"(%a.1.pred.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x8xf32>
    %a.1.pred = "stablehlo.compare"(%x, %62) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xi1>
    // a.1.a.x: f32[B@a, T, M@b] = abs(x) (line 19)
    %a.1.a.x = "stablehlo.abs"(%x) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.1.a: f32[B@a, T, M@b] = pow(a.1.a.x) (line 19)
    %65 = "stablehlo.constant"() <{value = dense<1.5> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %a.1.a = "stablehlo.power"(%a.1.a.x, %65) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.1.b.b: f32[] = constant() (line 19)
    %a.1.b.b = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // a.1.b: f32[B@a, T, M@b] = min(x, a.1.b.b) (line 19)
    %68 = "stablehlo.broadcast_in_dim"(%a.1.b.b) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8x8xf32>
    %a.1.b = "stablehlo.minimum"(%x, %68) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a.1: f32[B@a, T, M@b] = select(a.1.pred, a.1.a, a.1.b) (line 19)
    %a.1 = "stablehlo.select"(%a.1.pred, %a.1.a, %a.1.b) : (tensor<4x8x8xi1>, tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // a: f32[B@a, T, M@b] = add(a.0, a.1) (line 19)
    %a = "stablehlo.add"(%a.0, %a.1) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // n: f32[B@a, T, M@b] = rms_norm(x) (line 20)
    %72 = "stablehlo.multiply"(%x, %x) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %73 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %74 = "stablehlo.reduce"(%72, %73) <{dimensions = array<i64: 2>}> ({
    ^bb0(%75: tensor<f32>, %76: tensor<f32>):
      %77 = "stablehlo.add"(%75, %76) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%77) : (tensor<f32>) -> ()
    }) : (tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    %78 = "stablehlo.broadcast_in_dim"(%74) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x8xf32>) -> tensor<4x8x8xf32>
    %79 = "stablehlo.constant"() <{value = dense<8.0> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %80 = "stablehlo.divide"(%78, %79) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %81 = "stablehlo.constant"() <{value = dense<0.000001> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %82 = "stablehlo.add"(%80, %81) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %83 = "stablehlo.rsqrt"(%82) : (tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %n = "stablehlo.multiply"(%x, %83) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // logits: f32[B@a, T, V@b] = einsum(n, w) (line 21)
    %logits = "stablehlo.dot_general"(%n, %w) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<4x8x8xf32>, tensor<8x16xf32>) -> tensor<4x8x16xf32>
    // ce.lse: f32[B@a, T] = logsumexp(logits) (line 22)
    %86 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %87 = "stablehlo.reduce"(%logits, %86) <{dimensions = array<i64: 2>}> ({
    ^bb0(%88: tensor<f32>, %89: tensor<f32>):
      %90 = "stablehlo.maximum"(%88, %89) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%90) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16xf32>, tensor<f32>) -> tensor<4x8xf32>
    %91 = "stablehlo.broadcast_in_dim"(%87) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x8xf32>) -> tensor<4x8x16xf32>
    %92 = "stablehlo.subtract"(%logits, %91) : (tensor<4x8x16xf32>, tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %93 = "stablehlo.exponential"(%92) : (tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %94 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %95 = "stablehlo.reduce"(%93, %94) <{dimensions = array<i64: 2>}> ({
    ^bb0(%96: tensor<f32>, %97: tensor<f32>):
      %98 = "stablehlo.add"(%96, %97) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%98) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16xf32>, tensor<f32>) -> tensor<4x8xf32>
    %99 = "stablehlo.log"(%95) : (tensor<4x8xf32>) -> tensor<4x8xf32>
    %ce.lse = "stablehlo.add"(%87, %99) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    // ce.target_hot: f32[B@a, T, V@b] = one_hot(targets) (line 22)
    %101 = "stablehlo.broadcast_in_dim"(%targets) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x8xi32>) -> tensor<4x8x16xi32>
    %102 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<4x8x16xi32>
    %103 = "stablehlo.compare"(%101, %102) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<4x8x16xi32>, tensor<4x8x16xi32>) -> tensor<4x8x16xi1>
    %ce.target_hot = "stablehlo.convert"(%103) : (tensor<4x8x16xi1>) -> tensor<4x8x16xf32>
    // ce.target_sel: f32[B@a, T, V@b] = mul(logits, ce.target_hot) (line 22)
    %ce.target_sel = "stablehlo.multiply"(%logits, %ce.target_hot) : (tensor<4x8x16xf32>, tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    // ce.target_logit: f32[B@a, T] = reduce_sum(ce.target_sel) (line 22)
    %106 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %ce.target_logit = "stablehlo.reduce"(%ce.target_sel, %106) <{dimensions = array<i64: 2>}> ({
    ^bb0(%108: tensor<f32>, %109: tensor<f32>):
      %110 = "stablehlo.add"(%108, %109) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%110) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16xf32>, tensor<f32>) -> tensor<4x8xf32>
    // ce: f32[B@a, T] = sub(ce.lse, ce.target_logit) (line 22)
    %ce = "stablehlo.subtract"(%ce.lse, %ce.target_logit) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    // ce_pad.lse: f32[B@a, T] = logsumexp(logits) (line 23)
    %112 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %113 = "stablehlo.reduce"(%logits, %112) <{dimensions = array<i64: 2>}> ({
    ^bb0(%114: tensor<f32>, %115: tensor<f32>):
      %116 = "stablehlo.maximum"(%114, %115) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%116) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16xf32>, tensor<f32>) -> tensor<4x8xf32>
    %117 = "stablehlo.broadcast_in_dim"(%113) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x8xf32>) -> tensor<4x8x16xf32>
    %118 = "stablehlo.subtract"(%logits, %117) : (tensor<4x8x16xf32>, tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %119 = "stablehlo.exponential"(%118) : (tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %120 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %121 = "stablehlo.reduce"(%119, %120) <{dimensions = array<i64: 2>}> ({
    ^bb0(%122: tensor<f32>, %123: tensor<f32>):
      %124 = "stablehlo.add"(%122, %123) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%124) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16xf32>, tensor<f32>) -> tensor<4x8xf32>
    %125 = "stablehlo.log"(%121) : (tensor<4x8xf32>) -> tensor<4x8xf32>
    %ce_pad.lse = "stablehlo.add"(%113, %125) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    // ce_pad.target_hot: f32[B@a, T, V@b] = one_hot(targets) (line 23)
    %127 = "stablehlo.broadcast_in_dim"(%targets) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x8xi32>) -> tensor<4x8x16xi32>
    %128 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<4x8x16xi32>
    %129 = "stablehlo.compare"(%127, %128) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<4x8x16xi32>, tensor<4x8x16xi32>) -> tensor<4x8x16xi1>
    %ce_pad.target_hot = "stablehlo.convert"(%129) : (tensor<4x8x16xi1>) -> tensor<4x8x16xf32>
    // ce_pad.target_sel: f32[B@a, T, V@b] = mul(logits, ce_pad.target_hot) (line 23)
    %ce_pad.target_sel = "stablehlo.multiply"(%logits, %ce_pad.target_hot) : (tensor<4x8x16xf32>, tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    // ce_pad.target_logit: f32[B@a, T] = reduce_sum(ce_pad.target_sel) (line 23)
    %132 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %ce_pad.target_logit = "stablehlo.reduce"(%ce_pad.target_sel, %132) <{dimensions = array<i64: 2>}> ({
    ^bb0(%134: tensor<f32>, %135: tensor<f32>):
      %136 = "stablehlo.add"(%134, %135) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%136) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16xf32>, tensor<f32>) -> tensor<4x8xf32>
    // ce_pad.all: f32[B@a, T] = sub(ce_pad.lse, ce_pad.target_logit) (line 23)
    %ce_pad.all = "stablehlo.subtract"(%ce_pad.lse, %ce_pad.target_logit) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    // ce_pad.pad_id: i32[] = constant() (line 23)
    %ce_pad.pad_id = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    // ce_pad.keep: bool[B@a, T] = compare(targets, ce_pad.pad_id) (line 23)
    %139 = "stablehlo.broadcast_in_dim"(%ce_pad.pad_id) <{broadcast_dimensions = array<i64>}> : (tensor<i32>) -> tensor<4x8xi32>
    %ce_pad.keep = "stablehlo.compare"(%targets, %139) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<4x8xi32>, tensor<4x8xi32>) -> tensor<4x8xi1>
    // ce_pad.zero: f32[] = constant() (line 23)
    %ce_pad.zero = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // ce_pad: f32[B@a, T] = select(ce_pad.keep, ce_pad.all, ce_pad.zero) (line 23)
    %142 = "stablehlo.broadcast_in_dim"(%ce_pad.zero) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8xf32>
    %ce_pad = "stablehlo.select"(%ce_pad.keep, %ce_pad.all, %142) : (tensor<4x8xi1>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    // result.0: f32[B@a, T@b, L] = mul(causal, near) (line 24)
    %144 = "stablehlo.transpose"(%near) <{permutation = array<i64: 1, 0>}> : (tensor<8x8xf32>) -> tensor<8x8xf32>
    %145 = "stablehlo.broadcast_in_dim"(%144) <{broadcast_dimensions = array<i64: 1, 2>}> : (tensor<8x8xf32>) -> tensor<4x8x8xf32>
    %result.0 = "stablehlo.multiply"(%causal, %145) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // result: f32[B@a, T@b, L] = mul(result.0, order) (line 24)
    %147 = "stablehlo.transpose"(%order) <{permutation = array<i64: 1, 0>}> : (tensor<8x8xf32>) -> tensor<8x8xf32>
    %148 = "stablehlo.broadcast_in_dim"(%147) <{broadcast_dimensions = array<i64: 1, 2>}> : (tensor<8x8xf32>) -> tensor<4x8x8xf32>
    %result = "stablehlo.multiply"(%result.0, %148) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // result.1.x.0.x: f32[B@a, T, M@b] = square(x) (line 24)
    %result.1.x.0.x = "stablehlo.multiply"(%x, %x) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // result.1.x.0: f32[B@a, T] = reduce_mean(result.1.x.0.x) (line 24)
    %151 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %152 = "stablehlo.reduce"(%result.1.x.0.x, %151) <{dimensions = array<i64: 2>}> ({
    ^bb0(%153: tensor<f32>, %154: tensor<f32>):
      %155 = "stablehlo.add"(%153, %154) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%155) : (tensor<f32>) -> ()
    }) : (tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    %156 = "stablehlo.constant"() <{value = dense<8.0> : tensor<4x8xf32>}> : () -> tensor<4x8xf32>
    %result.1.x.0 = "stablehlo.divide"(%152, %156) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    // result.1.x.c: f32[] = constant() (line 24)
    %result.1.x.c = "stablehlo.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
    // result.1.x: f32[B@a, T] = add(result.1.x.0, result.1.x.c) (line 24)
    %159 = "stablehlo.broadcast_in_dim"(%result.1.x.c) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<4x8xf32>
    %result.1.x = "stablehlo.add"(%result.1.x.0, %159) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    // result.1: f32[B@a, T] = rsqrt(result.1.x) (line 24)
    %result.1 = "stablehlo.rsqrt"(%result.1.x) : (tensor<4x8xf32>) -> tensor<4x8xf32>
    // result.2: f32[B@a, T, M@b] = mul(n, result.1) (line 24)
    %162 = "stablehlo.broadcast_in_dim"(%result.1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x8xf32>) -> tensor<4x8x8xf32>
    %result.2 = "stablehlo.multiply"(%n, %162) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // result.3: f32[B@a, T] = logsumexp(logits) (line 24)
    %164 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %165 = "stablehlo.reduce"(%logits, %164) <{dimensions = array<i64: 2>}> ({
    ^bb0(%166: tensor<f32>, %167: tensor<f32>):
      %168 = "stablehlo.maximum"(%166, %167) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%168) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16xf32>, tensor<f32>) -> tensor<4x8xf32>
    %169 = "stablehlo.broadcast_in_dim"(%165) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<4x8xf32>) -> tensor<4x8x16xf32>
    %170 = "stablehlo.subtract"(%logits, %169) : (tensor<4x8x16xf32>, tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %171 = "stablehlo.exponential"(%170) : (tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %172 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %173 = "stablehlo.reduce"(%171, %172) <{dimensions = array<i64: 2>}> ({
    ^bb0(%174: tensor<f32>, %175: tensor<f32>):
      %176 = "stablehlo.add"(%174, %175) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%176) : (tensor<f32>) -> ()
    }) : (tensor<4x8x16xf32>, tensor<f32>) -> tensor<4x8xf32>
    %177 = "stablehlo.log"(%173) : (tensor<4x8xf32>) -> tensor<4x8xf32>
    %result.3 = "stablehlo.add"(%165, %177) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    "func.return"(%result, %a, %result.2, %result.3, %ce, %ce_pad) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>, tensor<4x8x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) -> ()
  }
}
