#!/usr/bin/env python3
"""Checks of the exported training step for the interop test (scripts/interop-test.js).

    python3 interop/train_check.py optimizer SCRIPT DATA_DIR OUT_DIR
        one step of the script's optimizer, written here in numpy from its own formula, applied to
        DATA_DIR/params and OUT_DIR/grads, against OUT_DIR/final (what XLA computed)
    python3 interop/train_check.py arrays GOT_DIR WANT_DIR TOLERANCE [GRADS_DIR MIN_ABS_GRAD]
        every .npy of GOT_DIR against the one of that name in WANT_DIR, within TOLERANCE of its scale;
        with GRADS_DIR, only the elements whose gradient there is zero or at least MIN_ABS_GRAD in magnitude (Adam's
        params after a step: see `well_conditioned`), saying how many were left out
    python3 interop/train_check.py perturb DATA_DIR GRADS_DIR WORK_DIR H SEED
        writes WORK_DIR/{plus,minus}-{grad,random}/ (inputs and params moved by +-H along a unit direction:
        the normalized gradient, or a random one) for `gshard run --inputs`, and WORK_DIR/expected.json
        (the directional derivative <grad, d> for each direction)
    python3 interop/train_check.py directional WORK_DIR H
        central differences of the losses `gshard run --save` wrote under WORK_DIR/*/out against expected.json

Each prints a line per array or direction and exits 1 when something differs.
"""
import importlib.util
import json
import shutil
import sys
from pathlib import Path

import numpy as np


def load_dir(d):
    return {p.stem: np.load(p).astype(np.float64) for p in sorted(Path(d).glob("*.npy"))}


def rel_error(got, want):
    diff = float(np.max(np.abs(got - want))) if want.size else 0.0
    scale = float(np.max(np.abs(want))) if want.size else 0.0
    return diff / scale if scale > 0 else diff, diff


def well_conditioned(grads, min_abs):
    """Masks of the elements whose Adam step does not hang on rounding: the first step is
    lr * g / (|g| + eps), whose derivative lr * eps / (|g| + eps)^2 is ~lr / (4 eps) at |g| = eps, so
    two programs whose gradients agree to f32 rounding (~1e-7 of the largest |g|) can move a param whose
    |g| is near eps by up to ~lr. At |g| >= 100 eps the same rounding moves it by < 1e-4 lr. A zero
    gradient (a token that never occurs) is a zero step on both sides, so it is compared too."""
    return {k: (np.abs(g) >= min_abs) | (g == 0) for k, g in grads.items()}


def compare(got, want, tol, what, names=None, masks=None):
    ok = True
    worst = 0.0
    left_out = 0
    for name in sorted(names if names is not None else want):
        if name not in want:
            print(f"  {what} {name}: not in the expected arrays")
            ok = False
            continue
        if name not in got:
            print(f"  {what} {name}: missing")
            ok = False
            continue
        if got[name].shape != want[name].shape:
            print(f"  {what} {name}: shape {got[name].shape}, expected {want[name].shape}")
            ok = False
            continue
        g, w = got[name], want[name]
        if masks is not None and name in masks:
            left_out += int(np.sum(~masks[name]))
            scale = float(np.max(np.abs(w))) if w.size else 0.0
            g, w = g[masks[name]], w[masks[name]]
            diff = float(np.max(np.abs(g - w))) if w.size else 0.0
            rel = diff / scale if scale > 0 else diff
        else:
            rel, diff = rel_error(g, w)
        worst = max(worst, rel)
        if rel > tol:
            print(f"  {what} {name}: max abs {diff:.1e} max rel {rel:.1e} > {tol:g}  DIFFERS")
            ok = False
    kept = f", {left_out} elements with an ill-conditioned step left out" if masks is not None else ""
    print(f"  {what}: {len(names if names is not None else want)} arrays, max rel {worst:.1e} (tolerance {tol:g}){kept}"
          f"  {'ok' if ok else 'DIFFERS'}")
    return ok


def one_step(mod, params, grads):
    """The first step (t = 1, zero state) of the script's optimizer, in float64 numpy."""
    lr = mod.LEARNING_RATE
    out = {}
    for k, p in params.items():
        g = grads[k]
        if not hasattr(mod, "BETA1") and not hasattr(mod, "DECAY_RATE"):  # sgd
            out[k] = p - lr * g
        elif hasattr(mod, "BETA1"):  # adam
            m = (1 - mod.BETA1) * g
            v = (1 - mod.BETA2) * g * g
            out[k] = p - lr * (m / (1 - mod.BETA1)) / (np.sqrt(v / (1 - mod.BETA2)) + mod.EPSILON)
        else:  # adafactor at t = 1: rho = 0, so the moments are this step's
            g2 = g * g + mod.EPSILON1
            if g.ndim >= 2:
                vr, vc = g2.mean(axis=-1), g2.mean(axis=-2)
                v_hat = vr[..., :, None] * vc[..., None, :] / vr.mean(axis=-1)[..., None, None]
            else:
                v_hat = g2
            u = g / np.sqrt(v_hat)
            u = u / max(1.0, float(np.sqrt(np.mean(u * u))) / mod.CLIP_THRESHOLD)
            out[k] = p - lr * u
    return out


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "optimizer" and len(sys.argv) == 5:
        spec = importlib.util.spec_from_file_location("exported_train", sys.argv[2])
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        params = {k: v for k, v in load_dir(Path(sys.argv[3]) / "params").items() if k in mod.PARAM_NAMES}
        want = one_step(mod, params, load_dir(Path(sys.argv[4]) / "grads"))
        sys.exit(0 if compare(load_dir(Path(sys.argv[4]) / "final"), want, 1e-5, "params after one step") else 1)
    if cmd == "arrays" and len(sys.argv) in (5, 7):
        got = load_dir(sys.argv[2])
        masks = well_conditioned(load_dir(sys.argv[5]), float(sys.argv[6])) if len(sys.argv) == 7 else None
        want_dir = sys.argv[3]
        good = compare(got, load_dir(want_dir), float(sys.argv[4]), Path(want_dir).name, names=list(got), masks=masks)
        sys.exit(0 if good else 1)
    if cmd == "perturb" and len(sys.argv) == 7:
        data, grads, work, h, seed = Path(sys.argv[2]), load_dir(sys.argv[3]), Path(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
        rng = np.random.default_rng(seed)
        norm = lambda t: {k: v / np.sqrt(sum(float(np.sum(x * x)) for x in t.values())) for k, v in t.items()}
        directions = {"grad": norm(grads), "random": norm({k: rng.standard_normal(v.shape) for k, v in grads.items()})}
        expected = {}
        for label, d in directions.items():
            expected[label] = sum(float(np.sum(d[k] * grads[k])) for k in grads)
            for sign, name in ((1, "plus"), (-1, "minus")):
                out = work / f"{name}-{label}"
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir(parents=True)
                for sub in ("inputs", "random"):
                    for f in (data / sub).glob("*.npy"):
                        shutil.copy(f, out / f.name)
                for f in (data / "params").glob("*.npy"):
                    p = np.load(f)
                    np.save(out / f.name, (p + sign * h * d[f.stem]).astype(p.dtype) if f.stem in d else p)
        (work / "expected.json").write_text(json.dumps(expected))
        return
    if cmd == "directional" and len(sys.argv) == 4:
        work, h = Path(sys.argv[2]), float(sys.argv[3])
        expected = json.loads((work / "expected.json").read_text())
        ok = True
        for label, want in expected.items():
            loss = lambda name: float(np.load(work / f"{name}-{label}" / "out" / "reference" / "loss.npy"))
            fd = (loss("plus") - loss("minus")) / (2 * h)
            # |grad| bounds both derivatives; 0.1% of it covers f32 loss rounding and O(h^2) curvature at h = 2e-3
            tol = 1e-3 * abs(expected["grad"])
            good = abs(fd - want) <= tol
            ok = ok and good
            print(f"  along the {label} direction: finite difference {fd:.6f}, <jax.grad, d> {want:.6f}, "
                  f"|diff| {abs(fd - want):.1e} (tolerance {tol:.1e})  {'ok' if good else 'DIFFERS'}")
        sys.exit(0 if ok else 1)
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
