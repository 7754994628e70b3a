#!/usr/bin/env python3
"""Compile and run a `gshard export --format stablehlo` module on XLA through jaxlib's PJRT client.

    python3 interop/run_stablehlo.py MODEL.mlir --manifest MODEL.json --data DIR --out OUT [--dump-hlo FILE]

MODEL.json is the `--manifest` gshard export writes beside the module: the mesh, and the name,
shape and PartitionSpec of every argument and result. Arguments are read from DIR as `gshard run
--save DIR` writes them (inputs/, params/, random/ or DIR itself); results go to OUT/outputs/NAME.npy.
On CPU, fake the devices first: XLA_FLAGS=--xla_force_host_platform_device_count=N.

This uses jax.extend and one private path (jax._src.lib.xla_client), which carry no compatibility
promise: it is written for jax==0.10.2 / jaxlib==0.10.2 (docs/real-engines.md).
"""
import argparse
import json
import math
from pathlib import Path

import numpy as np
import jax
from jax.extend import backend as jeb
from jax.extend.mlir import ir
from jax.interpreters import mlir as jmlir
from jax._src.lib import xla_client as xc
from jax.sharding import AxisType, Mesh, NamedSharding, PartitionSpec as P


def load_array(data_dir, entry):
    for sub in ("inputs", "params", "random", "."):
        path = Path(data_dir) / sub / f"{entry['name']}.npy"
        if path.exists():
            array = np.load(path)
            if list(array.shape) != entry["shape"]:
                raise SystemExit(f"{path}: shape {list(array.shape)}, but {entry['name']} is {entry['shape']}")
            return array.astype(entry["dtype"] if entry["dtype"] != "bfloat16" else jax.numpy.bfloat16)
    raise SystemExit(f"no {entry['name']}.npy under {data_dir}")


def spec_of(entry):
    return P(*[None if not axes else axes[0] if len(axes) == 1 else tuple(axes) for axes in entry["spec"]])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("module")
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--dump-hlo", help="write the compiled (partitioned) HLO text here")
    args = parser.parse_args()

    manifest = json.loads(Path(args.manifest).read_text())
    axes = tuple(a["name"] for a in manifest["mesh"]["axes"])
    shape = tuple(a["size"] for a in manifest["mesh"]["axes"])
    n = math.prod(shape)
    backend = jeb.get_backend()
    if len(backend.devices()) < n:
        raise SystemExit(f"the mesh needs {n} devices but {backend.platform} has {len(backend.devices())}; "
                         f"on CPU set XLA_FLAGS=--xla_force_host_platform_device_count={n}")
    devices = backend.devices()[:n]
    # Logical device k of the module (the ids in its shardings) runs on devices[k].
    options = jeb.get_compile_options(num_replicas=1, num_partitions=n,
                                      device_assignment=np.array(devices).reshape(1, n))
    with jmlir.make_ir_context():
        module = ir.Module.parse(Path(args.module).read_text())  # the full StableHLO/Shardy verifier runs here
        executable = backend.compile_and_load(module, xc.DeviceList(tuple(devices)), options)
    if args.dump_hlo:
        Path(args.dump_hlo).write_text("\n".join(m.to_string() for m in executable.hlo_modules()))

    # The mesh's positions hold the devices the module's mesh names (device_ids), row-major.
    mesh = Mesh(np.array([devices[i] for i in manifest["mesh"]["deviceIds"]]).reshape(shape), axes,
                axis_types=(AxisType.Auto,) * len(axes))
    arrays = [jax.device_put(load_array(args.data, e), NamedSharding(mesh, spec_of(e))) for e in manifest["arguments"]]
    results = executable.execute_sharded(arrays).disassemble_into_single_device_arrays()
    out = Path(args.out) / "outputs"
    out.mkdir(parents=True, exist_ok=True)
    for entry, shards in zip(manifest["results"], results):
        value = jax.make_array_from_single_device_arrays(tuple(entry["shape"]), NamedSharding(mesh, spec_of(entry)), shards)
        host = np.asarray(value)
        np.save(out / f"{entry['name']}.npy", host.astype(np.float32) if entry["dtype"] == "bfloat16" else host)
        print(f"{entry['name']}: {host.dtype}{list(host.shape)} -> {out / (entry['name'] + '.npy')}")


if __name__ == "__main__":
    main()
