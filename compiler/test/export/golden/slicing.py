#!/usr/bin/env python3
"""slicing from compiler/test/export/fixtures/slicing.gshard, exported by gshard as a JAX program.

Mesh tpu_v3 [x = 4, y = 2] chips [2, 2]: axes with auto axis types. Inputs and params are placed with
NamedSharding/PartitionSpec as gshard propagated them; the values annotated in the source are pinned
with with_sharding_constraint; XLA infers every other sharding, as gshard did.

    python3 slicing.py --data DIR --out OUT [--dump-hlo FILE]

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

MESH_AXES = ("x", "y")
MESH_SHAPE = (4, 2)
# The device at each mesh position, row-major: None means jax.make_mesh chooses (physically sensible on TPU).
MESH_DEVICE_IDS = None

# (name, dtype, shape, sharding) of each argument of the model, inputs then params.
ARGUMENTS = [
    ("x", jnp.float32, (8, 8, 6), P("x", "y", None)),
    ("z", jnp.float32, (8, 6, 8), P("x", None, "y")),
]
# (name, dtype, shape, sharding) of each result.
RESULTS = [
    ("back", jnp.float32, (8, 8, 6), P("x", None, None)),
    ("result", jnp.float32, (8, 8, 6), P("x", "y", None)),
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


def slicing(mesh, x, z):
    def sh(*spec):
        return NamedSharding(mesh, P(*spec))

    # head: f32[B@x, L, M] (line 11)
    head = jax.lax.slice_in_dim(x, 0, 3, axis=1)
    # tail: f32[B@x, L, M] (line 12)
    tail = jax.lax.slice_in_dim(x, 3, 8, axis=1)
    # back: f32[B@x, L, M] (line 13)
    back = jnp.concatenate([tail, head], axis=1)
    # result.operands0: f32[B@x, L@y, M] (line 14)
    result_operands0 = jax.lax.slice_in_dim(x, 0, 2, axis=2)
    # result.operands1: f32[B@x, M, L@y] (line 14)
    result_operands1 = jax.lax.slice_in_dim(z, 2, 6, axis=1)
    # result: f32[B@x, L@y, M] (line 14)
    result = jnp.concatenate([result_operands0, jnp.transpose(result_operands1, (0, 2, 1))], axis=2)
    return back, result


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
    step = jax.jit(lambda *xs: slicing(mesh, *xs), in_shardings=shardings,
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
