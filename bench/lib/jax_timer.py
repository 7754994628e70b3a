"""Times a program exported by `gshard export --format jax` on JAX's CPU devices, one step per request.

    XLA_FLAGS=--xla_force_host_platform_device_count=8 python jax_timer.py PROGRAM.py MODEL_NAME [--train]

With --train, PROGRAM.py is `gshard export --train --format jax` output and one step is its jitted
train_step (forward, value_and_grad, optimizer update) on params, optimizer state and inputs.

Loads the program as a module, places random arguments with their shardings, compiles the jitted
step once (and runs it once to warm up), prints `ready`, then for every line `run` on stdin runs one
step to completion (block_until_ready) and prints its wall milliseconds. The bench interleaves these
steps with its own runs, so both see the same machine load.
"""
import importlib.util
import sys
import time

import numpy as np
import jax
from jax.sharding import NamedSharding


def main():
    path, model = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("exported", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mesh = mod.make_mesh()
    rng = np.random.default_rng(1)
    shardings = [NamedSharding(mesh, s) for _, _, _, s in mod.ARGUMENTS]
    arrays = []
    for (name, dtype, shape, _), s in zip(mod.ARGUMENTS, shardings):
        host = rng.random(shape, dtype=np.float32) if np.issubdtype(dtype, np.floating) else np.zeros(shape, np.int32)
        arrays.append(jax.device_put(host.astype(dtype), s))
    if "--train" in sys.argv[3:]:
        # the arguments are already placed with their shardings; train_step pins its outputs itself
        _, train_step = mod.make_train_step(mesh)
        names = [name for name, _, _, _ in mod.ARGUMENTS]
        inputs = {k: a for k, a in zip(names, arrays) if k in mod.INPUT_NAMES}
        params = {k: a for k, a in zip(names, arrays) if k in mod.PARAM_NAMES}
        opt_state = mod.init_opt_state(params)
        jitted = jax.jit(train_step)
        step_args = (params, opt_state, inputs)
        step = lambda *xs: jitted(*xs)
        arrays = step_args
    else:
        fn = getattr(mod, model)
        step = jax.jit(lambda *xs: fn(mesh, *xs), in_shardings=shardings,
                       out_shardings=tuple(NamedSharding(mesh, s) for _, _, _, s in mod.RESULTS))
    jax.block_until_ready(step(*arrays))
    print(f"ready {len(jax.devices())} {jax.devices()[0].platform} jax {jax.__version__}", flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        t0 = time.perf_counter()
        jax.block_until_ready(step(*arrays))
        print(f"{(time.perf_counter() - t0) * 1e3:.3f}", flush=True)


if __name__ == "__main__":
    main()
