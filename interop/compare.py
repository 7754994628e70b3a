#!/usr/bin/env python3
"""Checks for the interop test (scripts/interop-test.js): outputs against expected .npy files, and
the collectives in compiled HLO text.

    python3 interop/compare.py outputs GOT_DIR WANT_DIR NAME...   # exit 1 if any output differs
    python3 interop/compare.py collectives HLO_FILE               # prints {"all-to-all": 2, ...} as JSON

Outputs compare as `gshard run` does: f32 within 1e-5 of the expected output's scale (its largest
magnitude), bf16 within 2^-7, integers exactly.
"""
import json
import re
import sys
from pathlib import Path

import numpy as np

TOLERANCE = {"float32": 1e-5, "bfloat16": 2.0 ** -7}

# An HLO instruction line: `%name = TYPE opcode(`; async collectives count once, by their -start.
COLLECTIVE = re.compile(r"^\s*(?:ROOT\s+)?%\S+ = .*? (all-to-all|all-gather|all-reduce|reduce-scatter|collective-permute|ragged-all-to-all)(?:-start)?\(")


def compare_outputs(got_dir, want_dir, names):
    ok = True
    for name in names:
        got = np.load(Path(got_dir) / f"{name}.npy")
        want = np.load(Path(want_dir) / f"{name}.npy")
        if got.shape != want.shape:
            print(f"  {name}: shape {got.shape}, expected {want.shape}  DIFFERS")
            ok = False
            continue
        diff = float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64)))) if got.size else 0.0
        scale = float(np.max(np.abs(want.astype(np.float64)))) if want.size else 0.0
        rel = diff / scale if scale > 0 else diff
        tol = TOLERANCE.get(str(want.dtype), 0.0)
        good = rel <= tol
        ok = ok and good
        print(f"  {name}: {want.dtype}{list(want.shape)} max abs {diff:.1e} max rel {rel:.1e} (tolerance {tol:g})  {'ok' if good else 'DIFFERS'}")
    return ok


def collectives(hlo_file):
    counts = {}
    for line in Path(hlo_file).read_text().splitlines():
        m = COLLECTIVE.match(line)
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "outputs":
        sys.exit(0 if compare_outputs(sys.argv[2], sys.argv[3], sys.argv[4:]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "collectives":
        print(json.dumps(collectives(sys.argv[2]), sort_keys=True))
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
