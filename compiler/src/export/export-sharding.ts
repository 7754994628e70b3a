// The sharding an exported value carries: our propagated sharding as a fixed layout, in Shardy, GSPMD or JAX form.

import type { Mesh } from '../ir/mesh.js';
import { makeSharding, type Sharding } from '../ir/sharding.js';
import { toShardyTensorSharding } from '../sharding/shardy-text.js';
import { toXlaSharding } from '../sharding/xla-text.js';

export type ShardingForm = 'shardy' | 'gspmd';

/**
 * What we hand to XLA is the layout the user designed and checked, not a hint: every dim closed (so
 * XLA's propagation may not split it further), no priorities, and no axis of size 1 (it splits
 * nothing). Explicitly replicated axes add nothing once every dim is closed. Unreduced axes are
 * dropped: an exported value is always the fully reduced tensor, and where a partial sum is
 * reduced is XLA's own decision.
 */
export function exportedSharding(s: Sharding, mesh: Mesh): Sharding {
  const big = (a: string): boolean => (mesh.axes.find((m) => m.name === a)?.size ?? 1) > 1;
  return makeSharding(mesh, s.dims.map((d) => d.axes.filter(big)));
}

/** `#sdy.sharding<@mesh, [{"x"}, {}]>` */
export function shardyAttr(s: Sharding, mesh: Mesh): string {
  return `#sdy.sharding${toShardyTensorSharding(exportedSharding(s, mesh))}`;
}

/** The HloSharding string, e.g. `{devices=[8,1]<=[8]}`, quoted for an MLIR string attribute. */
export function gspmdAttr(s: Sharding, mesh: Mesh): string {
  return JSON.stringify(toXlaSharding(exportedSharding(s, mesh), mesh));
}

/** The discardable attribute a function argument or result carries. */
export function argShardingAttr(s: Sharding, mesh: Mesh, form: ShardingForm): string {
  return form === 'shardy' ? `sdy.sharding = ${shardyAttr(s, mesh)}` : `mhlo.sharding = ${gspmdAttr(s, mesh)}`;
}

/** Per dim, the mesh axes (major to minor); what a JAX PartitionSpec lists. */
export function partitionSpec(s: Sharding, mesh: Mesh): string[][] {
  return exportedSharding(s, mesh).dims.map((d) => [...d.axes]);
}

/** `P("x", None, ("a", "b"))` as Python source. */
export function partitionSpecPython(spec: readonly (readonly string[])[]): string {
  const entry = (axes: readonly string[]): string =>
    axes.length === 0 ? 'None' : axes.length === 1 ? JSON.stringify(axes[0])
      : `(${axes.map((a) => JSON.stringify(a)).join(', ')})`;
  return `P(${spec.map(entry).join(', ')})`;
}
