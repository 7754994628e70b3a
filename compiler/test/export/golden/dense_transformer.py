#!/usr/bin/env python3
"""dense_transformer from examples/dense_transformer.gshard, exported by gshard as a JAX program.

Mesh tpu_v3 [data = 4, model = 4] chips [2, 4]: axes with auto axis types. Inputs and params are placed with
NamedSharding/PartitionSpec as gshard propagated them; the values annotated in the source are pinned
with with_sharding_constraint; XLA infers every other sharding, as gshard did.

    python3 dense_transformer.py --data DIR --out OUT [--dump-hlo FILE]

DIR holds the .npy files `gshard run --save DIR` writes (inputs/, params/, random/ or DIR itself);
outputs go to OUT/outputs/NAME.npy. On CPU, fake the devices with
XLA_FLAGS=--xla_force_host_platform_device_count=16. Written for jax==0.10.2 (docs/real-engines.md).
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
MESH_SHAPE = (4, 4)
# The device at each mesh position, row-major: None means jax.make_mesh chooses (physically sensible on TPU).
MESH_DEVICE_IDS = None

# (name, dtype, shape, sharding) of each argument of the model, inputs then params.
ARGUMENTS = [
    ("x", jnp.float32, (8, 16, 64), P("data", None, None)),
    ("y.0.ln1", jnp.float32, (64,), P(None)),
    ("y.0.wq", jnp.float32, (64, 8, 8), P("data", "model", None)),
    ("y.0.wk", jnp.float32, (64, 8, 8), P("data", "model", None)),
    ("y.0.wv", jnp.float32, (64, 8, 8), P("data", "model", None)),
    ("y.0.wo", jnp.float32, (8, 8, 64), P("model", None, "data")),
    ("y.0.ln2", jnp.float32, (64,), P(None)),
    ("y.0.wi", jnp.float32, (64, 256), P("data", "model")),
    ("y.0.wf", jnp.float32, (256, 64), P("model", "data")),
    ("y.1.ln1", jnp.float32, (64,), P(None)),
    ("y.1.wq", jnp.float32, (64, 8, 8), P("data", "model", None)),
    ("y.1.wk", jnp.float32, (64, 8, 8), P("data", "model", None)),
    ("y.1.wv", jnp.float32, (64, 8, 8), P("data", "model", None)),
    ("y.1.wo", jnp.float32, (8, 8, 64), P("model", None, "data")),
    ("y.1.ln2", jnp.float32, (64,), P(None)),
    ("y.1.wi", jnp.float32, (64, 256), P("data", "model")),
    ("y.1.wf", jnp.float32, (256, 64), P("model", "data")),
]
# (name, dtype, shape, sharding) of each result.
RESULTS = [
    ("y.1.y", jnp.float32, (8, 16, 64), P("data", None, None)),
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


def dense_transformer(mesh, x, y_0_ln1, y_0_wq, y_0_wk, y_0_wv, y_0_wo, y_0_ln2, y_0_wi, y_0_wf, y_1_ln1, y_1_wq, y_1_wk, y_1_wv, y_1_wo, y_1_ln2, y_1_wi, y_1_wf):
    def sh(*spec):
        return NamedSharding(mesh, P(*spec))

    # y.0.xn.0: f32[B@data, L, M] (line 26)
    y_0_xn_0 = layer_norm(x, axis=(2,))
    # y.0.xn: f32[B@data, L, M] (line 26)
    y_0_xn = y_0_xn_0 * y_0_ln1[None, None, :]
    # y.0.q: f32[B@data, L, N@model, K] (line 27)
    y_0_q = jnp.einsum("BLM,MNK->BLNK", y_0_xn, y_0_wq)
    y_0_q = jax.lax.with_sharding_constraint(y_0_q, sh("data", None, "model", None))
    # y.0.k.x: f32[B@data, L, N@model, K] (line 28)
    y_0_k_x = jnp.einsum("BLM,MNK->BLNK", y_0_xn, y_0_wk)
    # y.0.k: f32[B@data, T, N@model, K] (line 28)
    y_0_k = y_0_k_x  # dim L is now called T
    y_0_k = jax.lax.with_sharding_constraint(y_0_k, sh("data", None, "model", None))
    # y.0.v.x: f32[B@data, L, N@model, K] (line 29)
    y_0_v_x = jnp.einsum("BLM,MNK->BLNK", y_0_xn, y_0_wv)
    # y.0.v: f32[B@data, T, N@model, K] (line 29)
    y_0_v = y_0_v_x  # dim L is now called T
    y_0_v = jax.lax.with_sharding_constraint(y_0_v, sh("data", None, "model", None))
    # y.0.probs.x.0: f32[B@data, N@model, L, T] (line 30)
    y_0_probs_x_0 = jnp.einsum("BLNK,BTNK->BNLT", y_0_q, y_0_k)
    # y.0.probs.x.c: f32[] (line 30)
    y_0_probs_x_c = jnp.float32(0.35355339)
    # y.0.probs.x: f32[B@data, N@model, L, T] (line 30)
    y_0_probs_x = y_0_probs_x_0 * y_0_probs_x_c
    # y.0.probs: f32[B@data, N@model, L, T] (line 30)
    y_0_probs = jax.nn.softmax(y_0_probs_x, axis=3)
    y_0_probs = jax.lax.with_sharding_constraint(y_0_probs, sh("data", "model", None, None))
    # y.0.context: f32[B@data, L, N@model, K] (line 31)
    y_0_context = jnp.einsum("BNLT,BTNK->BLNK", y_0_probs, y_0_v)
    y_0_context = jax.lax.with_sharding_constraint(y_0_context, sh("data", None, "model", None))
    # y.0.a.1: f32[B@data, L, M] (line 32)
    y_0_a_1 = jnp.einsum("BLNK,NKM->BLM", y_0_context, y_0_wo)
    # y.0.a: f32[B@data, L, M] (line 32)
    y_0_a = x + y_0_a_1
    y_0_a = jax.lax.with_sharding_constraint(y_0_a, sh("data", None, None))
    # y.0.an.0: f32[B@data, L, M] (line 33)
    y_0_an_0 = layer_norm(y_0_a, axis=(2,))
    # y.0.an: f32[B@data, L, M] (line 33)
    y_0_an = y_0_an_0 * y_0_ln2[None, None, :]
    # y.0.h.x: f32[B@data, L, H@model] (line 34)
    y_0_h_x = jnp.einsum("BLM,MH->BLH", y_0_an, y_0_wi)
    # y.0.h: f32[B@data, L, H@model] (line 34)
    y_0_h = jax.nn.relu(y_0_h_x)
    y_0_h = jax.lax.with_sharding_constraint(y_0_h, sh("data", None, "model"))
    # y.0.y.1: f32[B@data, L, M] (line 35)
    y_0_y_1 = jnp.einsum("BLH,HM->BLM", y_0_h, y_0_wf)
    # y.0.y: f32[B@data, L, M] (line 35)
    y_0_y = y_0_a + y_0_y_1
    y_0_y = jax.lax.with_sharding_constraint(y_0_y, sh("data", None, None))
    # y.1.xn.0: f32[B@data, L, M] (line 26)
    y_1_xn_0 = layer_norm(y_0_y, axis=(2,))
    # y.1.xn: f32[B@data, L, M] (line 26)
    y_1_xn = y_1_xn_0 * y_1_ln1[None, None, :]
    # y.1.q: f32[B@data, L, N@model, K] (line 27)
    y_1_q = jnp.einsum("BLM,MNK->BLNK", y_1_xn, y_1_wq)
    y_1_q = jax.lax.with_sharding_constraint(y_1_q, sh("data", None, "model", None))
    # y.1.k.x: f32[B@data, L, N@model, K] (line 28)
    y_1_k_x = jnp.einsum("BLM,MNK->BLNK", y_1_xn, y_1_wk)
    # y.1.k: f32[B@data, T, N@model, K] (line 28)
    y_1_k = y_1_k_x  # dim L is now called T
    y_1_k = jax.lax.with_sharding_constraint(y_1_k, sh("data", None, "model", None))
    # y.1.v.x: f32[B@data, L, N@model, K] (line 29)
    y_1_v_x = jnp.einsum("BLM,MNK->BLNK", y_1_xn, y_1_wv)
    # y.1.v: f32[B@data, T, N@model, K] (line 29)
    y_1_v = y_1_v_x  # dim L is now called T
    y_1_v = jax.lax.with_sharding_constraint(y_1_v, sh("data", None, "model", None))
    # y.1.probs.x.0: f32[B@data, N@model, L, T] (line 30)
    y_1_probs_x_0 = jnp.einsum("BLNK,BTNK->BNLT", y_1_q, y_1_k)
    # y.1.probs.x.c: f32[] (line 30)
    y_1_probs_x_c = jnp.float32(0.35355339)
    # y.1.probs.x: f32[B@data, N@model, L, T] (line 30)
    y_1_probs_x = y_1_probs_x_0 * y_1_probs_x_c
    # y.1.probs: f32[B@data, N@model, L, T] (line 30)
    y_1_probs = jax.nn.softmax(y_1_probs_x, axis=3)
    y_1_probs = jax.lax.with_sharding_constraint(y_1_probs, sh("data", "model", None, None))
    # y.1.context: f32[B@data, L, N@model, K] (line 31)
    y_1_context = jnp.einsum("BNLT,BTNK->BLNK", y_1_probs, y_1_v)
    y_1_context = jax.lax.with_sharding_constraint(y_1_context, sh("data", None, "model", None))
    # y.1.a.1: f32[B@data, L, M] (line 32)
    y_1_a_1 = jnp.einsum("BLNK,NKM->BLM", y_1_context, y_1_wo)
    # y.1.a: f32[B@data, L, M] (line 32)
    y_1_a = y_0_y + y_1_a_1
    y_1_a = jax.lax.with_sharding_constraint(y_1_a, sh("data", None, None))
    # y.1.an.0: f32[B@data, L, M] (line 33)
    y_1_an_0 = layer_norm(y_1_a, axis=(2,))
    # y.1.an: f32[B@data, L, M] (line 33)
    y_1_an = y_1_an_0 * y_1_ln2[None, None, :]
    # y.1.h.x: f32[B@data, L, H@model] (line 34)
    y_1_h_x = jnp.einsum("BLM,MH->BLH", y_1_an, y_1_wi)
    # y.1.h: f32[B@data, L, H@model] (line 34)
    y_1_h = jax.nn.relu(y_1_h_x)
    y_1_h = jax.lax.with_sharding_constraint(y_1_h, sh("data", None, "model"))
    # y.1.y.1: f32[B@data, L, M] (line 35)
    y_1_y_1 = jnp.einsum("BLH,HM->BLM", y_1_h, y_1_wf)
    # y.1.y: f32[B@data, L, M] (line 35)
    y_1_y = y_1_a + y_1_y_1
    y_1_y = jax.lax.with_sharding_constraint(y_1_y, sh("data", None, None))
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
    step = jax.jit(lambda *xs: dense_transformer(mesh, *xs), in_shardings=shardings,
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
