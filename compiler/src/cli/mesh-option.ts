// `--mesh SPEC`: `x=8`, `data=2,model=4`, or a full mesh text (`tpu_v3 [x = 8] chips [2, 2]`).
// Without a kind, the mesh is a TPU-v3 slice when it has an even number of devices (up to a pod).

import { makeMesh, parseMeshText, MAX_TPU_V3_CORES, type Mesh, type MeshAxis } from '../ir/mesh.js';
import { flagString, flagStrings, UsageError, type ParsedArgs } from './args.js';
import type { LowerOptions } from '../lower/lower.js';
import { at } from '../util/checked.js';

export function parseMeshOption(spec: string): Mesh {
  const full = /[[\]]/.test(spec) ? parseMeshText(spec, 'mesh') : undefined;
  if (full && 'error' in full) throw new UsageError(`--mesh: ${full.error}`);
  let built;
  if (full) built = makeMesh(full);
  else {
    const axes: MeshAxis[] = [];
    for (const part of spec.split(',')) {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\d+)\s*$/.exec(part);
      if (!m) throw new UsageError(`--mesh expects axes like 'x=8' or 'data=2,model=4', not '${spec}'`);
      const [, name = '', size] = m; // group 1 always matches when the pattern does
      axes.push({ name, size: Number(size) });
    }
    const n = axes.reduce((p, a) => p * a.size, 1);
    built = makeMesh({ name: 'mesh', kind: (n === 1 || n % 2 === 0) && n <= MAX_TPU_V3_CORES ? 'tpu_v3' : 'plain',
      axes });
  }
  if (!built.mesh) throw new UsageError(`--mesh ${spec}: ${built.problems.map((p) => p.message).join('; ')}`);
  return built.mesh;
}

/**
 * `--dim B=16 --dim L=128` (or `--dim B=16,L=128`): sizes that replace the file's dim declarations.
 * Only the form is checked here; the lowering names a dim the file lacks or a size that is not valid.
 */
export function parseDimOptions(values: readonly string[]): Map<string, number> {
  const dims = new Map<string, number>();
  for (const value of values) {
    for (const part of value.split(',')) {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
      if (!m) throw new UsageError(`--dim expects NAME=SIZE like 'B=16' or 'B=16,L=128', not '${value}'`);
      if (dims.has(at(m, 1, 'm'))) throw new UsageError(`--dim ${m[1]} is given twice`);
      dims.set(at(m, 1, 'm'), Number(m[2]));
    }
  }
  return dims;
}

/** The lowering options every command takes from `--entry MODEL`, `--mesh SPEC` and `--dim NAME=SIZE`. */
export function lowerOptionsOf(args: ParsedArgs): LowerOptions {
  const entry = flagString(args, 'entry');
  const mesh = flagString(args, 'mesh');
  const dims = parseDimOptions(flagStrings(args, 'dim'));
  return {
    ...(entry ? { entry } : {}), ...(mesh ? { meshOverride: parseMeshOption(mesh) } : {}),
    ...(dims.size ? { dimOverrides: dims } : {}),
  };
}
