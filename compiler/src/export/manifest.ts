// The JSON description of an exported module's arguments and results: what a runner needs to place inputs.

import { shardingOf, type Module, type Value } from '../ir/module.js';
import { partitionSpec } from './export-sharding.js';
import type { DType } from '../ir/types.js';

/** numpy's names for our dtypes (bf16 through ml_dtypes, which jax installs). */
export const NUMPY_DTYPE: Readonly<Record<DType, string>> = {
  f32: 'float32', bf16: 'bfloat16', i32: 'int32', bool: 'bool',
};

export interface ManifestEntry {
  readonly name: string;
  readonly role: 'input' | 'param' | 'output';
  readonly dtype: string;
  readonly dims: string[];
  readonly shape: number[];
  /** Per dim, the mesh axes it is split over: a JAX PartitionSpec. */
  readonly spec: string[][];
}

export interface ExportManifest {
  readonly format: 'gshard-export-manifest/1';
  readonly model: string;
  readonly source: string;
  readonly mesh: {
    readonly name: string; readonly axes: { name: string; size: number }[]; readonly deviceIds: number[];
  };
  /** In the order of the StableHLO function's arguments: inputs, then params. */
  readonly arguments: ManifestEntry[];
  readonly results: ManifestEntry[];
}

export function exportManifest(m: Module, source: string): ExportManifest {
  const entry = (v: Value, role: ManifestEntry['role']): ManifestEntry => ({
    name: v.name, role, dtype: NUMPY_DTYPE[v.type.dtype],
    dims: v.type.dims.map((d) => d.name), shape: v.type.dims.map((d) => d.size),
    spec: partitionSpec(shardingOf(v), m.mesh),
  });
  return {
    format: 'gshard-export-manifest/1', model: m.name, source,
    mesh: { name: m.mesh.name, axes: m.mesh.axes.map((a) => ({ name: a.name, size: a.size })),
      deviceIds: [...m.mesh.deviceIds] },
    arguments: [...m.inputs.map((v) => entry(v, 'input')), ...m.params.map((v) => entry(v, 'param'))],
    results: m.outputs.map((v) => entry(v, 'output')),
  };
}
