#!/usr/bin/env python3
"""llama_block from examples/llama_block.gshard, exported by gshard as a JAX program.

Mesh tpu_v3 [data = 2, model = 4] chips [2, 2]: axes with auto axis types. Inputs and params are placed with
NamedSharding/PartitionSpec as gshard propagated them; the values annotated in the source are pinned
with with_sharding_constraint; XLA infers every other sharding, as gshard did.

    python3 llama_block.py --data DIR --out OUT [--dump-hlo FILE]

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

MESH_AXES = ("data", "model")
MESH_SHAPE = (2, 4)
# The device at each mesh position, row-major: None means jax.make_mesh chooses (physically sensible on TPU).
MESH_DEVICE_IDS = None

# (name, dtype, shape, sharding) of each argument of the model, inputs then params.
ARGUMENTS = [
    ("x", jnp.float32, (4, 16, 64), P("data", None, None)),
    ("y.0.attn_norm", jnp.float32, (64,), P(None)),
    ("y.0.wq", jnp.float32, (64, 8, 8), P(None, "model", None)),
    ("y.0.wk", jnp.float32, (64, 8, 8), P(None, "model", None)),
    ("y.0.wv", jnp.float32, (64, 8, 8), P(None, "model", None)),
    ("y.0.wo", jnp.float32, (8, 8, 64), P("model", None, None)),
    ("y.0.ffn_norm", jnp.float32, (64,), P(None)),
    ("y.0.w_gate", jnp.float32, (64, 128), P(None, "model")),
    ("y.0.w_up", jnp.float32, (64, 128), P(None, "model")),
    ("y.0.w_down", jnp.float32, (128, 64), P("model", None)),
    ("y.1.attn_norm", jnp.float32, (64,), P(None)),
    ("y.1.wq", jnp.float32, (64, 8, 8), P(None, "model", None)),
    ("y.1.wk", jnp.float32, (64, 8, 8), P(None, "model", None)),
    ("y.1.wv", jnp.float32, (64, 8, 8), P(None, "model", None)),
    ("y.1.wo", jnp.float32, (8, 8, 64), P("model", None, None)),
    ("y.1.ffn_norm", jnp.float32, (64,), P(None)),
    ("y.1.w_gate", jnp.float32, (64, 128), P(None, "model")),
    ("y.1.w_up", jnp.float32, (64, 128), P(None, "model")),
    ("y.1.w_down", jnp.float32, (128, 64), P("model", None)),
]
# (name, dtype, shape, sharding) of each result.
RESULTS = [
    ("y.1.y", jnp.float32, (4, 16, 64), P("data", None, None)),
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


def rms_norm(x, axis, eps):
    """x / sqrt(mean(x^2 over axis) + eps), no scale: gshard's rms_norm."""
    return x * jax.lax.rsqrt(jnp.mean(x * x, axis=axis, keepdims=True) + eps)


def llama_block(mesh, x, y_0_attn_norm, y_0_wq, y_0_wk, y_0_wv, y_0_wo, y_0_ffn_norm, y_0_w_gate, y_0_w_up, y_0_w_down, y_1_attn_norm, y_1_wq, y_1_wk, y_1_wv, y_1_wo, y_1_ffn_norm, y_1_w_gate, y_1_w_up, y_1_w_down):
    def sh(*spec):
        return NamedSharding(mesh, P(*spec))

    # y.0.xn.0: f32[B@data, L, M] (line 27)
    y_0_xn_0 = rms_norm(x, axis=2, eps=0.000001)
    # y.0.xn: f32[B@data, L, M] (line 27)
    y_0_xn = y_0_xn_0 * y_0_attn_norm[None, None, :]
    # y.0.q: f32[B@data, L, N@model, K] (line 28)
    y_0_q = jnp.einsum("BLM,MNK->BLNK", y_0_xn, y_0_wq)
    # y.0.k.x: f32[B@data, L, N@model, K] (line 29)
    y_0_k_x = jnp.einsum("BLM,MNK->BLNK", y_0_xn, y_0_wk)
    # y.0.k: f32[B@data, T, N@model, K] (line 29)
    y_0_k = y_0_k_x  # dim L is now called T
    # y.0.v.x: f32[B@data, L, N@model, K] (line 30)
    y_0_v_x = jnp.einsum("BLM,MNK->BLNK", y_0_xn, y_0_wv)
    # y.0.v: f32[B@data, T, N@model, K] (line 30)
    y_0_v = y_0_v_x  # dim L is now called T
    # y.0.causal.a: i32[T] (line 32)
    y_0_causal_a = jnp.arange(16, dtype=jnp.int32)
    # y.0.causal.b: i32[L] (line 32)
    y_0_causal_b = jnp.arange(16, dtype=jnp.int32)
    # y.0.causal: bool[T, L] (line 32)
    y_0_causal = y_0_causal_a[:, None] <= y_0_causal_b[None, :]
    # y.0.scores.a.0: f32[B@data, N@model, L, T] (line 33)
    y_0_scores_a_0 = jnp.einsum("BLNK,BTNK->BNLT", y_0_q, y_0_k)
    # y.0.scores.a.c: f32[] (line 33)
    y_0_scores_a_c = jnp.float32(0.35355339)
    # y.0.scores.a: f32[B@data, N@model, L, T] (line 33)
    y_0_scores_a = y_0_scores_a_0 * y_0_scores_a_c
    # y.0.scores.b.neg: f32[] (line 33)
    y_0_scores_b_neg = jnp.float32(1000000000.0)
    # y.0.scores.b: f32[] (line 33)
    y_0_scores_b = -y_0_scores_b_neg
    # y.0.scores: f32[B@data, N@model, L, T] (line 33)
    y_0_scores = jnp.where(jnp.transpose(y_0_causal, (1, 0))[None, None, :, :], y_0_scores_a, y_0_scores_b)
    # y.0.context.operands0: f32[B@data, N@model, L, T] (line 34)
    y_0_context_operands0 = jax.nn.softmax(y_0_scores, axis=3)
    # y.0.context: f32[B@data, L, N@model, K] (line 34)
    y_0_context = jnp.einsum("BNLT,BTNK->BLNK", y_0_context_operands0, y_0_v)
    # y.0.a.1: f32[B@data, L, M] (line 35)
    y_0_a_1 = jnp.einsum("BLNK,NKM->BLM", y_0_context, y_0_wo)
    # y.0.a: f32[B@data, L, M] (line 35)
    y_0_a = x + y_0_a_1
    # y.0.an.0: f32[B@data, L, M] (line 36)
    y_0_an_0 = rms_norm(y_0_a, axis=2, eps=0.000001)
    # y.0.an: f32[B@data, L, M] (line 36)
    y_0_an = y_0_an_0 * y_0_ffn_norm[None, None, :]
    # y.0.h.0.x: f32[B@data, L, H@model] (line 37)
    y_0_h_0_x = jnp.einsum("BLM,MH->BLH", y_0_an, y_0_w_gate)
    # y.0.h.0: f32[B@data, L, H@model] (line 37)
    y_0_h_0 = jax.nn.silu(y_0_h_0_x)
    # y.0.h.1: f32[B@data, L, H@model] (line 37)
    y_0_h_1 = jnp.einsum("BLM,MH->BLH", y_0_an, y_0_w_up)
    # y.0.h: f32[B@data, L, H@model] (line 37)
    y_0_h = y_0_h_0 * y_0_h_1
    # y.0.y.1: f32[B@data, L, M] (line 38)
    y_0_y_1 = jnp.einsum("BLH,HM->BLM", y_0_h, y_0_w_down)
    # y.0.y: f32[B@data, L, M] (line 38)
    y_0_y = y_0_a + y_0_y_1
    y_0_y = jax.lax.with_sharding_constraint(y_0_y, sh("data", None, None))
    # y.1.xn.0: f32[B@data, L, M] (line 27)
    y_1_xn_0 = rms_norm(y_0_y, axis=2, eps=0.000001)
    # y.1.xn: f32[B@data, L, M] (line 27)
    y_1_xn = y_1_xn_0 * y_1_attn_norm[None, None, :]
    # y.1.q: f32[B@data, L, N@model, K] (line 28)
    y_1_q = jnp.einsum("BLM,MNK->BLNK", y_1_xn, y_1_wq)
    # y.1.k.x: f32[B@data, L, N@model, K] (line 29)
    y_1_k_x = jnp.einsum("BLM,MNK->BLNK", y_1_xn, y_1_wk)
    # y.1.k: f32[B@data, T, N@model, K] (line 29)
    y_1_k = y_1_k_x  # dim L is now called T
    # y.1.v.x: f32[B@data, L, N@model, K] (line 30)
    y_1_v_x = jnp.einsum("BLM,MNK->BLNK", y_1_xn, y_1_wv)
    # y.1.v: f32[B@data, T, N@model, K] (line 30)
    y_1_v = y_1_v_x  # dim L is now called T
    # y.1.causal.a: i32[T] (line 32)
    y_1_causal_a = jnp.arange(16, dtype=jnp.int32)
    # y.1.causal.b: i32[L] (line 32)
    y_1_causal_b = jnp.arange(16, dtype=jnp.int32)
    # y.1.causal: bool[T, L] (line 32)
    y_1_causal = y_1_causal_a[:, None] <= y_1_causal_b[None, :]
    # y.1.scores.a.0: f32[B@data, N@model, L, T] (line 33)
    y_1_scores_a_0 = jnp.einsum("BLNK,BTNK->BNLT", y_1_q, y_1_k)
    # y.1.scores.a.c: f32[] (line 33)
    y_1_scores_a_c = jnp.float32(0.35355339)
    # y.1.scores.a: f32[B@data, N@model, L, T] (line 33)
    y_1_scores_a = y_1_scores_a_0 * y_1_scores_a_c
    # y.1.scores.b.neg: f32[] (line 33)
    y_1_scores_b_neg = jnp.float32(1000000000.0)
    # y.1.scores.b: f32[] (line 33)
    y_1_scores_b = -y_1_scores_b_neg
    # y.1.scores: f32[B@data, N@model, L, T] (line 33)
    y_1_scores = jnp.where(jnp.transpose(y_1_causal, (1, 0))[None, None, :, :], y_1_scores_a, y_1_scores_b)
    # y.1.context.operands0: f32[B@data, N@model, L, T] (line 34)
    y_1_context_operands0 = jax.nn.softmax(y_1_scores, axis=3)
    # y.1.context: f32[B@data, L, N@model, K] (line 34)
    y_1_context = jnp.einsum("BNLT,BTNK->BLNK", y_1_context_operands0, y_1_v)
    # y.1.a.1: f32[B@data, L, M] (line 35)
    y_1_a_1 = jnp.einsum("BLNK,NKM->BLM", y_1_context, y_1_wo)
    # y.1.a: f32[B@data, L, M] (line 35)
    y_1_a = y_0_y + y_1_a_1
    # y.1.an.0: f32[B@data, L, M] (line 36)
    y_1_an_0 = rms_norm(y_1_a, axis=2, eps=0.000001)
    # y.1.an: f32[B@data, L, M] (line 36)
    y_1_an = y_1_an_0 * y_1_ffn_norm[None, None, :]
    # y.1.h.0.x: f32[B@data, L, H@model] (line 37)
    y_1_h_0_x = jnp.einsum("BLM,MH->BLH", y_1_an, y_1_w_gate)
    # y.1.h.0: f32[B@data, L, H@model] (line 37)
    y_1_h_0 = jax.nn.silu(y_1_h_0_x)
    # y.1.h.1: f32[B@data, L, H@model] (line 37)
    y_1_h_1 = jnp.einsum("BLM,MH->BLH", y_1_an, y_1_w_up)
    # y.1.h: f32[B@data, L, H@model] (line 37)
    y_1_h = y_1_h_0 * y_1_h_1
    # y.1.y.1: f32[B@data, L, M] (line 38)
    y_1_y_1 = jnp.einsum("BLH,HM->BLM", y_1_h, y_1_w_down)
    # y.1.y: f32[B@data, L, M] (line 38)
    y_1_y = y_1_a + y_1_y_1
    return y_1_y,


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
    step = jax.jit(lambda *xs: llama_block(mesh, *xs), in_shardings=shardings,
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
