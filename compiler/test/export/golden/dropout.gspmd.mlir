// dropout_fixture from compiler/test/export/fixtures/dropout.gshard, exported by gshard: StableHLO in MLIR's generic op syntax
// with GSPMD (mhlo.sharding) shardings on mesh tpu_v3 [x = 4, y = 2] chips [2, 2].
// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned
// jax/jaxlib version in docs/real-engines.md.
module @dropout_fixture attributes {mhlo.num_partitions = 8 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%x: tensor<4x8x8xf32> {jax.arg_info = "x", mhlo.sharding = "{devices=[4,1,2]<=[8]}"}, %key: tensor<i32> {jax.arg_info = "key", mhlo.sharding = "{replicated}"}) -> (tensor<4x8x8xf32> {jax.result_info = "a", mhlo.sharding = "{devices=[4,1,2]<=[8]}"}, tensor<8x4x8xf32> {jax.result_info = "b", mhlo.sharding = "{devices=[2,4,1]<=[4,2]T(1,0)}"}) {
    // a: f32[B@x, L, M@y] = dropout(x, key) (line 11)
    %0 = "stablehlo.broadcast_in_dim"(%key) <{broadcast_dimensions = array<i64>}> : (tensor<i32>) -> tensor<4x8x8xi32>
    %1 = "stablehlo.constant"() <{value = dense<16> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %2 = "stablehlo.shift_right_logical"(%0, %1) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %3 = "stablehlo.xor"(%0, %2) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %4 = "stablehlo.constant"() <{value = dense<-2048144789> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %5 = "stablehlo.multiply"(%3, %4) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %6 = "stablehlo.constant"() <{value = dense<13> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %7 = "stablehlo.shift_right_logical"(%5, %6) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %8 = "stablehlo.xor"(%5, %7) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %9 = "stablehlo.constant"() <{value = dense<-1028477387> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %10 = "stablehlo.multiply"(%8, %9) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %11 = "stablehlo.constant"() <{value = dense<16> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %12 = "stablehlo.shift_right_logical"(%10, %11) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %13 = "stablehlo.xor"(%10, %12) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %14 = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<4x8x8xi32>
    %15 = "stablehlo.xor"(%13, %14) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %16 = "stablehlo.constant"() <{value = dense<16> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %17 = "stablehlo.shift_right_logical"(%15, %16) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %18 = "stablehlo.xor"(%15, %17) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %19 = "stablehlo.constant"() <{value = dense<-2048144789> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %20 = "stablehlo.multiply"(%18, %19) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %21 = "stablehlo.constant"() <{value = dense<13> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %22 = "stablehlo.shift_right_logical"(%20, %21) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %23 = "stablehlo.xor"(%20, %22) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %24 = "stablehlo.constant"() <{value = dense<-1028477387> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %25 = "stablehlo.multiply"(%23, %24) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %26 = "stablehlo.constant"() <{value = dense<16> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %27 = "stablehlo.shift_right_logical"(%25, %26) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %28 = "stablehlo.xor"(%25, %27) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %29 = "stablehlo.iota"() <{iota_dimension = 1 : i64}> : () -> tensor<4x8x8xi32>
    %30 = "stablehlo.xor"(%28, %29) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %31 = "stablehlo.constant"() <{value = dense<16> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %32 = "stablehlo.shift_right_logical"(%30, %31) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %33 = "stablehlo.xor"(%30, %32) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %34 = "stablehlo.constant"() <{value = dense<-2048144789> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %35 = "stablehlo.multiply"(%33, %34) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %36 = "stablehlo.constant"() <{value = dense<13> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %37 = "stablehlo.shift_right_logical"(%35, %36) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %38 = "stablehlo.xor"(%35, %37) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %39 = "stablehlo.constant"() <{value = dense<-1028477387> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %40 = "stablehlo.multiply"(%38, %39) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %41 = "stablehlo.constant"() <{value = dense<16> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %42 = "stablehlo.shift_right_logical"(%40, %41) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %43 = "stablehlo.xor"(%40, %42) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %44 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<4x8x8xi32>
    %45 = "stablehlo.xor"(%43, %44) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %46 = "stablehlo.constant"() <{value = dense<16> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %47 = "stablehlo.shift_right_logical"(%45, %46) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %48 = "stablehlo.xor"(%45, %47) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %49 = "stablehlo.constant"() <{value = dense<-2048144789> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %50 = "stablehlo.multiply"(%48, %49) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %51 = "stablehlo.constant"() <{value = dense<13> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %52 = "stablehlo.shift_right_logical"(%50, %51) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %53 = "stablehlo.xor"(%50, %52) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %54 = "stablehlo.constant"() <{value = dense<-1028477387> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %55 = "stablehlo.multiply"(%53, %54) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %56 = "stablehlo.constant"() <{value = dense<16> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %57 = "stablehlo.shift_right_logical"(%55, %56) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %58 = "stablehlo.xor"(%55, %57) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %59 = "stablehlo.constant"() <{value = dense<8> : tensor<4x8x8xi32>}> : () -> tensor<4x8x8xi32>
    %60 = "stablehlo.shift_right_logical"(%58, %59) : (tensor<4x8x8xi32>, tensor<4x8x8xi32>) -> tensor<4x8x8xi32>
    %61 = "stablehlo.convert"(%60) : (tensor<4x8x8xi32>) -> tensor<4x8x8xf32>
    %62 = "stablehlo.constant"() <{value = dense<5.960464477539063e-8> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %63 = "stablehlo.multiply"(%61, %62) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %64 = "stablehlo.constant"() <{value = dense<0.25> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %65 = "stablehlo.compare"(%63, %64) <{comparison_direction = #stablehlo<comparison_direction GE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xi1>
    %66 = "stablehlo.constant"() <{value = dense<1.3333333730697632> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %67 = "stablehlo.multiply"(%x, %66) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %68 = "stablehlo.constant"() <{value = dense<0.0> : tensor<4x8x8xf32>}> : () -> tensor<4x8x8xf32>
    %a = "stablehlo.select"(%65, %67, %68) : (tensor<4x8x8xi1>, tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    // t: f32[M@y, B@x, L] = transpose(x) (line 12)
    %t = "stablehlo.transpose"(%x) <{permutation = array<i64: 2, 0, 1>}> : (tensor<4x8x8xf32>) -> tensor<8x4x8xf32>
    %t.sharded = "stablehlo.custom_call"(%t) <{backend_config = "", call_target_name = "Sharding"}> {mhlo.sharding = "{devices=[2,4,1]<=[4,2]T(1,0)}"} : (tensor<8x4x8xf32>) -> tensor<8x4x8xf32>
    // b: f32[M@y, B@x, L] = dropout(t, key) (line 13)
    %71 = "stablehlo.broadcast_in_dim"(%key) <{broadcast_dimensions = array<i64>}> : (tensor<i32>) -> tensor<8x4x8xi32>
    %72 = "stablehlo.constant"() <{value = dense<16> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %73 = "stablehlo.shift_right_logical"(%71, %72) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %74 = "stablehlo.xor"(%71, %73) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %75 = "stablehlo.constant"() <{value = dense<-2048144789> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %76 = "stablehlo.multiply"(%74, %75) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %77 = "stablehlo.constant"() <{value = dense<13> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %78 = "stablehlo.shift_right_logical"(%76, %77) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %79 = "stablehlo.xor"(%76, %78) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %80 = "stablehlo.constant"() <{value = dense<-1028477387> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %81 = "stablehlo.multiply"(%79, %80) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %82 = "stablehlo.constant"() <{value = dense<16> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %83 = "stablehlo.shift_right_logical"(%81, %82) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %84 = "stablehlo.xor"(%81, %83) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %85 = "stablehlo.iota"() <{iota_dimension = 1 : i64}> : () -> tensor<8x4x8xi32>
    %86 = "stablehlo.xor"(%84, %85) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %87 = "stablehlo.constant"() <{value = dense<16> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %88 = "stablehlo.shift_right_logical"(%86, %87) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %89 = "stablehlo.xor"(%86, %88) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %90 = "stablehlo.constant"() <{value = dense<-2048144789> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %91 = "stablehlo.multiply"(%89, %90) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %92 = "stablehlo.constant"() <{value = dense<13> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %93 = "stablehlo.shift_right_logical"(%91, %92) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %94 = "stablehlo.xor"(%91, %93) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %95 = "stablehlo.constant"() <{value = dense<-1028477387> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %96 = "stablehlo.multiply"(%94, %95) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %97 = "stablehlo.constant"() <{value = dense<16> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %98 = "stablehlo.shift_right_logical"(%96, %97) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %99 = "stablehlo.xor"(%96, %98) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %100 = "stablehlo.iota"() <{iota_dimension = 2 : i64}> : () -> tensor<8x4x8xi32>
    %101 = "stablehlo.xor"(%99, %100) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %102 = "stablehlo.constant"() <{value = dense<16> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %103 = "stablehlo.shift_right_logical"(%101, %102) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %104 = "stablehlo.xor"(%101, %103) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %105 = "stablehlo.constant"() <{value = dense<-2048144789> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %106 = "stablehlo.multiply"(%104, %105) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %107 = "stablehlo.constant"() <{value = dense<13> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %108 = "stablehlo.shift_right_logical"(%106, %107) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %109 = "stablehlo.xor"(%106, %108) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %110 = "stablehlo.constant"() <{value = dense<-1028477387> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %111 = "stablehlo.multiply"(%109, %110) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %112 = "stablehlo.constant"() <{value = dense<16> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %113 = "stablehlo.shift_right_logical"(%111, %112) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %114 = "stablehlo.xor"(%111, %113) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %115 = "stablehlo.iota"() <{iota_dimension = 0 : i64}> : () -> tensor<8x4x8xi32>
    %116 = "stablehlo.xor"(%114, %115) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %117 = "stablehlo.constant"() <{value = dense<16> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %118 = "stablehlo.shift_right_logical"(%116, %117) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %119 = "stablehlo.xor"(%116, %118) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %120 = "stablehlo.constant"() <{value = dense<-2048144789> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %121 = "stablehlo.multiply"(%119, %120) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %122 = "stablehlo.constant"() <{value = dense<13> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %123 = "stablehlo.shift_right_logical"(%121, %122) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %124 = "stablehlo.xor"(%121, %123) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %125 = "stablehlo.constant"() <{value = dense<-1028477387> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %126 = "stablehlo.multiply"(%124, %125) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %127 = "stablehlo.constant"() <{value = dense<16> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %128 = "stablehlo.shift_right_logical"(%126, %127) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %129 = "stablehlo.xor"(%126, %128) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %130 = "stablehlo.constant"() <{value = dense<8> : tensor<8x4x8xi32>}> : () -> tensor<8x4x8xi32>
    %131 = "stablehlo.shift_right_logical"(%129, %130) : (tensor<8x4x8xi32>, tensor<8x4x8xi32>) -> tensor<8x4x8xi32>
    %132 = "stablehlo.convert"(%131) : (tensor<8x4x8xi32>) -> tensor<8x4x8xf32>
    %133 = "stablehlo.constant"() <{value = dense<5.960464477539063e-8> : tensor<8x4x8xf32>}> : () -> tensor<8x4x8xf32>
    %134 = "stablehlo.multiply"(%132, %133) : (tensor<8x4x8xf32>, tensor<8x4x8xf32>) -> tensor<8x4x8xf32>
    %135 = "stablehlo.constant"() <{value = dense<0.25> : tensor<8x4x8xf32>}> : () -> tensor<8x4x8xf32>
    %136 = "stablehlo.compare"(%134, %135) <{comparison_direction = #stablehlo<comparison_direction GE>, compare_type = #stablehlo<comparison_type FLOAT>}> : (tensor<8x4x8xf32>, tensor<8x4x8xf32>) -> tensor<8x4x8xi1>
    %137 = "stablehlo.constant"() <{value = dense<1.3333333730697632> : tensor<8x4x8xf32>}> : () -> tensor<8x4x8xf32>
    %138 = "stablehlo.multiply"(%t.sharded, %137) : (tensor<8x4x8xf32>, tensor<8x4x8xf32>) -> tensor<8x4x8xf32>
    %139 = "stablehlo.constant"() <{value = dense<0.0> : tensor<8x4x8xf32>}> : () -> tensor<8x4x8xf32>
    %b = "stablehlo.select"(%136, %138, %139) : (tensor<8x4x8xi1>, tensor<8x4x8xf32>, tensor<8x4x8xf32>) -> tensor<8x4x8xf32>
    "func.return"(%a, %b) : (tensor<4x8x8xf32>, tensor<8x4x8xf32>) -> ()
  }
}
