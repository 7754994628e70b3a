#!/usr/bin/env python3
"""moe_transformer from examples/moe_transformer.gshard, exported by gshard as a JAX program.

Mesh tpu_v3 [x = 8] chips [2, 2]: axes with auto axis types. Inputs and params are placed with
NamedSharding/PartitionSpec as gshard propagated them; the values annotated in the source are pinned
with with_sharding_constraint; XLA infers every other sharding, as gshard did.

    python3 moe_transformer.py --data DIR --out OUT [--dump-hlo FILE]

DIR holds the .npy files `gshard run --save DIR` writes (inputs/, params/, random/ or DIR itself);
outputs go to OUT/outputs/NAME.npy. On CPU, fake the devices with
XLA_FLAGS=--xla_force_host_platform_device_count=8. Written for jax==0.10.2 (docs/real-engines.md).
"""
import argparse
import math
from pathlib import Path

import numpy as np
import jax
import jax.numpy as jnp
from jax.sharding import AxisType, Mesh, NamedSharding, PartitionSpec as P

# f32 matmuls at full precision, as gshard computes them (TPUs otherwise use bf16 passes).
jax.config.update("jax_default_matmul_precision", "highest")

MESH_AXES = ("x",)
MESH_SHAPE = (8,)
# The device at each mesh position, row-major: None means jax.make_mesh chooses (physically sensible on TPU).
MESH_DEVICE_IDS = None

# (name, dtype, shape, sharding) of each argument of the model, inputs then params.
ARGUMENTS = [
    ("x", jnp.float32, (8, 16, 32), P("x", None, None)),
    ("y.0.a.arg0.ln_scale", jnp.float32, (32,), P(None)),
    ("y.0.a.arg0.wq", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.0.a.arg0.wk", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.0.a.arg0.wv", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.0.a.arg0.wo", jnp.float32, (4, 8, 32), P(None, None, None)),
    ("y.0.a.ln_scale", jnp.float32, (32,), P(None)),
    ("y.0.a.wi", jnp.float32, (32, 64), P(None, None)),
    ("y.0.a.wo", jnp.float32, (64, 32), P(None, None)),
    ("y.0.result.arg0.ln_scale", jnp.float32, (32,), P(None)),
    ("y.0.result.arg0.wq", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.0.result.arg0.wk", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.0.result.arg0.wv", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.0.result.arg0.wo", jnp.float32, (4, 8, 32), P(None, None, None)),
    ("y.0.result.ln_scale", jnp.float32, (32,), P(None)),
    ("y.0.result.wg", jnp.float32, (32, 8), P(None, None)),
    ("y.0.result.wi", jnp.float32, (8, 32, 64), P("x", None, None)),
    ("y.0.result.wo", jnp.float32, (8, 64, 32), P("x", None, None)),
    ("y.1.a.arg0.ln_scale", jnp.float32, (32,), P(None)),
    ("y.1.a.arg0.wq", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.1.a.arg0.wk", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.1.a.arg0.wv", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.1.a.arg0.wo", jnp.float32, (4, 8, 32), P(None, None, None)),
    ("y.1.a.ln_scale", jnp.float32, (32,), P(None)),
    ("y.1.a.wi", jnp.float32, (32, 64), P(None, None)),
    ("y.1.a.wo", jnp.float32, (64, 32), P(None, None)),
    ("y.1.result.arg0.ln_scale", jnp.float32, (32,), P(None)),
    ("y.1.result.arg0.wq", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.1.result.arg0.wk", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.1.result.arg0.wv", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("y.1.result.arg0.wo", jnp.float32, (4, 8, 32), P(None, None, None)),
    ("y.1.result.ln_scale", jnp.float32, (32,), P(None)),
    ("y.1.result.wg", jnp.float32, (32, 8), P(None, None)),
    ("y.1.result.wi", jnp.float32, (8, 32, 64), P("x", None, None)),
    ("y.1.result.wo", jnp.float32, (8, 64, 32), P("x", None, None)),
]
# (name, dtype, shape, sharding) of each result.
RESULTS = [
    ("result", jnp.float32, (8, 16, 32), P("x", None, None)),
]


def make_mesh():
    n = math.prod(MESH_SHAPE)
    devices = jax.devices()
    if len(devices) < n:
        raise SystemExit(f"the mesh needs {n} devices but jax sees {len(devices)}; on CPU set "
                         f"XLA_FLAGS=--xla_force_host_platform_device_count={n}")
    axis_types = (AxisType.Auto,) * len(MESH_AXES)  # Auto: with_sharding_constraint needs it
    if MESH_DEVICE_IDS is None:
        return jax.make_mesh(MESH_SHAPE, MESH_AXES, axis_types=axis_types, devices=devices[:n])
    return Mesh(np.array([devices[i] for i in MESH_DEVICE_IDS]).reshape(MESH_SHAPE), MESH_AXES, axis_types=axis_types)


def layer_norm(x, axis, eps=1e-6):
    """(x - mean) / sqrt(var + eps) over axis, biased variance, no scale or bias: gshard's layer_norm."""
    centered = x - jnp.mean(x, axis=axis, keepdims=True)
    return centered * jax.lax.rsqrt(jnp.mean(centered * centered, axis=axis, keepdims=True) + eps)


def exclusive_cumsum(x, axis):
    """Prefix sums that start at 0: element i sums the elements before i along axis."""
    pad = [(0, 0, 0)] * x.ndim
    pad[axis] = (1, -1, 0)  # shift by one: a zero in front, the last element dropped (exact, unlike cumsum - x)
    return jnp.cumsum(jax.lax.pad(x, jnp.zeros((), x.dtype), pad), axis=axis)


def moe_transformer(mesh, x, y_0_a_arg0_ln_scale, y_0_a_arg0_wq, y_0_a_arg0_wk, y_0_a_arg0_wv, y_0_a_arg0_wo, y_0_a_ln_scale, y_0_a_wi, y_0_a_wo, y_0_result_arg0_ln_scale, y_0_result_arg0_wq, y_0_result_arg0_wk, y_0_result_arg0_wv, y_0_result_arg0_wo, y_0_result_ln_scale, y_0_result_wg, y_0_result_wi, y_0_result_wo, y_1_a_arg0_ln_scale, y_1_a_arg0_wq, y_1_a_arg0_wk, y_1_a_arg0_wv, y_1_a_arg0_wo, y_1_a_ln_scale, y_1_a_wi, y_1_a_wo, y_1_result_arg0_ln_scale, y_1_result_arg0_wq, y_1_result_arg0_wk, y_1_result_arg0_wv, y_1_result_arg0_wo, y_1_result_ln_scale, y_1_result_wg, y_1_result_wi, y_1_result_wo):
    def sh(*spec):
        return NamedSharding(mesh, P(*spec))

    # y.0.a.arg0.xn.0: f32[B@x, L, M] (line 29)
    y_0_a_arg0_xn_0 = layer_norm(x, axis=(2,))
    # y.0.a.arg0.xn: f32[B@x, L, M] (line 29)
    y_0_a_arg0_xn = y_0_a_arg0_xn_0 * y_0_a_arg0_ln_scale[None, None, :]
    # y.0.a.arg0.q: f32[B@x, L, N, K] (line 30)
    y_0_a_arg0_q = jnp.einsum("BLM,MNK->BLNK", y_0_a_arg0_xn, y_0_a_arg0_wq)
    # y.0.a.arg0.k.x: f32[B@x, L, N, K] (line 32)
    y_0_a_arg0_k_x = jnp.einsum("BLM,MNK->BLNK", y_0_a_arg0_xn, y_0_a_arg0_wk)
    # y.0.a.arg0.k: f32[B@x, T, N, K] (line 32)
    y_0_a_arg0_k = y_0_a_arg0_k_x  # dim L is now called T
    # y.0.a.arg0.v.x: f32[B@x, L, N, K] (line 33)
    y_0_a_arg0_v_x = jnp.einsum("BLM,MNK->BLNK", y_0_a_arg0_xn, y_0_a_arg0_wv)
    # y.0.a.arg0.v: f32[B@x, T, N, K] (line 33)
    y_0_a_arg0_v = y_0_a_arg0_v_x  # dim L is now called T
    # y.0.a.arg0.logits.0: f32[B@x, N, L, T] (line 34)
    y_0_a_arg0_logits_0 = jnp.einsum("BLNK,BTNK->BNLT", y_0_a_arg0_q, y_0_a_arg0_k)
    # y.0.a.arg0.logits.c: f32[] (line 34)
    y_0_a_arg0_logits_c = jnp.float32(0.35355339)
    # y.0.a.arg0.logits: f32[B@x, N, L, T] (line 34)
    y_0_a_arg0_logits = y_0_a_arg0_logits_0 * y_0_a_arg0_logits_c
    # y.0.a.arg0.probs: f32[B@x, N, L, T] (line 35)
    y_0_a_arg0_probs = jax.nn.softmax(y_0_a_arg0_logits, axis=3)
    # y.0.a.arg0.context: f32[B@x, L, N, K] (line 36)
    y_0_a_arg0_context = jnp.einsum("BNLT,BTNK->BLNK", y_0_a_arg0_probs, y_0_a_arg0_v)
    # y.0.a.arg0.result.1: f32[B@x, L, M] (line 37)
    y_0_a_arg0_result_1 = jnp.einsum("BLNK,NKM->BLM", y_0_a_arg0_context, y_0_a_arg0_wo)
    # y.0.a.arg0.result: f32[B@x, L, M] (line 37)
    y_0_a_arg0_result = x + y_0_a_arg0_result_1
    # y.0.a.xn.0: f32[B@x, L, M] (line 44)
    y_0_a_xn_0 = layer_norm(y_0_a_arg0_result, axis=(2,))
    # y.0.a.xn: f32[B@x, L, M] (line 44)
    y_0_a_xn = y_0_a_xn_0 * y_0_a_ln_scale[None, None, :]
    # y.0.a.h.x: f32[B@x, L, H] (line 45)
    y_0_a_h_x = jnp.einsum("BLM,MH->BLH", y_0_a_xn, y_0_a_wi)
    # y.0.a.h: f32[B@x, L, H] (line 45)
    y_0_a_h = jax.nn.relu(y_0_a_h_x)
    # y.0.a.result.1: f32[B@x, L, M] (line 46)
    y_0_a_result_1 = jnp.einsum("BLH,HM->BLM", y_0_a_h, y_0_a_wo)
    # y.0.a.result: f32[B@x, L, M] (line 46)
    y_0_a_result = y_0_a_arg0_result + y_0_a_result_1
    # y.0.result.arg0.xn.0: f32[B@x, L, M] (line 29)
    y_0_result_arg0_xn_0 = layer_norm(y_0_a_result, axis=(2,))
    # y.0.result.arg0.xn: f32[B@x, L, M] (line 29)
    y_0_result_arg0_xn = y_0_result_arg0_xn_0 * y_0_result_arg0_ln_scale[None, None, :]
    # y.0.result.arg0.q: f32[B@x, L, N, K] (line 30)
    y_0_result_arg0_q = jnp.einsum("BLM,MNK->BLNK", y_0_result_arg0_xn, y_0_result_arg0_wq)
    # y.0.result.arg0.k.x: f32[B@x, L, N, K] (line 32)
    y_0_result_arg0_k_x = jnp.einsum("BLM,MNK->BLNK", y_0_result_arg0_xn, y_0_result_arg0_wk)
    # y.0.result.arg0.k: f32[B@x, T, N, K] (line 32)
    y_0_result_arg0_k = y_0_result_arg0_k_x  # dim L is now called T
    # y.0.result.arg0.v.x: f32[B@x, L, N, K] (line 33)
    y_0_result_arg0_v_x = jnp.einsum("BLM,MNK->BLNK", y_0_result_arg0_xn, y_0_result_arg0_wv)
    # y.0.result.arg0.v: f32[B@x, T, N, K] (line 33)
    y_0_result_arg0_v = y_0_result_arg0_v_x  # dim L is now called T
    # y.0.result.arg0.logits.0: f32[B@x, N, L, T] (line 34)
    y_0_result_arg0_logits_0 = jnp.einsum("BLNK,BTNK->BNLT", y_0_result_arg0_q, y_0_result_arg0_k)
    # y.0.result.arg0.logits.c: f32[] (line 34)
    y_0_result_arg0_logits_c = jnp.float32(0.35355339)
    # y.0.result.arg0.logits: f32[B@x, N, L, T] (line 34)
    y_0_result_arg0_logits = y_0_result_arg0_logits_0 * y_0_result_arg0_logits_c
    # y.0.result.arg0.probs: f32[B@x, N, L, T] (line 35)
    y_0_result_arg0_probs = jax.nn.softmax(y_0_result_arg0_logits, axis=3)
    # y.0.result.arg0.context: f32[B@x, L, N, K] (line 36)
    y_0_result_arg0_context = jnp.einsum("BNLT,BTNK->BLNK", y_0_result_arg0_probs, y_0_result_arg0_v)
    # y.0.result.arg0.result.1: f32[B@x, L, M] (line 37)
    y_0_result_arg0_result_1 = jnp.einsum("BLNK,NKM->BLM", y_0_result_arg0_context, y_0_result_arg0_wo)
    # y.0.result.arg0.result: f32[B@x, L, M] (line 37)
    y_0_result_arg0_result = y_0_a_result + y_0_result_arg0_result_1
    # y.0.result.xn.0: f32[B@x, L, M] (line 56)
    y_0_result_xn_0 = layer_norm(y_0_result_arg0_result, axis=(2,))
    # y.0.result.xn: f32[B@x, L, M] (line 56)
    y_0_result_xn = y_0_result_xn_0 * y_0_result_ln_scale[None, None, :]
    # y.0.result.inputs: f32[G@x, S, M] (line 57)
    y_0_result_inputs = jnp.reshape(y_0_result_xn, (8, 16, 32))
    # y.0.result.logits: f32[G@x, S, E] (line 58)
    y_0_result_logits = jnp.einsum("GSM,ME->GSE", y_0_result_inputs, y_0_result_wg)
    # y.0.result.combine.gates: f32[G@x, S, E] (line 59)
    y_0_result_combine_gates = jax.nn.softmax(y_0_result_logits, axis=2)
    # y.0.result.combine.idx1: i32[G@x, S] (line 59)
    y_0_result_combine_idx1 = jnp.argmax(y_0_result_combine_gates, axis=2).astype(jnp.int32)
    # y.0.result.combine.mask1_raw: f32[G@x, S, E] (line 59)
    y_0_result_combine_mask1_raw = jax.nn.one_hot(y_0_result_combine_idx1, 8, dtype=jnp.float32)
    # y.0.result.combine.c2: f32[] (line 59)
    y_0_result_combine_c2 = jnp.float32(2.0)
    # y.0.result.combine.mask1_x2: f32[G@x, S, E] (line 59)
    y_0_result_combine_mask1_x2 = y_0_result_combine_mask1_raw * y_0_result_combine_c2
    # y.0.result.combine.gates_without_first: f32[G@x, S, E] (line 59)
    y_0_result_combine_gates_without_first = y_0_result_combine_gates - y_0_result_combine_mask1_x2
    # y.0.result.combine.idx2: i32[G@x, S] (line 59)
    y_0_result_combine_idx2 = jnp.argmax(y_0_result_combine_gates_without_first, axis=2).astype(jnp.int32)
    # y.0.result.combine.mask2_raw: f32[G@x, S, E] (line 59)
    y_0_result_combine_mask2_raw = jax.nn.one_hot(y_0_result_combine_idx2, 8, dtype=jnp.float32)
    # y.0.result.combine.gate1_sel: f32[G@x, S, E] (line 59)
    y_0_result_combine_gate1_sel = y_0_result_combine_gates * y_0_result_combine_mask1_raw
    # y.0.result.combine.gate1_raw: f32[G@x, S] (line 59)
    y_0_result_combine_gate1_raw = jnp.sum(y_0_result_combine_gate1_sel, axis=(2,))
    # y.0.result.combine.gate2_sel: f32[G@x, S, E] (line 59)
    y_0_result_combine_gate2_sel = y_0_result_combine_gates * y_0_result_combine_mask2_raw
    # y.0.result.combine.gate2_raw: f32[G@x, S] (line 59)
    y_0_result_combine_gate2_raw = jnp.sum(y_0_result_combine_gate2_sel, axis=(2,))
    # y.0.result.combine.gate_sum: f32[G@x, S] (line 59)
    y_0_result_combine_gate_sum = y_0_result_combine_gate1_raw + y_0_result_combine_gate2_raw
    # y.0.result.combine.gate1: f32[G@x, S] (line 59)
    y_0_result_combine_gate1 = y_0_result_combine_gate1_raw / y_0_result_combine_gate_sum
    # y.0.result.combine.gate2: f32[G@x, S] (line 59)
    y_0_result_combine_gate2 = y_0_result_combine_gate2_raw / y_0_result_combine_gate_sum
    # y.0.result.combine.density1: f32[G@x, E] (line 59)
    y_0_result_combine_density1 = jnp.mean(y_0_result_combine_mask1_raw, axis=(1,))
    # y.0.result.combine.density1_proxy: f32[G@x, E] (line 59)
    y_0_result_combine_density1_proxy = jnp.mean(y_0_result_combine_gates, axis=(1,))
    # y.0.result.combine.density_product: f32[G@x, E] (line 59)
    y_0_result_combine_density_product = y_0_result_combine_density1 * y_0_result_combine_density1_proxy
    # y.0.result.aux: f32[] (line 59)
    y_0_result_aux = jnp.mean(y_0_result_combine_density_product, axis=(0, 1))
    # y.0.result.combine.c4: f32[] (line 59)
    y_0_result_combine_c4 = jnp.float32(4.0)
    # y.0.result.combine.pos1: f32[G@x, S, E] (line 59)
    y_0_result_combine_pos1 = exclusive_cumsum(y_0_result_combine_mask1_raw, axis=1)
    # y.0.result.combine.fits1: f32[G@x, S, E] (line 59)
    y_0_result_combine_fits1 = (y_0_result_combine_pos1 < y_0_result_combine_c4).astype(jnp.float32)
    # y.0.result.combine.mask1: f32[G@x, S, E] (line 59)
    y_0_result_combine_mask1 = y_0_result_combine_mask1_raw * y_0_result_combine_fits1
    # y.0.result.combine.kept1_count: f32[G@x, E] (line 59)
    y_0_result_combine_kept1_count = jnp.sum(y_0_result_combine_mask1, axis=(1,))
    # y.0.result.combine.pos2_local: f32[G@x, S, E] (line 59)
    y_0_result_combine_pos2_local = exclusive_cumsum(y_0_result_combine_mask2_raw, axis=1)
    # y.0.result.combine.pos2: f32[G@x, S, E] (line 59)
    y_0_result_combine_pos2 = y_0_result_combine_pos2_local + y_0_result_combine_kept1_count[:, None, :]
    # y.0.result.combine.fits2: f32[G@x, S, E] (line 59)
    y_0_result_combine_fits2 = (y_0_result_combine_pos2 < y_0_result_combine_c4).astype(jnp.float32)
    # y.0.result.combine.mask2: f32[G@x, S, E] (line 59)
    y_0_result_combine_mask2 = y_0_result_combine_mask2_raw * y_0_result_combine_fits2
    # y.0.result.combine.slot1_sel: f32[G@x, S, E] (line 59)
    y_0_result_combine_slot1_sel = y_0_result_combine_pos1 * y_0_result_combine_mask1
    # y.0.result.combine.slot1_f: f32[G@x, S] (line 59)
    y_0_result_combine_slot1_f = jnp.sum(y_0_result_combine_slot1_sel, axis=(2,))
    # y.0.result.combine.slot1: i32[G@x, S] (line 59)
    y_0_result_combine_slot1 = y_0_result_combine_slot1_f.astype(jnp.int32)
    # y.0.result.combine.slot1_hot: f32[G@x, S, C] (line 59)
    y_0_result_combine_slot1_hot = jax.nn.one_hot(y_0_result_combine_slot1, 4, dtype=jnp.float32)
    # y.0.result.combine.weight1: f32[G@x, S, E] (line 59)
    y_0_result_combine_weight1 = y_0_result_combine_mask1 * y_0_result_combine_gate1[:, :, None]
    # y.0.result.combine.combine1: f32[G@x, S, E, C] (line 59)
    y_0_result_combine_combine1 = jnp.einsum("GSE,GSC->GSEC", y_0_result_combine_weight1, y_0_result_combine_slot1_hot)
    # y.0.result.combine.slot2_sel: f32[G@x, S, E] (line 59)
    y_0_result_combine_slot2_sel = y_0_result_combine_pos2 * y_0_result_combine_mask2
    # y.0.result.combine.slot2_f: f32[G@x, S] (line 59)
    y_0_result_combine_slot2_f = jnp.sum(y_0_result_combine_slot2_sel, axis=(2,))
    # y.0.result.combine.slot2: i32[G@x, S] (line 59)
    y_0_result_combine_slot2 = y_0_result_combine_slot2_f.astype(jnp.int32)
    # y.0.result.combine.slot2_hot: f32[G@x, S, C] (line 59)
    y_0_result_combine_slot2_hot = jax.nn.one_hot(y_0_result_combine_slot2, 4, dtype=jnp.float32)
    # y.0.result.combine.weight2: f32[G@x, S, E] (line 59)
    y_0_result_combine_weight2 = y_0_result_combine_mask2 * y_0_result_combine_gate2[:, :, None]
    # y.0.result.combine.combine2: f32[G@x, S, E, C] (line 59)
    y_0_result_combine_combine2 = jnp.einsum("GSE,GSC->GSEC", y_0_result_combine_weight2, y_0_result_combine_slot2_hot)
    # y.0.result.combine: f32[G@x, S, E, C] (line 59)
    y_0_result_combine = y_0_result_combine_combine1 + y_0_result_combine_combine2
    # y.0.result.combine.c0: f32[] (line 59)
    y_0_result_combine_c0 = jnp.float32(0.0)
    # y.0.result.dispatch: f32[G@x, S, E, C] (line 59)
    y_0_result_dispatch = (y_0_result_combine > y_0_result_combine_c0).astype(jnp.float32)
    # y.0.result.expert_inputs: f32[E@x, G, C, M] (line 60)
    y_0_result_expert_inputs = jnp.einsum("GSEC,GSM->EGCM", y_0_result_dispatch, y_0_result_inputs)
    # y.0.result.h.x: f32[E@x, G, C, H] (line 61)
    y_0_result_h_x = jnp.einsum("EGCM,EMH->EGCH", y_0_result_expert_inputs, y_0_result_wi)
    # y.0.result.h: f32[E@x, G, C, H] (line 61)
    y_0_result_h = jax.nn.relu(y_0_result_h_x)
    # y.0.result.expert_outputs: f32[G, E@x, C, M] (line 62)
    y_0_result_expert_outputs = jnp.einsum("EGCH,EHM->GECM", y_0_result_h, y_0_result_wo)
    # y.0.result.outputs: f32[G@x, S, M] (line 63)
    y_0_result_outputs = jnp.einsum("GSEC,GECM->GSM", y_0_result_combine, y_0_result_expert_outputs)
    # y.0.result.result.1: f32[B@x, L, M] (line 64)
    y_0_result_result_1 = jnp.reshape(y_0_result_outputs, (8, 16, 32))
    # y.0.result.result: f32[B@x, L, M] (line 64)
    y_0_result_result = y_0_result_arg0_result + y_0_result_result_1
    # y.1.a.arg0.xn.0: f32[B@x, L, M] (line 29)
    y_1_a_arg0_xn_0 = layer_norm(y_0_result_result, axis=(2,))
    # y.1.a.arg0.xn: f32[B@x, L, M] (line 29)
    y_1_a_arg0_xn = y_1_a_arg0_xn_0 * y_1_a_arg0_ln_scale[None, None, :]
    # y.1.a.arg0.q: f32[B@x, L, N, K] (line 30)
    y_1_a_arg0_q = jnp.einsum("BLM,MNK->BLNK", y_1_a_arg0_xn, y_1_a_arg0_wq)
    # y.1.a.arg0.k.x: f32[B@x, L, N, K] (line 32)
    y_1_a_arg0_k_x = jnp.einsum("BLM,MNK->BLNK", y_1_a_arg0_xn, y_1_a_arg0_wk)
    # y.1.a.arg0.k: f32[B@x, T, N, K] (line 32)
    y_1_a_arg0_k = y_1_a_arg0_k_x  # dim L is now called T
    # y.1.a.arg0.v.x: f32[B@x, L, N, K] (line 33)
    y_1_a_arg0_v_x = jnp.einsum("BLM,MNK->BLNK", y_1_a_arg0_xn, y_1_a_arg0_wv)
    # y.1.a.arg0.v: f32[B@x, T, N, K] (line 33)
    y_1_a_arg0_v = y_1_a_arg0_v_x  # dim L is now called T
    # y.1.a.arg0.logits.0: f32[B@x, N, L, T] (line 34)
    y_1_a_arg0_logits_0 = jnp.einsum("BLNK,BTNK->BNLT", y_1_a_arg0_q, y_1_a_arg0_k)
    # y.1.a.arg0.logits.c: f32[] (line 34)
    y_1_a_arg0_logits_c = jnp.float32(0.35355339)
    # y.1.a.arg0.logits: f32[B@x, N, L, T] (line 34)
    y_1_a_arg0_logits = y_1_a_arg0_logits_0 * y_1_a_arg0_logits_c
    # y.1.a.arg0.probs: f32[B@x, N, L, T] (line 35)
    y_1_a_arg0_probs = jax.nn.softmax(y_1_a_arg0_logits, axis=3)
    # y.1.a.arg0.context: f32[B@x, L, N, K] (line 36)
    y_1_a_arg0_context = jnp.einsum("BNLT,BTNK->BLNK", y_1_a_arg0_probs, y_1_a_arg0_v)
    # y.1.a.arg0.result.1: f32[B@x, L, M] (line 37)
    y_1_a_arg0_result_1 = jnp.einsum("BLNK,NKM->BLM", y_1_a_arg0_context, y_1_a_arg0_wo)
    # y.1.a.arg0.result: f32[B@x, L, M] (line 37)
    y_1_a_arg0_result = y_0_result_result + y_1_a_arg0_result_1
    # y.1.a.xn.0: f32[B@x, L, M] (line 44)
    y_1_a_xn_0 = layer_norm(y_1_a_arg0_result, axis=(2,))
    # y.1.a.xn: f32[B@x, L, M] (line 44)
    y_1_a_xn = y_1_a_xn_0 * y_1_a_ln_scale[None, None, :]
    # y.1.a.h.x: f32[B@x, L, H] (line 45)
    y_1_a_h_x = jnp.einsum("BLM,MH->BLH", y_1_a_xn, y_1_a_wi)
    # y.1.a.h: f32[B@x, L, H] (line 45)
    y_1_a_h = jax.nn.relu(y_1_a_h_x)
    # y.1.a.result.1: f32[B@x, L, M] (line 46)
    y_1_a_result_1 = jnp.einsum("BLH,HM->BLM", y_1_a_h, y_1_a_wo)
    # y.1.a.result: f32[B@x, L, M] (line 46)
    y_1_a_result = y_1_a_arg0_result + y_1_a_result_1
    # y.1.result.arg0.xn.0: f32[B@x, L, M] (line 29)
    y_1_result_arg0_xn_0 = layer_norm(y_1_a_result, axis=(2,))
    # y.1.result.arg0.xn: f32[B@x, L, M] (line 29)
    y_1_result_arg0_xn = y_1_result_arg0_xn_0 * y_1_result_arg0_ln_scale[None, None, :]
    # y.1.result.arg0.q: f32[B@x, L, N, K] (line 30)
    y_1_result_arg0_q = jnp.einsum("BLM,MNK->BLNK", y_1_result_arg0_xn, y_1_result_arg0_wq)
    # y.1.result.arg0.k.x: f32[B@x, L, N, K] (line 32)
    y_1_result_arg0_k_x = jnp.einsum("BLM,MNK->BLNK", y_1_result_arg0_xn, y_1_result_arg0_wk)
    # y.1.result.arg0.k: f32[B@x, T, N, K] (line 32)
    y_1_result_arg0_k = y_1_result_arg0_k_x  # dim L is now called T
    # y.1.result.arg0.v.x: f32[B@x, L, N, K] (line 33)
    y_1_result_arg0_v_x = jnp.einsum("BLM,MNK->BLNK", y_1_result_arg0_xn, y_1_result_arg0_wv)
    # y.1.result.arg0.v: f32[B@x, T, N, K] (line 33)
    y_1_result_arg0_v = y_1_result_arg0_v_x  # dim L is now called T
    # y.1.result.arg0.logits.0: f32[B@x, N, L, T] (line 34)
    y_1_result_arg0_logits_0 = jnp.einsum("BLNK,BTNK->BNLT", y_1_result_arg0_q, y_1_result_arg0_k)
    # y.1.result.arg0.logits.c: f32[] (line 34)
    y_1_result_arg0_logits_c = jnp.float32(0.35355339)
    # y.1.result.arg0.logits: f32[B@x, N, L, T] (line 34)
    y_1_result_arg0_logits = y_1_result_arg0_logits_0 * y_1_result_arg0_logits_c
    # y.1.result.arg0.probs: f32[B@x, N, L, T] (line 35)
    y_1_result_arg0_probs = jax.nn.softmax(y_1_result_arg0_logits, axis=3)
    # y.1.result.arg0.context: f32[B@x, L, N, K] (line 36)
    y_1_result_arg0_context = jnp.einsum("BNLT,BTNK->BLNK", y_1_result_arg0_probs, y_1_result_arg0_v)
    # y.1.result.arg0.result.1: f32[B@x, L, M] (line 37)
    y_1_result_arg0_result_1 = jnp.einsum("BLNK,NKM->BLM", y_1_result_arg0_context, y_1_result_arg0_wo)
    # y.1.result.arg0.result: f32[B@x, L, M] (line 37)
    y_1_result_arg0_result = y_1_a_result + y_1_result_arg0_result_1
    # y.1.result.xn.0: f32[B@x, L, M] (line 56)
    y_1_result_xn_0 = layer_norm(y_1_result_arg0_result, axis=(2,))
    # y.1.result.xn: f32[B@x, L, M] (line 56)
    y_1_result_xn = y_1_result_xn_0 * y_1_result_ln_scale[None, None, :]
    # y.1.result.inputs: f32[G@x, S, M] (line 57)
    y_1_result_inputs = jnp.reshape(y_1_result_xn, (8, 16, 32))
    # y.1.result.logits: f32[G@x, S, E] (line 58)
    y_1_result_logits = jnp.einsum("GSM,ME->GSE", y_1_result_inputs, y_1_result_wg)
    # y.1.result.combine.gates: f32[G@x, S, E] (line 59)
    y_1_result_combine_gates = jax.nn.softmax(y_1_result_logits, axis=2)
    # y.1.result.combine.idx1: i32[G@x, S] (line 59)
    y_1_result_combine_idx1 = jnp.argmax(y_1_result_combine_gates, axis=2).astype(jnp.int32)
    # y.1.result.combine.mask1_raw: f32[G@x, S, E] (line 59)
    y_1_result_combine_mask1_raw = jax.nn.one_hot(y_1_result_combine_idx1, 8, dtype=jnp.float32)
    # y.1.result.combine.c2: f32[] (line 59)
    y_1_result_combine_c2 = jnp.float32(2.0)
    # y.1.result.combine.mask1_x2: f32[G@x, S, E] (line 59)
    y_1_result_combine_mask1_x2 = y_1_result_combine_mask1_raw * y_1_result_combine_c2
    # y.1.result.combine.gates_without_first: f32[G@x, S, E] (line 59)
    y_1_result_combine_gates_without_first = y_1_result_combine_gates - y_1_result_combine_mask1_x2
    # y.1.result.combine.idx2: i32[G@x, S] (line 59)
    y_1_result_combine_idx2 = jnp.argmax(y_1_result_combine_gates_without_first, axis=2).astype(jnp.int32)
    # y.1.result.combine.mask2_raw: f32[G@x, S, E] (line 59)
    y_1_result_combine_mask2_raw = jax.nn.one_hot(y_1_result_combine_idx2, 8, dtype=jnp.float32)
    # y.1.result.combine.gate1_sel: f32[G@x, S, E] (line 59)
    y_1_result_combine_gate1_sel = y_1_result_combine_gates * y_1_result_combine_mask1_raw
    # y.1.result.combine.gate1_raw: f32[G@x, S] (line 59)
    y_1_result_combine_gate1_raw = jnp.sum(y_1_result_combine_gate1_sel, axis=(2,))
    # y.1.result.combine.gate2_sel: f32[G@x, S, E] (line 59)
    y_1_result_combine_gate2_sel = y_1_result_combine_gates * y_1_result_combine_mask2_raw
    # y.1.result.combine.gate2_raw: f32[G@x, S] (line 59)
    y_1_result_combine_gate2_raw = jnp.sum(y_1_result_combine_gate2_sel, axis=(2,))
    # y.1.result.combine.gate_sum: f32[G@x, S] (line 59)
    y_1_result_combine_gate_sum = y_1_result_combine_gate1_raw + y_1_result_combine_gate2_raw
    # y.1.result.combine.gate1: f32[G@x, S] (line 59)
    y_1_result_combine_gate1 = y_1_result_combine_gate1_raw / y_1_result_combine_gate_sum
    # y.1.result.combine.gate2: f32[G@x, S] (line 59)
    y_1_result_combine_gate2 = y_1_result_combine_gate2_raw / y_1_result_combine_gate_sum
    # y.1.result.combine.density1: f32[G@x, E] (line 59)
    y_1_result_combine_density1 = jnp.mean(y_1_result_combine_mask1_raw, axis=(1,))
    # y.1.result.combine.density1_proxy: f32[G@x, E] (line 59)
    y_1_result_combine_density1_proxy = jnp.mean(y_1_result_combine_gates, axis=(1,))
    # y.1.result.combine.density_product: f32[G@x, E] (line 59)
    y_1_result_combine_density_product = y_1_result_combine_density1 * y_1_result_combine_density1_proxy
    # y.1.result.aux: f32[] (line 59)
    y_1_result_aux = jnp.mean(y_1_result_combine_density_product, axis=(0, 1))
    # y.1.result.combine.c4: f32[] (line 59)
    y_1_result_combine_c4 = jnp.float32(4.0)
    # y.1.result.combine.pos1: f32[G@x, S, E] (line 59)
    y_1_result_combine_pos1 = exclusive_cumsum(y_1_result_combine_mask1_raw, axis=1)
    # y.1.result.combine.fits1: f32[G@x, S, E] (line 59)
    y_1_result_combine_fits1 = (y_1_result_combine_pos1 < y_1_result_combine_c4).astype(jnp.float32)
    # y.1.result.combine.mask1: f32[G@x, S, E] (line 59)
    y_1_result_combine_mask1 = y_1_result_combine_mask1_raw * y_1_result_combine_fits1
    # y.1.result.combine.kept1_count: f32[G@x, E] (line 59)
    y_1_result_combine_kept1_count = jnp.sum(y_1_result_combine_mask1, axis=(1,))
    # y.1.result.combine.pos2_local: f32[G@x, S, E] (line 59)
    y_1_result_combine_pos2_local = exclusive_cumsum(y_1_result_combine_mask2_raw, axis=1)
    # y.1.result.combine.pos2: f32[G@x, S, E] (line 59)
    y_1_result_combine_pos2 = y_1_result_combine_pos2_local + y_1_result_combine_kept1_count[:, None, :]
    # y.1.result.combine.fits2: f32[G@x, S, E] (line 59)
    y_1_result_combine_fits2 = (y_1_result_combine_pos2 < y_1_result_combine_c4).astype(jnp.float32)
    # y.1.result.combine.mask2: f32[G@x, S, E] (line 59)
    y_1_result_combine_mask2 = y_1_result_combine_mask2_raw * y_1_result_combine_fits2
    # y.1.result.combine.slot1_sel: f32[G@x, S, E] (line 59)
    y_1_result_combine_slot1_sel = y_1_result_combine_pos1 * y_1_result_combine_mask1
    # y.1.result.combine.slot1_f: f32[G@x, S] (line 59)
    y_1_result_combine_slot1_f = jnp.sum(y_1_result_combine_slot1_sel, axis=(2,))
    # y.1.result.combine.slot1: i32[G@x, S] (line 59)
    y_1_result_combine_slot1 = y_1_result_combine_slot1_f.astype(jnp.int32)
    # y.1.result.combine.slot1_hot: f32[G@x, S, C] (line 59)
    y_1_result_combine_slot1_hot = jax.nn.one_hot(y_1_result_combine_slot1, 4, dtype=jnp.float32)
    # y.1.result.combine.weight1: f32[G@x, S, E] (line 59)
    y_1_result_combine_weight1 = y_1_result_combine_mask1 * y_1_result_combine_gate1[:, :, None]
    # y.1.result.combine.combine1: f32[G@x, S, E, C] (line 59)
    y_1_result_combine_combine1 = jnp.einsum("GSE,GSC->GSEC", y_1_result_combine_weight1, y_1_result_combine_slot1_hot)
    # y.1.result.combine.slot2_sel: f32[G@x, S, E] (line 59)
    y_1_result_combine_slot2_sel = y_1_result_combine_pos2 * y_1_result_combine_mask2
    # y.1.result.combine.slot2_f: f32[G@x, S] (line 59)
    y_1_result_combine_slot2_f = jnp.sum(y_1_result_combine_slot2_sel, axis=(2,))
    # y.1.result.combine.slot2: i32[G@x, S] (line 59)
    y_1_result_combine_slot2 = y_1_result_combine_slot2_f.astype(jnp.int32)
    # y.1.result.combine.slot2_hot: f32[G@x, S, C] (line 59)
    y_1_result_combine_slot2_hot = jax.nn.one_hot(y_1_result_combine_slot2, 4, dtype=jnp.float32)
    # y.1.result.combine.weight2: f32[G@x, S, E] (line 59)
    y_1_result_combine_weight2 = y_1_result_combine_mask2 * y_1_result_combine_gate2[:, :, None]
    # y.1.result.combine.combine2: f32[G@x, S, E, C] (line 59)
    y_1_result_combine_combine2 = jnp.einsum("GSE,GSC->GSEC", y_1_result_combine_weight2, y_1_result_combine_slot2_hot)
    # y.1.result.combine: f32[G@x, S, E, C] (line 59)
    y_1_result_combine = y_1_result_combine_combine1 + y_1_result_combine_combine2
    # y.1.result.combine.c0: f32[] (line 59)
    y_1_result_combine_c0 = jnp.float32(0.0)
    # y.1.result.dispatch: f32[G@x, S, E, C] (line 59)
    y_1_result_dispatch = (y_1_result_combine > y_1_result_combine_c0).astype(jnp.float32)
    # y.1.result.expert_inputs: f32[E@x, G, C, M] (line 60)
    y_1_result_expert_inputs = jnp.einsum("GSEC,GSM->EGCM", y_1_result_dispatch, y_1_result_inputs)
    # y.1.result.h.x: f32[E@x, G, C, H] (line 61)
    y_1_result_h_x = jnp.einsum("EGCM,EMH->EGCH", y_1_result_expert_inputs, y_1_result_wi)
    # y.1.result.h: f32[E@x, G, C, H] (line 61)
    y_1_result_h = jax.nn.relu(y_1_result_h_x)
    # y.1.result.expert_outputs: f32[G, E@x, C, M] (line 62)
    y_1_result_expert_outputs = jnp.einsum("EGCH,EHM->GECM", y_1_result_h, y_1_result_wo)
    # y.1.result.outputs: f32[G@x, S, M] (line 63)
    y_1_result_outputs = jnp.einsum("GSEC,GECM->GSM", y_1_result_combine, y_1_result_expert_outputs)
    # y.1.result.result.1: f32[B@x, L, M] (line 64)
    y_1_result_result_1 = jnp.reshape(y_1_result_outputs, (8, 16, 32))
    # y.1.result.result: f32[B@x, L, M] (line 64)
    y_1_result_result = y_1_result_arg0_result + y_1_result_result_1
    # result: f32[B@x, L, M] (line 74)
    result = layer_norm(y_1_result_result, axis=(2,))
    return result,


def load_array(data_dir, name, dtype, shape):
    """NAME.npy from data_dir/inputs, params or random (gshard run --save), or data_dir itself."""
    for sub in ("inputs", "params", "random", "."):
        path = Path(data_dir) / sub / f"{name}.npy"
        if path.exists():
            array = np.load(path)
            if tuple(array.shape) != tuple(shape):
                raise SystemExit(f"{path}: shape {array.shape}, but {name} is {shape}")
            return array.astype(dtype)  # bf16 is saved as f32
    raise SystemExit(f"no {name}.npy under {data_dir}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="directory with the input and param .npy files")
    parser.add_argument("--out", required=True, help="directory to write outputs/NAME.npy into")
    parser.add_argument("--dump-hlo", help="also write the compiled (partitioned) HLO text here")
    args = parser.parse_args()
    mesh = make_mesh()
    shardings = [NamedSharding(mesh, spec) for _, _, _, spec in ARGUMENTS]
    arrays = [jax.device_put(load_array(args.data, name, dtype, shape), s)
              for (name, dtype, shape, _), s in zip(ARGUMENTS, shardings)]
    step = jax.jit(lambda *xs: moe_transformer(mesh, *xs), in_shardings=shardings,
                   out_shardings=tuple(NamedSharding(mesh, spec) for _, _, _, spec in RESULTS))
    if args.dump_hlo:
        Path(args.dump_hlo).write_text(step.lower(*arrays).compile().as_text())
    results = step(*arrays)
    out = Path(args.out) / "outputs"
    out.mkdir(parents=True, exist_ok=True)
    for (name, dtype, _, _), value in zip(RESULTS, results):
        host = np.asarray(value)
        np.save(out / f"{name}.npy", host.astype(np.float32) if dtype == jnp.bfloat16 else host)
        print(f"{name}: {host.dtype}{list(host.shape)} -> {out / (name + '.npy')}")


if __name__ == "__main__":
    main()
