#!/usr/bin/env python3
"""moe_decoder_lm from examples/moe_decoder_lm.gshard, exported by gshard as a JAX program.

Mesh tpu_v3 [x = 8] chips [2, 2]: axes with auto axis types. Inputs and params are placed with
NamedSharding/PartitionSpec as gshard propagated them; the values annotated in the source are pinned
with with_sharding_constraint; XLA infers every other sharding, as gshard did.

    python3 moe_decoder_lm.py --data DIR --out OUT [--dump-hlo FILE]

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
    ("tokens", jnp.int32, (8, 16), P("x", None)),
    ("targets", jnp.int32, (8, 16), P("x", None)),
    ("embedding", jnp.float32, (64, 32), P(None, None)),
    ("positions", jnp.float32, (16, 32), P(None, None)),
    ("final_norm", jnp.float32, (32,), P(None)),
    ("h0.arg0.norm", jnp.float32, (32,), P(None)),
    ("h0.arg0.wq", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("h0.arg0.wk", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("h0.arg0.wv", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("h0.arg0.wo", jnp.float32, (4, 8, 32), P(None, None, None)),
    ("h0.norm", jnp.float32, (32,), P(None)),
    ("h0.wi", jnp.float32, (32, 64), P(None, None)),
    ("h0.wo", jnp.float32, (64, 32), P(None, None)),
    ("h1.arg0.norm", jnp.float32, (32,), P(None)),
    ("h1.arg0.wq", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("h1.arg0.wk", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("h1.arg0.wv", jnp.float32, (32, 4, 8), P(None, None, None)),
    ("h1.arg0.wo", jnp.float32, (4, 8, 32), P(None, None, None)),
    ("h1.norm", jnp.float32, (32,), P(None)),
    ("h1.wg", jnp.float32, (32, 8), P(None, None)),
    ("h1.wi", jnp.float32, (8, 32, 64), P("x", None, None)),
    ("h1.wo", jnp.float32, (8, 64, 32), P("x", None, None)),
]
# (name, dtype, shape, sharding) of each result.
RESULTS = [
    ("loss", jnp.float32, (), P()),
    ("logits", jnp.float32, (8, 16, 64), P("x", None, None)),
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


def exclusive_cumsum(x, axis):
    """Prefix sums that start at 0: element i sums the elements before i along axis."""
    pad = [(0, 0, 0)] * x.ndim
    pad[axis] = (1, -1, 0)  # shift by one: a zero in front, the last element dropped (exact, unlike cumsum - x)
    return jnp.cumsum(jax.lax.pad(x, jnp.zeros((), x.dtype), pad), axis=axis)


def rms_norm(x, axis, eps):
    """x / sqrt(mean(x^2 over axis) + eps), no scale: gshard's rms_norm."""
    return x * jax.lax.rsqrt(jnp.mean(x * x, axis=axis, keepdims=True) + eps)


def logsumexp(x, axis):
    """max + log(sum(exp(x - max))) over axis, which is removed: gshard's logsumexp."""
    m = jnp.max(x, axis=axis, keepdims=True)
    return jnp.squeeze(m, axis) + jnp.log(jnp.sum(jnp.exp(x - m), axis=axis))


def moe_decoder_lm(mesh, tokens, targets, embedding, positions, final_norm, h0_arg0_norm, h0_arg0_wq, h0_arg0_wk, h0_arg0_wv, h0_arg0_wo, h0_norm, h0_wi, h0_wo, h1_arg0_norm, h1_arg0_wq, h1_arg0_wk, h1_arg0_wv, h1_arg0_wo, h1_norm, h1_wg, h1_wi, h1_wo):
    def sh(*spec):
        return NamedSharding(mesh, P(*spec))

    # x.0: f32[B@x, L, M] (line 67)
    x_0 = jnp.take(embedding, tokens, axis=0, mode="clip")
    # x: f32[B@x, L, M] (line 67)
    x = x_0 + positions[None, :, :]
    # h0.arg0.xn.0: f32[B@x, L, M] (line 30)
    h0_arg0_xn_0 = rms_norm(x, axis=2, eps=0.000001)
    # h0.arg0.xn: f32[B@x, L, M] (line 30)
    h0_arg0_xn = h0_arg0_xn_0 * h0_arg0_norm[None, None, :]
    # h0.arg0.q: f32[B@x, L, N, K] (line 31)
    h0_arg0_q = jnp.einsum("BLM,MNK->BLNK", h0_arg0_xn, h0_arg0_wq)
    # h0.arg0.k.x: f32[B@x, L, N, K] (line 32)
    h0_arg0_k_x = jnp.einsum("BLM,MNK->BLNK", h0_arg0_xn, h0_arg0_wk)
    # h0.arg0.k: f32[B@x, T, N, K] (line 32)
    h0_arg0_k = h0_arg0_k_x  # dim L is now called T
    # h0.arg0.v.x: f32[B@x, L, N, K] (line 33)
    h0_arg0_v_x = jnp.einsum("BLM,MNK->BLNK", h0_arg0_xn, h0_arg0_wv)
    # h0.arg0.v: f32[B@x, T, N, K] (line 33)
    h0_arg0_v = h0_arg0_v_x  # dim L is now called T
    # h0.arg0.causal.a: i32[T] (line 34)
    h0_arg0_causal_a = jnp.arange(16, dtype=jnp.int32)
    # h0.arg0.causal.b: i32[L] (line 34)
    h0_arg0_causal_b = jnp.arange(16, dtype=jnp.int32)
    # h0.arg0.causal: bool[T, L] (line 34)
    h0_arg0_causal = h0_arg0_causal_a[:, None] <= h0_arg0_causal_b[None, :]
    # h0.arg0.scores.a.0: f32[B@x, N, L, T] (line 35)
    h0_arg0_scores_a_0 = jnp.einsum("BLNK,BTNK->BNLT", h0_arg0_q, h0_arg0_k)
    # h0.arg0.scores.a.c: f32[] (line 35)
    h0_arg0_scores_a_c = jnp.float32(0.35355339)
    # h0.arg0.scores.a: f32[B@x, N, L, T] (line 35)
    h0_arg0_scores_a = h0_arg0_scores_a_0 * h0_arg0_scores_a_c
    # h0.arg0.scores.b.neg: f32[] (line 35)
    h0_arg0_scores_b_neg = jnp.float32(1000000000.0)
    # h0.arg0.scores.b: f32[] (line 35)
    h0_arg0_scores_b = -h0_arg0_scores_b_neg
    # h0.arg0.scores: f32[B@x, N, L, T] (line 35)
    h0_arg0_scores = jnp.where(jnp.transpose(h0_arg0_causal, (1, 0))[None, None, :, :], h0_arg0_scores_a, h0_arg0_scores_b)
    # h0.arg0.context.operands0: f32[B@x, N, L, T] (line 36)
    h0_arg0_context_operands0 = jax.nn.softmax(h0_arg0_scores, axis=3)
    # h0.arg0.context: f32[B@x, L, N, K] (line 36)
    h0_arg0_context = jnp.einsum("BNLT,BTNK->BLNK", h0_arg0_context_operands0, h0_arg0_v)
    # h0.arg0.result.1: f32[B@x, L, M] (line 37)
    h0_arg0_result_1 = jnp.einsum("BLNK,NKM->BLM", h0_arg0_context, h0_arg0_wo)
    # h0.arg0.result: f32[B@x, L, M] (line 37)
    h0_arg0_result = x + h0_arg0_result_1
    # h0.h.x.operands0.0: f32[B@x, L, M] (line 44)
    h0_h_x_operands0_0 = rms_norm(h0_arg0_result, axis=2, eps=0.000001)
    # h0.h.x.operands0: f32[B@x, L, M] (line 44)
    h0_h_x_operands0 = h0_h_x_operands0_0 * h0_norm[None, None, :]
    # h0.h.x: f32[B@x, L, H] (line 44)
    h0_h_x = jnp.einsum("BLM,MH->BLH", h0_h_x_operands0, h0_wi)
    # h0.h: f32[B@x, L, H] (line 44)
    h0_h = jax.nn.gelu(h0_h_x, approximate=True)
    # h0.result.1: f32[B@x, L, M] (line 45)
    h0_result_1 = jnp.einsum("BLH,HM->BLM", h0_h, h0_wo)
    # h0.result: f32[B@x, L, M] (line 45)
    h0_result = h0_arg0_result + h0_result_1
    # h1.arg0.xn.0: f32[B@x, L, M] (line 30)
    h1_arg0_xn_0 = rms_norm(h0_result, axis=2, eps=0.000001)
    # h1.arg0.xn: f32[B@x, L, M] (line 30)
    h1_arg0_xn = h1_arg0_xn_0 * h1_arg0_norm[None, None, :]
    # h1.arg0.q: f32[B@x, L, N, K] (line 31)
    h1_arg0_q = jnp.einsum("BLM,MNK->BLNK", h1_arg0_xn, h1_arg0_wq)
    # h1.arg0.k.x: f32[B@x, L, N, K] (line 32)
    h1_arg0_k_x = jnp.einsum("BLM,MNK->BLNK", h1_arg0_xn, h1_arg0_wk)
    # h1.arg0.k: f32[B@x, T, N, K] (line 32)
    h1_arg0_k = h1_arg0_k_x  # dim L is now called T
    # h1.arg0.v.x: f32[B@x, L, N, K] (line 33)
    h1_arg0_v_x = jnp.einsum("BLM,MNK->BLNK", h1_arg0_xn, h1_arg0_wv)
    # h1.arg0.v: f32[B@x, T, N, K] (line 33)
    h1_arg0_v = h1_arg0_v_x  # dim L is now called T
    # h1.arg0.causal.a: i32[T] (line 34)
    h1_arg0_causal_a = jnp.arange(16, dtype=jnp.int32)
    # h1.arg0.causal.b: i32[L] (line 34)
    h1_arg0_causal_b = jnp.arange(16, dtype=jnp.int32)
    # h1.arg0.causal: bool[T, L] (line 34)
    h1_arg0_causal = h1_arg0_causal_a[:, None] <= h1_arg0_causal_b[None, :]
    # h1.arg0.scores.a.0: f32[B@x, N, L, T] (line 35)
    h1_arg0_scores_a_0 = jnp.einsum("BLNK,BTNK->BNLT", h1_arg0_q, h1_arg0_k)
    # h1.arg0.scores.a.c: f32[] (line 35)
    h1_arg0_scores_a_c = jnp.float32(0.35355339)
    # h1.arg0.scores.a: f32[B@x, N, L, T] (line 35)
    h1_arg0_scores_a = h1_arg0_scores_a_0 * h1_arg0_scores_a_c
    # h1.arg0.scores.b.neg: f32[] (line 35)
    h1_arg0_scores_b_neg = jnp.float32(1000000000.0)
    # h1.arg0.scores.b: f32[] (line 35)
    h1_arg0_scores_b = -h1_arg0_scores_b_neg
    # h1.arg0.scores: f32[B@x, N, L, T] (line 35)
    h1_arg0_scores = jnp.where(jnp.transpose(h1_arg0_causal, (1, 0))[None, None, :, :], h1_arg0_scores_a, h1_arg0_scores_b)
    # h1.arg0.context.operands0: f32[B@x, N, L, T] (line 36)
    h1_arg0_context_operands0 = jax.nn.softmax(h1_arg0_scores, axis=3)
    # h1.arg0.context: f32[B@x, L, N, K] (line 36)
    h1_arg0_context = jnp.einsum("BNLT,BTNK->BLNK", h1_arg0_context_operands0, h1_arg0_v)
    # h1.arg0.result.1: f32[B@x, L, M] (line 37)
    h1_arg0_result_1 = jnp.einsum("BLNK,NKM->BLM", h1_arg0_context, h1_arg0_wo)
    # h1.arg0.result: f32[B@x, L, M] (line 37)
    h1_arg0_result = h0_result + h1_arg0_result_1
    # h1.inputs.x.0: f32[B@x, L, M] (line 54)
    h1_inputs_x_0 = rms_norm(h1_arg0_result, axis=2, eps=0.000001)
    # h1.inputs.x: f32[B@x, L, M] (line 54)
    h1_inputs_x = h1_inputs_x_0 * h1_norm[None, None, :]
    # h1.inputs: f32[G@x, S, M] (line 54)
    h1_inputs = jnp.reshape(h1_inputs_x, (8, 16, 32))
    # h1.combine.logits: f32[G@x, S, E] (line 55)
    h1_combine_logits = jnp.einsum("GSM,ME->GSE", h1_inputs, h1_wg)
    # h1.combine.gates: f32[G@x, S, E] (line 55)
    h1_combine_gates = jax.nn.softmax(h1_combine_logits, axis=2)
    # h1.combine.idx1: i32[G@x, S] (line 55)
    h1_combine_idx1 = jnp.argmax(h1_combine_gates, axis=2).astype(jnp.int32)
    # h1.combine.mask1_raw: f32[G@x, S, E] (line 55)
    h1_combine_mask1_raw = jax.nn.one_hot(h1_combine_idx1, 8, dtype=jnp.float32)
    # h1.combine.c2: f32[] (line 55)
    h1_combine_c2 = jnp.float32(2.0)
    # h1.combine.mask1_x2: f32[G@x, S, E] (line 55)
    h1_combine_mask1_x2 = h1_combine_mask1_raw * h1_combine_c2
    # h1.combine.gates_without_first: f32[G@x, S, E] (line 55)
    h1_combine_gates_without_first = h1_combine_gates - h1_combine_mask1_x2
    # h1.combine.idx2: i32[G@x, S] (line 55)
    h1_combine_idx2 = jnp.argmax(h1_combine_gates_without_first, axis=2).astype(jnp.int32)
    # h1.combine.mask2_raw: f32[G@x, S, E] (line 55)
    h1_combine_mask2_raw = jax.nn.one_hot(h1_combine_idx2, 8, dtype=jnp.float32)
    # h1.combine.gate1_sel: f32[G@x, S, E] (line 55)
    h1_combine_gate1_sel = h1_combine_gates * h1_combine_mask1_raw
    # h1.combine.gate1_raw: f32[G@x, S] (line 55)
    h1_combine_gate1_raw = jnp.sum(h1_combine_gate1_sel, axis=(2,))
    # h1.combine.gate2_sel: f32[G@x, S, E] (line 55)
    h1_combine_gate2_sel = h1_combine_gates * h1_combine_mask2_raw
    # h1.combine.gate2_raw: f32[G@x, S] (line 55)
    h1_combine_gate2_raw = jnp.sum(h1_combine_gate2_sel, axis=(2,))
    # h1.combine.gate_sum: f32[G@x, S] (line 55)
    h1_combine_gate_sum = h1_combine_gate1_raw + h1_combine_gate2_raw
    # h1.combine.gate1: f32[G@x, S] (line 55)
    h1_combine_gate1 = h1_combine_gate1_raw / h1_combine_gate_sum
    # h1.combine.gate2: f32[G@x, S] (line 55)
    h1_combine_gate2 = h1_combine_gate2_raw / h1_combine_gate_sum
    # h1.combine.density1: f32[G@x, E] (line 55)
    h1_combine_density1 = jnp.mean(h1_combine_mask1_raw, axis=(1,))
    # h1.combine.density1_proxy: f32[G@x, E] (line 55)
    h1_combine_density1_proxy = jnp.mean(h1_combine_gates, axis=(1,))
    # h1.combine.density_product: f32[G@x, E] (line 55)
    h1_combine_density_product = h1_combine_density1 * h1_combine_density1_proxy
    # h1.aux: f32[] (line 55)
    h1_aux = jnp.mean(h1_combine_density_product, axis=(0, 1))
    # h1.combine.c4: f32[] (line 55)
    h1_combine_c4 = jnp.float32(4.0)
    # h1.combine.pos1: f32[G@x, S, E] (line 55)
    h1_combine_pos1 = exclusive_cumsum(h1_combine_mask1_raw, axis=1)
    # h1.combine.fits1: f32[G@x, S, E] (line 55)
    h1_combine_fits1 = (h1_combine_pos1 < h1_combine_c4).astype(jnp.float32)
    # h1.combine.mask1: f32[G@x, S, E] (line 55)
    h1_combine_mask1 = h1_combine_mask1_raw * h1_combine_fits1
    # h1.combine.kept1_count: f32[G@x, E] (line 55)
    h1_combine_kept1_count = jnp.sum(h1_combine_mask1, axis=(1,))
    # h1.combine.pos2_local: f32[G@x, S, E] (line 55)
    h1_combine_pos2_local = exclusive_cumsum(h1_combine_mask2_raw, axis=1)
    # h1.combine.pos2: f32[G@x, S, E] (line 55)
    h1_combine_pos2 = h1_combine_pos2_local + h1_combine_kept1_count[:, None, :]
    # h1.combine.fits2: f32[G@x, S, E] (line 55)
    h1_combine_fits2 = (h1_combine_pos2 < h1_combine_c4).astype(jnp.float32)
    # h1.combine.mask2: f32[G@x, S, E] (line 55)
    h1_combine_mask2 = h1_combine_mask2_raw * h1_combine_fits2
    # h1.combine.slot1_sel: f32[G@x, S, E] (line 55)
    h1_combine_slot1_sel = h1_combine_pos1 * h1_combine_mask1
    # h1.combine.slot1_f: f32[G@x, S] (line 55)
    h1_combine_slot1_f = jnp.sum(h1_combine_slot1_sel, axis=(2,))
    # h1.combine.slot1: i32[G@x, S] (line 55)
    h1_combine_slot1 = h1_combine_slot1_f.astype(jnp.int32)
    # h1.combine.slot1_hot: f32[G@x, S, C] (line 55)
    h1_combine_slot1_hot = jax.nn.one_hot(h1_combine_slot1, 4, dtype=jnp.float32)
    # h1.combine.weight1: f32[G@x, S, E] (line 55)
    h1_combine_weight1 = h1_combine_mask1 * h1_combine_gate1[:, :, None]
    # h1.combine.combine1: f32[G@x, S, E, C] (line 55)
    h1_combine_combine1 = jnp.einsum("GSE,GSC->GSEC", h1_combine_weight1, h1_combine_slot1_hot)
    # h1.combine.slot2_sel: f32[G@x, S, E] (line 55)
    h1_combine_slot2_sel = h1_combine_pos2 * h1_combine_mask2
    # h1.combine.slot2_f: f32[G@x, S] (line 55)
    h1_combine_slot2_f = jnp.sum(h1_combine_slot2_sel, axis=(2,))
    # h1.combine.slot2: i32[G@x, S] (line 55)
    h1_combine_slot2 = h1_combine_slot2_f.astype(jnp.int32)
    # h1.combine.slot2_hot: f32[G@x, S, C] (line 55)
    h1_combine_slot2_hot = jax.nn.one_hot(h1_combine_slot2, 4, dtype=jnp.float32)
    # h1.combine.weight2: f32[G@x, S, E] (line 55)
    h1_combine_weight2 = h1_combine_mask2 * h1_combine_gate2[:, :, None]
    # h1.combine.combine2: f32[G@x, S, E, C] (line 55)
    h1_combine_combine2 = jnp.einsum("GSE,GSC->GSEC", h1_combine_weight2, h1_combine_slot2_hot)
    # h1.combine: f32[G@x, S, E, C] (line 55)
    h1_combine = h1_combine_combine1 + h1_combine_combine2
    # h1.combine.c0: f32[] (line 55)
    h1_combine_c0 = jnp.float32(0.0)
    # h1.dispatch: f32[G@x, S, E, C] (line 55)
    h1_dispatch = (h1_combine > h1_combine_c0).astype(jnp.float32)
    # h1.expert_inputs: f32[E@x, G, C, M] (line 56)
    h1_expert_inputs = jnp.einsum("GSEC,GSM->EGCM", h1_dispatch, h1_inputs)
    # h1.h.x: f32[E@x, G, C, H] (line 57)
    h1_h_x = jnp.einsum("EGCM,EMH->EGCH", h1_expert_inputs, h1_wi)
    # h1.h: f32[E@x, G, C, H] (line 57)
    h1_h = jax.nn.gelu(h1_h_x, approximate=True)
    # h1.expert_outputs: f32[G, E@x, C, M] (line 58)
    h1_expert_outputs = jnp.einsum("EGCH,EHM->GECM", h1_h, h1_wo)
    # h1.outputs: f32[G@x, S, M] (line 59)
    h1_outputs = jnp.einsum("GSEC,GECM->GSM", h1_combine, h1_expert_outputs)
    # h1.result.1: f32[B@x, L, M] (line 60)
    h1_result_1 = jnp.reshape(h1_outputs, (8, 16, 32))
    # h1.result: f32[B@x, L, M] (line 60)
    h1_result = h1_arg0_result + h1_result_1
    # logits.operands0.0: f32[B@x, L, M] (line 70)
    logits_operands0_0 = rms_norm(h1_result, axis=2, eps=0.000001)
    # logits.operands0: f32[B@x, L, M] (line 70)
    logits_operands0 = logits_operands0_0 * final_norm[None, None, :]
    # logits: f32[B@x, L, V] (line 70)
    logits = jnp.einsum("BLM,VM->BLV", logits_operands0, embedding)
    # loss.0.x.lse: f32[B@x, L] (line 71)
    loss_0_x_lse = logsumexp(logits, axis=2)
    # loss.0.x.target_hot: f32[B@x, L, V] (line 71)
    loss_0_x_target_hot = jax.nn.one_hot(targets, 64, dtype=jnp.float32)
    # loss.0.x.target_sel: f32[B@x, L, V] (line 71)
    loss_0_x_target_sel = logits * loss_0_x_target_hot
    # loss.0.x.target_logit: f32[B@x, L] (line 71)
    loss_0_x_target_logit = jnp.sum(loss_0_x_target_sel, axis=(2,))
    # loss.0.x: f32[B@x, L] (line 71)
    loss_0_x = loss_0_x_lse - loss_0_x_target_logit
    # loss.0: f32[] (line 71)
    loss_0 = jnp.mean(loss_0_x, axis=(0, 1))
    # loss.1.c: f32[] (line 71)
    loss_1_c = jnp.float32(0.01)
    # loss.1: f32[] (line 71)
    loss_1 = loss_1_c * h1_aux
    # loss: f32[] (line 71)
    loss = loss_0 + loss_1
    return loss, logits


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
    step = jax.jit(lambda *xs: moe_decoder_lm(mesh, *xs), in_shardings=shardings,
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
