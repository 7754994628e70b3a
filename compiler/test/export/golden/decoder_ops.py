#!/usr/bin/env python3
"""decoder_ops from compiler/test/export/fixtures/decoder_ops.gshard, exported by gshard as a JAX program.

Mesh tpu_v3 [a = 2, b = 4] chips [2, 2]: axes with auto axis types. Inputs and params are placed with
NamedSharding/PartitionSpec as gshard propagated them; the values annotated in the source are pinned
with with_sharding_constraint; XLA infers every other sharding, as gshard did.

    python3 decoder_ops.py --data DIR --out OUT [--dump-hlo FILE]

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

MESH_AXES = ("a", "b")
MESH_SHAPE = (2, 4)
# The device at each mesh position, row-major: None means jax.make_mesh chooses (physically sensible on TPU).
MESH_DEVICE_IDS = None

# (name, dtype, shape, sharding) of each argument of the model, inputs then params.
ARGUMENTS = [
    ("x", jnp.float32, (4, 8, 8), P("a", None, "b")),
    ("s", jnp.float32, (4, 8, 8), P("a", "b", None)),
    ("targets", jnp.int32, (4, 8), P("a", None)),
    ("w", jnp.float32, (8, 16), P(None, "b")),
]
# (name, dtype, shape, sharding) of each result.
RESULTS = [
    ("result", jnp.float32, (4, 8, 8), P("a", "b", None)),
    ("a", jnp.float32, (4, 8, 8), P("a", None, "b")),
    ("result.2", jnp.float32, (4, 8, 8), P("a", None, "b")),
    ("result.3", jnp.float32, (4, 8), P("a", None)),
    ("ce", jnp.float32, (4, 8), P("a", None)),
    ("ce_pad", jnp.float32, (4, 8), P("a", None)),
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


def logsumexp(x, axis):
    """max + log(sum(exp(x - max))) over axis, which is removed: gshard's logsumexp."""
    m = jnp.max(x, axis=axis, keepdims=True)
    return jnp.squeeze(m, axis) + jnp.log(jnp.sum(jnp.exp(x - m), axis=axis))


def decoder_ops(mesh, x, s, targets, w):
    def sh(*spec):
        return NamedSharding(mesh, P(*spec))

    # causal.pred.a: i32[L] (line 16)
    causal_pred_a = jnp.arange(8, dtype=jnp.int32)
    # causal.pred.b: i32[T@b] (line 16)
    causal_pred_b = jnp.arange(8, dtype=jnp.int32)
    # causal.pred: bool[L, T@b] (line 16)
    causal_pred = causal_pred_a[:, None] <= causal_pred_b[None, :]
    # causal.b.neg: f32[] (line 16)
    causal_b_neg = jnp.float32(1000000000.0)
    # causal.b: f32[] (line 16)
    causal_b = -causal_b_neg
    # causal: f32[B@a, T@b, L] (line 16)
    causal = jnp.where(jnp.transpose(causal_pred, (1, 0))[None, :, :], s, causal_b)
    # near.0.pred.a: i32[L] (line 17)
    near_0_pred_a = jnp.arange(8, dtype=jnp.int32)
    # near.0.pred.b: i32[T@b] (line 17)
    near_0_pred_b = jnp.arange(8, dtype=jnp.int32)
    # near.0.pred: bool[L, T@b] (line 17)
    near_0_pred = near_0_pred_a[:, None] == near_0_pred_b[None, :]
    # near.0.a: f32[] (line 17)
    near_0_a = jnp.float32(1.0)
    # near.0.b: f32[] (line 17)
    near_0_b = jnp.float32(0.0)
    # near.0: f32[L, T@b] (line 17)
    near_0 = jnp.where(near_0_pred, near_0_a, near_0_b)
    # near.1.pred.a: i32[L] (line 17)
    near_1_pred_a = jnp.arange(8, dtype=jnp.int32)
    # near.1.pred.b: i32[T@b] (line 17)
    near_1_pred_b = jnp.arange(8, dtype=jnp.int32)
    # near.1.pred: bool[L, T@b] (line 17)
    near_1_pred = near_1_pred_a[:, None] != near_1_pred_b[None, :]
    # near.1.a: f32[] (line 17)
    near_1_a = jnp.float32(0.5)
    # near.1.b: f32[] (line 17)
    near_1_b = jnp.float32(0.0)
    # near.1: f32[L, T@b] (line 17)
    near_1 = jnp.where(near_1_pred, near_1_a, near_1_b)
    # near: f32[L, T@b] (line 17)
    near = near_0 + near_1
    # order.0.pred.a: i32[L] (line 18)
    order_0_pred_a = jnp.arange(8, dtype=jnp.int32)
    # order.0.pred.b: i32[T@b] (line 18)
    order_0_pred_b = jnp.arange(8, dtype=jnp.int32)
    # order.0.pred: bool[L, T@b] (line 18)
    order_0_pred = order_0_pred_a[:, None] < order_0_pred_b[None, :]
    # order.0.a: f32[] (line 18)
    order_0_a = jnp.float32(1.0)
    # order.0.b: f32[] (line 18)
    order_0_b = jnp.float32(0.0)
    # order.0: f32[L, T@b] (line 18)
    order_0 = jnp.where(order_0_pred, order_0_a, order_0_b)
    # order.1.pred.a: i32[L] (line 18)
    order_1_pred_a = jnp.arange(8, dtype=jnp.int32)
    # order.1.pred.b: i32[T@b] (line 18)
    order_1_pred_b = jnp.arange(8, dtype=jnp.int32)
    # order.1.pred: bool[L, T@b] (line 18)
    order_1_pred = order_1_pred_a[:, None] >= order_1_pred_b[None, :]
    # order.1.a: f32[] (line 18)
    order_1_a = jnp.float32(2.0)
    # order.1.b: f32[] (line 18)
    order_1_b = jnp.float32(0.0)
    # order.1: f32[L, T@b] (line 18)
    order_1 = jnp.where(order_1_pred, order_1_a, order_1_b)
    # order: f32[L, T@b] (line 18)
    order = order_0 + order_1
    # a.0.0.0.0: f32[B@a, T, M@b] (line 19)
    a_0_0_0_0 = jax.nn.silu(x)
    # a.0.0.0.1: f32[B@a, T, M@b] (line 19)
    a_0_0_0_1 = jax.nn.sigmoid(x)
    # a.0.0.0: f32[B@a, T, M@b] (line 19)
    a_0_0_0 = a_0_0_0_0 * a_0_0_0_1
    # a.0.0.1: f32[B@a, T, M@b] (line 19)
    a_0_0_1 = jnp.abs(x)
    # a.0.0: f32[B@a, T, M@b] (line 19)
    a_0_0 = a_0_0_0 + a_0_0_1
    # a.0.1: f32[B@a, T, M@b] (line 19)
    a_0_1 = jnp.square(x)
    # a.0: f32[B@a, T, M@b] (line 19)
    a_0 = a_0_0 - a_0_1
    # a.1.pred.b: f32[] (line 19)
    a_1_pred_b = jnp.float32(0.25)
    # a.1.pred: bool[B@a, T, M@b] (line 19)
    a_1_pred = x > a_1_pred_b
    # a.1.a.x: f32[B@a, T, M@b] (line 19)
    a_1_a_x = jnp.abs(x)
    # a.1.a: f32[B@a, T, M@b] (line 19)
    a_1_a = jnp.power(a_1_a_x, jnp.float32(1.5))
    # a.1.b.b: f32[] (line 19)
    a_1_b_b = jnp.float32(0.0)
    # a.1.b: f32[B@a, T, M@b] (line 19)
    a_1_b = jnp.minimum(x, a_1_b_b)
    # a.1: f32[B@a, T, M@b] (line 19)
    a_1 = jnp.where(a_1_pred, a_1_a, a_1_b)
    # a: f32[B@a, T, M@b] (line 19)
    a = a_0 + a_1
    # n: f32[B@a, T, M@b] (line 20)
    n = rms_norm(x, axis=2, eps=0.000001)
    # logits: f32[B@a, T, V@b] (line 21)
    logits = jnp.einsum("BTM,MV->BTV", n, w)
    # ce.lse: f32[B@a, T] (line 22)
    ce_lse = logsumexp(logits, axis=2)
    # ce.target_hot: f32[B@a, T, V@b] (line 22)
    ce_target_hot = jax.nn.one_hot(targets, 16, dtype=jnp.float32)
    # ce.target_sel: f32[B@a, T, V@b] (line 22)
    ce_target_sel = logits * ce_target_hot
    # ce.target_logit: f32[B@a, T] (line 22)
    ce_target_logit = jnp.sum(ce_target_sel, axis=(2,))
    # ce: f32[B@a, T] (line 22)
    ce = ce_lse - ce_target_logit
    # ce_pad.lse: f32[B@a, T] (line 23)
    ce_pad_lse = logsumexp(logits, axis=2)
    # ce_pad.target_hot: f32[B@a, T, V@b] (line 23)
    ce_pad_target_hot = jax.nn.one_hot(targets, 16, dtype=jnp.float32)
    # ce_pad.target_sel: f32[B@a, T, V@b] (line 23)
    ce_pad_target_sel = logits * ce_pad_target_hot
    # ce_pad.target_logit: f32[B@a, T] (line 23)
    ce_pad_target_logit = jnp.sum(ce_pad_target_sel, axis=(2,))
    # ce_pad.all: f32[B@a, T] (line 23)
    ce_pad_all = ce_pad_lse - ce_pad_target_logit
    # ce_pad.pad_id: i32[] (line 23)
    ce_pad_pad_id = jnp.int32(0)
    # ce_pad.keep: bool[B@a, T] (line 23)
    ce_pad_keep = targets != ce_pad_pad_id
    # ce_pad.zero: f32[] (line 23)
    ce_pad_zero = jnp.float32(0.0)
    # ce_pad: f32[B@a, T] (line 23)
    ce_pad = jnp.where(ce_pad_keep, ce_pad_all, ce_pad_zero)
    # result.0: f32[B@a, T@b, L] (line 24)
    result_0 = causal * jnp.transpose(near, (1, 0))[None, :, :]
    # result: f32[B@a, T@b, L] (line 24)
    result = result_0 * jnp.transpose(order, (1, 0))[None, :, :]
    # result.1.x.0.x: f32[B@a, T, M@b] (line 24)
    result_1_x_0_x = jnp.square(x)
    # result.1.x.0: f32[B@a, T] (line 24)
    result_1_x_0 = jnp.mean(result_1_x_0_x, axis=(2,))
    # result.1.x.c: f32[] (line 24)
    result_1_x_c = jnp.float32(1.0)
    # result.1.x: f32[B@a, T] (line 24)
    result_1_x = result_1_x_0 + result_1_x_c
    # result.1: f32[B@a, T] (line 24)
    result_1 = jax.lax.rsqrt(result_1_x)
    # result.2: f32[B@a, T, M@b] (line 24)
    result_2 = n * result_1[:, :, None]
    # result.3: f32[B@a, T] (line 24)
    result_3 = logsumexp(logits, axis=2)
    return result, a, result_2, result_3, ce, ce_pad


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
    step = jax.jit(lambda *xs: decoder_ops(mesh, *xs), in_shardings=shardings,
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
