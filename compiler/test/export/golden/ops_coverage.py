#!/usr/bin/env python3
"""ops_coverage from compiler/test/export/fixtures/ops_coverage.gshard, exported by gshard as a JAX program.

Mesh tpu_v3 [a = 2, b = 4] chips [2, 2]: axes with auto axis types. Inputs and params are placed with
NamedSharding/PartitionSpec as gshard propagated them; the values annotated in the source are pinned
with with_sharding_constraint; XLA infers every other sharding, as gshard did.

    python3 ops_coverage.py --data DIR --out OUT [--dump-hlo FILE]

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
    ("ids", jnp.int32, (4, 8), P("a", None)),
    ("x", jnp.float32, (4, 8, 8), P("a", None, "b")),
    ("table", jnp.float32, (16, 8), P(None, "b")),
    ("w", jnp.float32, (8, 2), P("b", None)),
]
# (name, dtype, shape, sharding) of each result.
RESULTS = [
    ("result", jnp.float32, (4, 8, 8), P("a", None, "b")),
    ("vals", jnp.float32, (4, 3, 8), P("a", None, "b")),
    ("idx", jnp.int32, (4, 3, 8), P("a", None, "b")),
    ("r", jnp.float32, (4, 8), P("a", "b")),
    ("c", jnp.float32, (8, 32), P(None, "a")),
    ("n", jnp.float32, (4,), P("a")),
    ("out_i", jnp.int32, (4, 8), P("a", None)),
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


def top_k(x, k, axis):
    """The k largest along axis (ties: lower index first), k taking axis's place; values and int32 indices."""
    values, indices = jax.lax.top_k(jnp.moveaxis(x, axis, -1), k)
    return jnp.moveaxis(values, -1, axis), jnp.moveaxis(indices, -1, axis).astype(jnp.int32)


def ops_coverage(mesh, ids, x, table, w):
    def sh(*spec):
        return NamedSharding(mesh, P(*spec))

    # e: f32[B@a, S, M@b] (line 18)
    e = jnp.take(table, ids, axis=0, mode="clip")
    # g.x: f32[B@a, S, M@b] (line 19)
    g_x = e + x
    # g: f32[B@a, S, M@b] (line 19)
    g = jax.nn.gelu(g_x, approximate=True)
    g = jax.lax.with_sharding_constraint(g, sh("a", None, "b"))
    # t.0.0: f32[B@a, S, M@b] (line 20)
    t_0_0 = jnp.tanh(g)
    # t.0.1.x: f32[B@a, S, M@b] (line 20)
    t_0_1_x = -g
    # t.0.1: f32[B@a, S, M@b] (line 20)
    t_0_1 = jnp.exp(t_0_1_x)
    # t.0: f32[B@a, S, M@b] (line 20)
    t_0 = t_0_0 - t_0_1
    # t.1.x.a: f32[B@a, S, M@b] (line 20)
    t_1_x_a = g * g
    # t.1.x.b: f32[] (line 20)
    t_1_x_b = jnp.float32(0.5)
    # t.1.x: f32[B@a, S, M@b] (line 20)
    t_1_x = jnp.maximum(t_1_x_a, t_1_x_b)
    # t.1: f32[B@a, S, M@b] (line 20)
    t_1 = jnp.log(t_1_x)
    # t: f32[B@a, S, M@b] (line 20)
    t = t_0 + t_1
    # vals: f32[B@a, K, M@b], idx: i32[B@a, K, M@b] (line 21)
    vals, idx = top_k(t, 3, axis=1)
    # r: f32[B@a, M@b] (line 22)
    r = jnp.max(t, axis=(1,))
    # flat.x: f32[S, B@a, M@b] (line 23)
    flat_x = jnp.transpose(t, (1, 0, 2))
    # flat: f32[S, A@a] (line 23)
    flat = jnp.reshape(flat_x, (8, 32))
    # c: f32[S, A@a] (line 24)
    c = jnp.cumsum(flat, axis=0)
    # n: f32[B@a] (line 25)
    n = jnp.einsum("BSM,MN->B", t, w)
    # i.x.c: f32[] (line 26)
    i_x_c = jnp.float32(4.0)
    # i.x: f32[B@a, S, M@b] (line 26)
    i_x = t * i_x_c
    # i: i32[B@a, S, M@b] (line 26)
    i = i_x.astype(jnp.int32)
    # out_i: i32[B@a, S] (line 27)
    out_i = jnp.max(i, axis=(2,))
    # result: f32[B@a, S, M@b] (line 28)
    result = jax.nn.log_softmax(t, axis=2)
    return result, vals, idx, r, c, n, out_i


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
    step = jax.jit(lambda *xs: ops_coverage(mesh, *xs), in_shardings=shardings,
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
