#!/usr/bin/env python3
"""moe_layer from examples/moe_layer.gshard, exported by gshard as a JAX program.

Mesh tpu_v3 [x = 16] chips [2, 4]: axes with auto axis types. Inputs and params are placed with
NamedSharding/PartitionSpec as gshard propagated them; the values annotated in the source are pinned
with with_sharding_constraint; XLA infers every other sharding, as gshard did.

    python3 moe_layer.py --data DIR --out OUT [--dump-hlo FILE]

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

MESH_AXES = ("x",)
MESH_SHAPE = (16,)
# The device at each mesh position, row-major: None means jax.make_mesh chooses (physically sensible on TPU).
MESH_DEVICE_IDS = None

# (name, dtype, shape, sharding) of each argument of the model, inputs then params.
ARGUMENTS = [
    ("inputs", jnp.float32, (16, 32, 32), P("x", None, None)),
    ("wg", jnp.float32, (32, 16), P(None, None)),
    ("wi", jnp.float32, (16, 32, 64), P("x", None, None)),
    ("wo", jnp.float32, (16, 64, 32), P("x", None, None)),
]
# (name, dtype, shape, sharding) of each result.
RESULTS = [
    ("outputs", jnp.float32, (16, 32, 32), P("x", None, None)),
    ("aux", jnp.float32, (), P()),
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


def moe_layer(mesh, inputs, wg, wi, wo):
    def sh(*spec):
        return NamedSharding(mesh, P(*spec))

    # logits: f32[G@x, S, E] (line 20)
    logits = jnp.einsum("GSM,ME->GSE", inputs, wg)
    # combine.gates: f32[G@x, S, E] (line 21)
    combine_gates = jax.nn.softmax(logits, axis=2)
    # combine.idx1: i32[G@x, S] (line 21)
    combine_idx1 = jnp.argmax(combine_gates, axis=2).astype(jnp.int32)
    # combine.mask1_raw: f32[G@x, S, E] (line 21)
    combine_mask1_raw = jax.nn.one_hot(combine_idx1, 16, dtype=jnp.float32)
    # combine.c2: f32[] (line 21)
    combine_c2 = jnp.float32(2.0)
    # combine.mask1_x2: f32[G@x, S, E] (line 21)
    combine_mask1_x2 = combine_mask1_raw * combine_c2
    # combine.gates_without_first: f32[G@x, S, E] (line 21)
    combine_gates_without_first = combine_gates - combine_mask1_x2
    # combine.idx2: i32[G@x, S] (line 21)
    combine_idx2 = jnp.argmax(combine_gates_without_first, axis=2).astype(jnp.int32)
    # combine.mask2_raw: f32[G@x, S, E] (line 21)
    combine_mask2_raw = jax.nn.one_hot(combine_idx2, 16, dtype=jnp.float32)
    # combine.gate1_sel: f32[G@x, S, E] (line 21)
    combine_gate1_sel = combine_gates * combine_mask1_raw
    # combine.gate1_raw: f32[G@x, S] (line 21)
    combine_gate1_raw = jnp.sum(combine_gate1_sel, axis=(2,))
    # combine.gate2_sel: f32[G@x, S, E] (line 21)
    combine_gate2_sel = combine_gates * combine_mask2_raw
    # combine.gate2_raw: f32[G@x, S] (line 21)
    combine_gate2_raw = jnp.sum(combine_gate2_sel, axis=(2,))
    # combine.gate_sum: f32[G@x, S] (line 21)
    combine_gate_sum = combine_gate1_raw + combine_gate2_raw
    # combine.gate1: f32[G@x, S] (line 21)
    combine_gate1 = combine_gate1_raw / combine_gate_sum
    # combine.gate2: f32[G@x, S] (line 21)
    combine_gate2 = combine_gate2_raw / combine_gate_sum
    # combine.density1: f32[G@x, E] (line 21)
    combine_density1 = jnp.mean(combine_mask1_raw, axis=(1,))
    # combine.density1_proxy: f32[G@x, E] (line 21)
    combine_density1_proxy = jnp.mean(combine_gates, axis=(1,))
    # combine.density_product: f32[G@x, E] (line 21)
    combine_density_product = combine_density1 * combine_density1_proxy
    # aux: f32[] (line 21)
    aux = jnp.mean(combine_density_product, axis=(0, 1))
    # combine.c4: f32[] (line 21)
    combine_c4 = jnp.float32(4.0)
    # combine.pos1: f32[G@x, S, E] (line 21)
    combine_pos1 = exclusive_cumsum(combine_mask1_raw, axis=1)
    # combine.fits1: f32[G@x, S, E] (line 21)
    combine_fits1 = (combine_pos1 < combine_c4).astype(jnp.float32)
    # combine.mask1: f32[G@x, S, E] (line 21)
    combine_mask1 = combine_mask1_raw * combine_fits1
    # combine.kept1_count: f32[G@x, E] (line 21)
    combine_kept1_count = jnp.sum(combine_mask1, axis=(1,))
    # combine.pos2_local: f32[G@x, S, E] (line 21)
    combine_pos2_local = exclusive_cumsum(combine_mask2_raw, axis=1)
    # combine.pos2: f32[G@x, S, E] (line 21)
    combine_pos2 = combine_pos2_local + combine_kept1_count[:, None, :]
    # combine.fits2: f32[G@x, S, E] (line 21)
    combine_fits2 = (combine_pos2 < combine_c4).astype(jnp.float32)
    # combine.mask2: f32[G@x, S, E] (line 21)
    combine_mask2 = combine_mask2_raw * combine_fits2
    # combine.slot1_sel: f32[G@x, S, E] (line 21)
    combine_slot1_sel = combine_pos1 * combine_mask1
    # combine.slot1_f: f32[G@x, S] (line 21)
    combine_slot1_f = jnp.sum(combine_slot1_sel, axis=(2,))
    # combine.slot1: i32[G@x, S] (line 21)
    combine_slot1 = combine_slot1_f.astype(jnp.int32)
    # combine.slot1_hot: f32[G@x, S, C] (line 21)
    combine_slot1_hot = jax.nn.one_hot(combine_slot1, 4, dtype=jnp.float32)
    # combine.weight1: f32[G@x, S, E] (line 21)
    combine_weight1 = combine_mask1 * combine_gate1[:, :, None]
    # combine.combine1: f32[G@x, S, E, C] (line 21)
    combine_combine1 = jnp.einsum("GSE,GSC->GSEC", combine_weight1, combine_slot1_hot)
    # combine.slot2_sel: f32[G@x, S, E] (line 21)
    combine_slot2_sel = combine_pos2 * combine_mask2
    # combine.slot2_f: f32[G@x, S] (line 21)
    combine_slot2_f = jnp.sum(combine_slot2_sel, axis=(2,))
    # combine.slot2: i32[G@x, S] (line 21)
    combine_slot2 = combine_slot2_f.astype(jnp.int32)
    # combine.slot2_hot: f32[G@x, S, C] (line 21)
    combine_slot2_hot = jax.nn.one_hot(combine_slot2, 4, dtype=jnp.float32)
    # combine.weight2: f32[G@x, S, E] (line 21)
    combine_weight2 = combine_mask2 * combine_gate2[:, :, None]
    # combine.combine2: f32[G@x, S, E, C] (line 21)
    combine_combine2 = jnp.einsum("GSE,GSC->GSEC", combine_weight2, combine_slot2_hot)
    # combine: f32[G@x, S, E, C] (line 21)
    combine = combine_combine1 + combine_combine2
    # combine.c0: f32[] (line 21)
    combine_c0 = jnp.float32(0.0)
    # dispatch: f32[G@x, S, E, C] (line 21)
    dispatch = (combine > combine_c0).astype(jnp.float32)
    # expert_inputs: f32[E@x, G, C, M] (line 22)
    expert_inputs = jnp.einsum("GSEC,GSM->EGCM", dispatch, inputs)
    expert_inputs = jax.lax.with_sharding_constraint(expert_inputs, sh("x", None, None, None))
    # h.x: f32[E@x, G, C, H] (line 23)
    h_x = jnp.einsum("EGCM,EMH->EGCH", expert_inputs, wi)
    # h: f32[E@x, G, C, H] (line 23)
    h = jax.nn.relu(h_x)
    # expert_outputs: f32[G@x, E, C, M] (line 24)
    expert_outputs = jnp.einsum("EGCH,EHM->GECM", h, wo)
    # outputs: f32[G@x, S, M] (line 25)
    outputs = jnp.einsum("GSEC,GECM->GSM", combine, expert_outputs)
    return outputs, aux


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
    step = jax.jit(lambda *xs: moe_layer(mesh, *xs), in_shardings=shardings,
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
