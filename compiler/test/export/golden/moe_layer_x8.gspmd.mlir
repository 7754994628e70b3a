// moe_layer from compiler/test/export/fixtures/moe_layer_x8.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with GSPMD (mhlo.sharding) shardings on mesh tpu_v3 [x = 8] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @moe_layer attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%inputs: tensor<16x32x32xf32> {jax.arg_info = "inputs", mhlo.sharding = "{devices=[8,1,1]<=[8]}"}, %wg: tensor<32x16xf32> {jax.arg_info = "wg", mhlo.sharding = "{replicated}"}, %wi: tensor<16x32x64xf32> {jax.arg_info = "wi", mhlo.sharding = "{devices=[8,1,1]<=[8]}"}, %wo: tensor<16x64x32xf32> {jax.arg_info = "wo", mhlo.sharding = "{devices=[8,1,1]<=[8]}"}) -> (tensor<16x32x32xf32> {jax.result_info = "outputs", mhlo.sharding = "{devices=[8,1,1]<=[8]}"}, tensor<f32> {jax.result_info = "aux", mhlo.sharding = "{replicated}"}) {
    // logits: f32[G@x, S, E] = einsum(inputs, wg) (line 20)
    %logits = "stablehlo.dot_general"(%inputs, %wg) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<16x32x32xf32>, tensor<32x16xf32>) -> tensor<16x32x16xf32>
    // combine.gates: f32[G@x, S, E] = softmax(logits) (line 21)
    %1 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %2 = "stablehlo.reduce"(%logits, %1) <{dimensions = array<i64: 2>}> ({
    ^bb0(%3: tensor<f32>, %4: tensor<f32>):
      %5 = "stablehlo.maximum"(%3, %4) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%5) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32xf32>
    %6 = "stablehlo.broadcast_in_dim"(%2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<16x32xf32>) -> tensor<16x32x16xf32>
    %7 = "stablehlo.subtract"(%logits, %6) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    %8 = "stablehlo.exponential"(%7) : (tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    %9 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %10 = "stablehlo.reduce"(%8, %9) <{dimensions = array<i64: 2>}> ({
    ^bb0(%11: tensor<f32>, %12: tensor<f32>):
      %13 = "stablehlo.add"(%11, %12) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%13) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32xf32>
    %14 = "stablehlo.broadcast_in_dim"(%10) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<16x32xf32>) -> tensor<16x32x16xf32>
    %combine.gates = "stablehlo.divide"(%8, %14) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.idx1: i32[G@x, S] = argmax(combine.gates) (line 21)
    %16 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<16x32x16xi32>
    %17 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %18 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %19:2 = "stablehlo.reduce"(%combine.gates, %16, %17, %18) <{dimensions = array<i64: 2>}> ({
    ^bb0(%20: tensor<f32>, %21: tensor<i32>, %22: tensor<f32>, %23: tensor<i32>):
      %24 = "stablehlo.compare"(%20, %22) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %25 = "stablehlo.compare"(%20, %20) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %26 = "stablehlo.or"(%24, %25) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %27 = "stablehlo.compare"(%20, %22) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %28 = "stablehlo.compare"(%21, %23) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %29 = "stablehlo.and"(%27, %28) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %30 = "stablehlo.or"(%26, %29) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %31 = "stablehlo.select"(%26, %20, %22) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
      %32 = "stablehlo.select"(%30, %21, %23) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%31, %32) : (tensor<f32>, tensor<i32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<16x32x16xi32>, tensor<f32>, tensor<i32>) -> (tensor<16x32xf32>, tensor<16x32xi32>)
    // combine.mask1_raw: f32[G@x, S, E] = one_hot(combine.idx1) (line 21)
    %33 = "stablehlo.broadcast_in_dim"(%19#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<16x32xi32>) -> tensor<16x32x16xi32>
    %34 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<16x32x16xi32>
    %35 = "stablehlo.compare"(%33, %34) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x32x16xi32>, tensor<16x32x16xi32>) -> tensor<16x32x16xi1>
    %combine.mask1_raw = "stablehlo.convert"(%35) : (tensor<16x32x16xi1>) -> tensor<16x32x16xf32>
    // combine.c2: f32[] = constant() (line 21)
    %combine.c2 = "stablehlo.constant"() <{value = dense<2.0> : tensor<f32>}> : () -> tensor<f32>
    // combine.mask1_x2: f32[G@x, S, E] = mul(combine.mask1_raw, combine.c2) (line 21)
    %38 = "stablehlo.broadcast_in_dim"(%combine.c2) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<16x32x16xf32>
    %combine.mask1_x2 = "stablehlo.multiply"(%combine.mask1_raw, %38) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.gates_without_first: f32[G@x, S, E] = sub(combine.gates, combine.mask1_x2) (line 21)
    %combine.gates_without_first = "stablehlo.subtract"(%combine.gates, %combine.mask1_x2) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.idx2: i32[G@x, S] = argmax(combine.gates_without_first) (line 21)
    %41 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<16x32x16xi32>
    %42 = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
    %43 = "stablehlo.constant"() <{value = dense<0> : tensor<i32>}> : () -> tensor<i32>
    %44:2 = "stablehlo.reduce"(%combine.gates_without_first, %41, %42, %43) <{dimensions = array<i64: 2>}> ({
    ^bb0(%45: tensor<f32>, %46: tensor<i32>, %47: tensor<f32>, %48: tensor<i32>):
      %49 = "stablehlo.compare"(%45, %47) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %50 = "stablehlo.compare"(%45, %45) <{comparison_direction = #stablehlo<comparison_direction NE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %51 = "stablehlo.or"(%49, %50) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %52 = "stablehlo.compare"(%45, %47) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %53 = "stablehlo.compare"(%46, %48) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
      %54 = "stablehlo.and"(%52, %53) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %55 = "stablehlo.or"(%51, %54) : (tensor<i1>, tensor<i1>) -> tensor<i1>
      %56 = "stablehlo.select"(%51, %45, %47) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
      %57 = "stablehlo.select"(%55, %46, %48) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
      "stablehlo.return"(%56, %57) : (tensor<f32>, tensor<i32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<16x32x16xi32>, tensor<f32>, tensor<i32>) -> (tensor<16x32xf32>, tensor<16x32xi32>)
    // combine.mask2_raw: f32[G@x, S, E] = one_hot(combine.idx2) (line 21)
    %58 = "stablehlo.broadcast_in_dim"(%44#1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<16x32xi32>) -> tensor<16x32x16xi32>
    %59 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<16x32x16xi32>
    %60 = "stablehlo.compare"(%58, %59) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x32x16xi32>, tensor<16x32x16xi32>) -> tensor<16x32x16xi1>
    %combine.mask2_raw = "stablehlo.convert"(%60) : (tensor<16x32x16xi1>) -> tensor<16x32x16xf32>
    // combine.gate1_sel: f32[G@x, S, E] = mul(combine.gates, combine.mask1_raw) (line 21)
    %combine.gate1_sel = "stablehlo.multiply"(%combine.gates, %combine.mask1_raw) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.gate1_raw: f32[G@x, S] = reduce_sum(combine.gate1_sel) (line 21)
    %63 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %combine.gate1_raw = "stablehlo.reduce"(%combine.gate1_sel, %63) <{dimensions = array<i64: 2>}> ({
    ^bb0(%65: tensor<f32>, %66: tensor<f32>):
      %67 = "stablehlo.add"(%65, %66) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%67) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32xf32>
    // combine.gate2_sel: f32[G@x, S, E] = mul(combine.gates, combine.mask2_raw) (line 21)
    %combine.gate2_sel = "stablehlo.multiply"(%combine.gates, %combine.mask2_raw) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.gate2_raw: f32[G@x, S] = reduce_sum(combine.gate2_sel) (line 21)
    %69 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %combine.gate2_raw = "stablehlo.reduce"(%combine.gate2_sel, %69) <{dimensions = array<i64: 2>}> ({
    ^bb0(%71: tensor<f32>, %72: tensor<f32>):
      %73 = "stablehlo.add"(%71, %72) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%73) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32xf32>
    // combine.gate_sum: f32[G@x, S] = add(combine.gate1_raw, combine.gate2_raw) (line 21)
    %combine.gate_sum = "stablehlo.add"(%combine.gate1_raw, %combine.gate2_raw) : (tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<16x32xf32>
    // combine.gate1: f32[G@x, S] = div(combine.gate1_raw, combine.gate_sum) (line 21)
    %combine.gate1 = "stablehlo.divide"(%combine.gate1_raw, %combine.gate_sum) : (tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<16x32xf32>
    // combine.gate2: f32[G@x, S] = div(combine.gate2_raw, combine.gate_sum) (line 21)
    %combine.gate2 = "stablehlo.divide"(%combine.gate2_raw, %combine.gate_sum) : (tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<16x32xf32>
    // combine.density1: f32[G@x, E] = reduce_mean(combine.mask1_raw) (line 21)
    %77 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %78 = "stablehlo.reduce"(%combine.mask1_raw, %77) <{dimensions = array<i64: 1>}> ({
    ^bb0(%79: tensor<f32>, %80: tensor<f32>):
      %81 = "stablehlo.add"(%79, %80) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%81) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x16xf32>
    %82 = "stablehlo.constant"() <{value = dense<32.0> : tensor<16x16xf32>}> : () -> tensor<16x16xf32>
    %combine.density1 = "stablehlo.divide"(%78, %82) : (tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<16x16xf32>
    // combine.density1_proxy: f32[G@x, E] = reduce_mean(combine.gates) (line 21)
    %84 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %85 = "stablehlo.reduce"(%combine.gates, %84) <{dimensions = array<i64: 1>}> ({
    ^bb0(%86: tensor<f32>, %87: tensor<f32>):
      %88 = "stablehlo.add"(%86, %87) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%88) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x16xf32>
    %89 = "stablehlo.constant"() <{value = dense<32.0> : tensor<16x16xf32>}> : () -> tensor<16x16xf32>
    %combine.density1_proxy = "stablehlo.divide"(%85, %89) : (tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<16x16xf32>
    // combine.density_product: f32[G@x, E] = mul(combine.density1, combine.density1_proxy) (line 21)
    %combine.density_product = "stablehlo.multiply"(%combine.density1, %combine.density1_proxy) : (tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<16x16xf32>
    // aux: f32[] = reduce_mean(combine.density_product) (line 21)
    %92 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %93 = "stablehlo.reduce"(%combine.density_product, %92) <{dimensions = array<i64: 0, 1>}> ({
    ^bb0(%94: tensor<f32>, %95: tensor<f32>):
      %96 = "stablehlo.add"(%94, %95) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%96) : (tensor<f32>) -> ()
    }) : (tensor<16x16xf32>, tensor<f32>) -> tensor<f32>
    %97 = "stablehlo.constant"() <{value = dense<256.0> : tensor<f32>}> : () -> tensor<f32>
    %aux = "stablehlo.divide"(%93, %97) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    // combine.c4: f32[] = constant() (line 21)
    %combine.c4 = "stablehlo.constant"() <{value = dense<4.0> : tensor<f32>}> : () -> tensor<f32>
    // combine.pos1: f32[G@x, S, E] = cumsum(combine.mask1_raw) (line 21)
    %100 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %101 = "stablehlo.pad"(%combine.mask1_raw, %100) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32x16xf32>
    %combine.pos1 = "stablehlo.reduce_window"(%101, %100) <{window_dimensions = array<i64: 1, 32, 1>, padding = dense<[[0, 0], [31, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%103: tensor<f32>, %104: tensor<f32>):
      %105 = "stablehlo.add"(%103, %104) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%105) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32x16xf32>
    // combine.fits1: f32[G@x, S, E] = lt(combine.pos1, combine.c4) (line 21)
    %106 = "stablehlo.broadcast_in_dim"(%combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<16x32x16xf32>
    %107 = "stablehlo.compare"(%combine.pos1, %106) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xi1>
    %combine.fits1 = "stablehlo.convert"(%107) : (tensor<16x32x16xi1>) -> tensor<16x32x16xf32>
    // combine.mask1: f32[G@x, S, E] = mul(combine.mask1_raw, combine.fits1) (line 21)
    %combine.mask1 = "stablehlo.multiply"(%combine.mask1_raw, %combine.fits1) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.kept1_count: f32[G@x, E] = reduce_sum(combine.mask1) (line 21)
    %110 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %combine.kept1_count = "stablehlo.reduce"(%combine.mask1, %110) <{dimensions = array<i64: 1>}> ({
    ^bb0(%112: tensor<f32>, %113: tensor<f32>):
      %114 = "stablehlo.add"(%112, %113) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%114) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x16xf32>
    // combine.pos2_local: f32[G@x, S, E] = cumsum(combine.mask2_raw) (line 21)
    %115 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %116 = "stablehlo.pad"(%combine.mask2_raw, %115) <{edge_padding_low = array<i64: 0, 1, 0>, edge_padding_high = array<i64: 0, -1, 0>, interior_padding = array<i64: 0, 0, 0>}> : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32x16xf32>
    %combine.pos2_local = "stablehlo.reduce_window"(%116, %115) <{window_dimensions = array<i64: 1, 32, 1>, padding = dense<[[0, 0], [31, 0], [0, 0]]> : tensor<3x2xi64>}> ({
    ^bb0(%118: tensor<f32>, %119: tensor<f32>):
      %120 = "stablehlo.add"(%118, %119) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%120) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32x16xf32>
    // combine.pos2: f32[G@x, S, E] = add(combine.pos2_local, combine.kept1_count) (line 21)
    %121 = "stablehlo.broadcast_in_dim"(%combine.kept1_count) <{broadcast_dimensions = array<i64: 0, 2>}> : (tensor<16x16xf32>) -> tensor<16x32x16xf32>
    %combine.pos2 = "stablehlo.add"(%combine.pos2_local, %121) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.fits2: f32[G@x, S, E] = lt(combine.pos2, combine.c4) (line 21)
    %123 = "stablehlo.broadcast_in_dim"(%combine.c4) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<16x32x16xf32>
    %124 = "stablehlo.compare"(%combine.pos2, %123) <{comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xi1>
    %combine.fits2 = "stablehlo.convert"(%124) : (tensor<16x32x16xi1>) -> tensor<16x32x16xf32>
    // combine.mask2: f32[G@x, S, E] = mul(combine.mask2_raw, combine.fits2) (line 21)
    %combine.mask2 = "stablehlo.multiply"(%combine.mask2_raw, %combine.fits2) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.slot1_sel: f32[G@x, S, E] = mul(combine.pos1, combine.mask1) (line 21)
    %combine.slot1_sel = "stablehlo.multiply"(%combine.pos1, %combine.mask1) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.slot1_f: f32[G@x, S] = reduce_sum(combine.slot1_sel) (line 21)
    %128 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %combine.slot1_f = "stablehlo.reduce"(%combine.slot1_sel, %128) <{dimensions = array<i64: 2>}> ({
    ^bb0(%130: tensor<f32>, %131: tensor<f32>):
      %132 = "stablehlo.add"(%130, %131) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%132) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32xf32>
    // combine.slot1: i32[G@x, S] = cast(combine.slot1_f) (line 21)
    %combine.slot1 = "stablehlo.convert"(%combine.slot1_f) : (tensor<16x32xf32>) -> tensor<16x32xi32>
    // combine.slot1_hot: f32[G@x, S, C] = one_hot(combine.slot1) (line 21)
    %134 = "stablehlo.broadcast_in_dim"(%combine.slot1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<16x32xi32>) -> tensor<16x32x4xi32>
    %135 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<16x32x4xi32>
    %136 = "stablehlo.compare"(%134, %135) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x32x4xi32>, tensor<16x32x4xi32>) -> tensor<16x32x4xi1>
    %combine.slot1_hot = "stablehlo.convert"(%136) : (tensor<16x32x4xi1>) -> tensor<16x32x4xf32>
    // combine.weight1: f32[G@x, S, E] = mul(combine.mask1, combine.gate1) (line 21)
    %138 = "stablehlo.broadcast_in_dim"(%combine.gate1) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<16x32xf32>) -> tensor<16x32x16xf32>
    %combine.weight1 = "stablehlo.multiply"(%combine.mask1, %138) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.combine1: f32[G@x, S, E, C] = einsum(combine.weight1, combine.slot1_hot) (line 21)
    %combine.combine1 = "stablehlo.dot_general"(%combine.weight1, %combine.slot1_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<16x32x16xf32>, tensor<16x32x4xf32>) -> tensor<16x32x16x4xf32>
    // combine.slot2_sel: f32[G@x, S, E] = mul(combine.pos2, combine.mask2) (line 21)
    %combine.slot2_sel = "stablehlo.multiply"(%combine.pos2, %combine.mask2) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.slot2_f: f32[G@x, S] = reduce_sum(combine.slot2_sel) (line 21)
    %142 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %combine.slot2_f = "stablehlo.reduce"(%combine.slot2_sel, %142) <{dimensions = array<i64: 2>}> ({
    ^bb0(%144: tensor<f32>, %145: tensor<f32>):
      %146 = "stablehlo.add"(%144, %145) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%146) : (tensor<f32>) -> ()
    }) : (tensor<16x32x16xf32>, tensor<f32>) -> tensor<16x32xf32>
    // combine.slot2: i32[G@x, S] = cast(combine.slot2_f) (line 21)
    %combine.slot2 = "stablehlo.convert"(%combine.slot2_f) : (tensor<16x32xf32>) -> tensor<16x32xi32>
    // combine.slot2_hot: f32[G@x, S, C] = one_hot(combine.slot2) (line 21)
    %148 = "stablehlo.broadcast_in_dim"(%combine.slot2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<16x32xi32>) -> tensor<16x32x4xi32>
    %149 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<16x32x4xi32>
    %150 = "stablehlo.compare"(%148, %149) <{comparison_direction = #stablehlo<comparison_direction EQ>, compare_type = #stablehlo<comparison_type SIGNED>}> : (tensor<16x32x4xi32>, tensor<16x32x4xi32>) -> tensor<16x32x4xi1>
    %combine.slot2_hot = "stablehlo.convert"(%150) : (tensor<16x32x4xi1>) -> tensor<16x32x4xf32>
    // combine.weight2: f32[G@x, S, E] = mul(combine.mask2, combine.gate2) (line 21)
    %152 = "stablehlo.broadcast_in_dim"(%combine.gate2) <{broadcast_dimensions = array<i64: 0, 1>}> : (tensor<16x32xf32>) -> tensor<16x32x16xf32>
    %combine.weight2 = "stablehlo.multiply"(%combine.mask2, %152) : (tensor<16x32x16xf32>, tensor<16x32x16xf32>) -> tensor<16x32x16xf32>
    // combine.combine2: f32[G@x, S, E, C] = einsum(combine.weight2, combine.slot2_hot) (line 21)
    %combine.combine2 = "stablehlo.dot_general"(%combine.weight2, %combine.slot2_hot) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0, 1], rhs_batching_dimensions = [0, 1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<16x32x16xf32>, tensor<16x32x4xf32>) -> tensor<16x32x16x4xf32>
    // combine: f32[G@x, S, E, C] = add(combine.combine1, combine.combine2) (line 21)
    %combine = "stablehlo.add"(%combine.combine1, %combine.combine2) : (tensor<16x32x16x4xf32>, tensor<16x32x16x4xf32>) -> tensor<16x32x16x4xf32>
    // combine.c0: f32[] = constant() (line 21)
    %combine.c0 = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    // dispatch: f32[G@x, S, E, C] = gt(combine, combine.c0) (line 21)
    %157 = "stablehlo.broadcast_in_dim"(%combine.c0) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<16x32x16x4xf32>
    %158 = "stablehlo.compare"(%combine, %157) <{comparison_direction = #stablehlo<comparison_direction GT>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<16x32x16x4xf32>, tensor<16x32x16x4xf32>) -> tensor<16x32x16x4xi1>
    %dispatch = "stablehlo.convert"(%158) : (tensor<16x32x16x4xi1>) -> tensor<16x32x16x4xf32>
    // expert_inputs: f32[E@x, G, C, M] = einsum(dispatch, inputs) (line 22)
    %160 = "stablehlo.dot_general"(%dispatch, %inputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<16x32x16x4xf32>, tensor<16x32x32xf32>) -> tensor<16x16x4x32xf32>
    %expert_inputs = "stablehlo.transpose"(%160) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<16x16x4x32xf32>) -> tensor<16x16x4x32xf32>
    %expert_inputs.sharded = "stablehlo.custom_call"(%expert_inputs) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[8,1,1,1]<=[8]}"} : (tensor<16x16x4x32xf32>) -> tensor<16x16x4x32xf32>
    // h.x: f32[E@x, G, C, H] = einsum(expert_inputs, wi) (line 23)
    %h.x = "stablehlo.dot_general"(%expert_inputs.sharded, %wi) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<16x16x4x32xf32>, tensor<16x32x64xf32>) -> tensor<16x16x4x64xf32>
    // h: f32[E@x, G, C, H] = relu(h.x) (line 23)
    %163 = "stablehlo.constant"() <{value = dense<0.0> : tensor<16x16x4x64xf32>}> : () -> tensor<16x16x4x64xf32>
    %h = "stablehlo.maximum"(%h.x, %163) : (tensor<16x16x4x64xf32>, tensor<16x16x4x64xf32>) -> tensor<16x16x4x64xf32>
    // expert_outputs: f32[G@x, E, C, M] = einsum(h, wo) (line 24)
    %165 = "stablehlo.dot_general"(%h, %wo) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [3], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<16x16x4x64xf32>, tensor<16x64x32xf32>) -> tensor<16x16x4x32xf32>
    %expert_outputs = "stablehlo.transpose"(%165) <{permutation = array<i64: 1, 0, 2, 3>}> : (tensor<16x16x4x32xf32>) -> tensor<16x16x4x32xf32>
    // outputs: f32[G@x, S, M] = einsum(combine, expert_outputs) (line 25)
    %outputs = "stablehlo.dot_general"(%combine, %expert_outputs) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2, 3], rhs_contracting_dimensions = [1, 2]>, precision_config = [#stablehlo<precision HIGHEST>, #stablehlo<precision HIGHEST>]}> : (tensor<16x32x16x4xf32>, tensor<16x16x4x32xf32>) -> tensor<16x32x32xf32>
    "func.return"(%outputs, %aux) : (tensor<16x32x32xf32>, tensor<f32>) -> ()
  }
}
