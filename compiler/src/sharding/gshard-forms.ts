// GShard's annotation forms (replicate, split(dim, n), shard(device_assignment)) to and from Sharding.
//
// GShard's forms say where data lives, nothing more: they have no open dims, priorities, explicit
// replicated axes or pending partial sums. So the conversion is lossless for data placement, and
// the two things GShard cannot say are carried beside the form:
//  - partial replication: `shard` gets one extra trailing dimension whose devices hold the same
//    tile (exactly GSPMD's last_tile_dim_replicate, the extension GSPMD made to GShard's shard);
//  - unreduced axes: listed in `unreduced`; GShard itself never stores a partial sum (its einsum
//    emits the AllReduce at once), so a form with unreduced axes is for display and round trips.
// `split(d, n)` follows GShard's rule "partition i goes on device i"; with n smaller than the device
// count, partition i is held by the block of devices [i*N/n, (i+1)*N/n), as in GSPMD's iota form.

import type { TensorType } from '../ir/types.js';
import { iota, meshSize, meshToString, type Mesh } from '../ir/mesh.js';
import { makeSharding, shardingError, type Sharding, type ShardingResult } from '../ir/sharding.js';
import { axesOfTileAssignment, permutationError, tileAssignmentOfGroups } from './tile-assignment.js';
import { at } from '../util/checked.js';

/** A nested array of device ids (a number for rank 0). */
export type NestedInts = number | readonly NestedInts[];

export type GShardForm =
  | { readonly kind: 'replicate'; readonly unreduced: readonly string[]; readonly notes: readonly string[] }
  | {
    readonly kind: 'split'; readonly dim: number; readonly partitions: number;
    readonly unreduced: readonly string[]; readonly notes: readonly string[];
  }
  | {
    readonly kind: 'shard';
    /** Rank of the tensor, plus one trailing replica dimension when `replicaLast`. */
    readonly deviceAssignment: NestedInts;
    readonly replicaLast: boolean;
    readonly unreduced: readonly string[];
    readonly notes: readonly string[];
  };

const REPLICA_NOTE =
  'the last dimension of the device assignment is a replica group: GShard\'s shard() has no partial replication, ' +
  'so this is GSPMD\'s partial tiling (last_tile_dim_replicate)';
const UNREDUCED_NOTE =
  'unreduced axes are a pending partial sum, which GShard never stores (its einsum all-reduces at once)';

/** The simplest GShard form that places the data as `s` does. */
export function toGShardForm(s: Sharding, type: TensorType, mesh: Mesh): GShardForm {
  const big = (a: string): boolean => (mesh.axes.find((m) => m.name === a)?.size ?? 1) > 1;
  const dims = s.dims.map((d) => d.axes.filter(big));
  const unreduced = s.unreduced.filter(big);
  const notes = unreduced.length > 0 ? [UNREDUCED_NOTE] : [];
  const split = dims.flatMap((axes, i) => (axes.length > 0 ? [i] : []));
  if (split.length === 0) return { kind: 'replicate', unreduced, notes };
  const busy = new Set(dims.flat());
  const rest = mesh.axes.filter((a) => a.size > 1 && !busy.has(a.name)).map((a) => a.name);
  const groups = rest.length > 0 ? [...dims, rest] : dims;
  const ta = tileAssignmentOfGroups(mesh, groups);
  const [dim] = split;
  if (split.length === 1 && dim !== undefined && ta.devices.every((d, i) => d === i)) {
    return { kind: 'split', dim, partitions: at(ta.shape, dim, 'tile assignment shape'), unreduced, notes };
  }
  const replicaLast = rest.length > 0;
  return {
    kind: 'shard', deviceAssignment: nest(ta.devices, ta.shape), replicaLast, unreduced,
    notes: replicaLast ? [REPLICA_NOTE, ...notes] : notes,
  };
}

/** `replicate`, `split(G, 8)`, `shard([[0, 1], [2, 3]])`. */
export function gshardFormToString(form: GShardForm, type: TensorType): string {
  const suffix = form.unreduced.length > 0 ? ` unreduced(${form.unreduced.join(', ')})` : '';
  switch (form.kind) {
    case 'replicate': return `replicate${suffix}`;
    case 'split': return `split(${type.dims[form.dim]?.name ?? form.dim}, ${form.partitions})${suffix}`;
    case 'shard': return `shard(${nestedToString(form.deviceAssignment)})${suffix}`;
  }
}

/** Back to a Sharding (closed dims). */
export function fromGShardForm(form: GShardForm, type: TensorType, mesh: Mesh): ShardingResult {
  const withUnreduced = (r: ShardingResult): ShardingResult => (r.problem || form.unreduced.length === 0 ? r
    : { sharding: makeSharding(mesh, r.sharding.dims, { unreduced: form.unreduced }) });
  switch (form.kind) {
    case 'replicate': return { sharding: makeSharding(mesh, type.dims.map(() => []), { unreduced: form.unreduced }) };
    case 'split': return withUnreduced(fromSplit(type, form.dim, form.partitions, mesh));
    case 'shard': return fromDeviceAssignment(type, form.deviceAssignment, mesh, { unreduced: form.unreduced });
  }
}

/** The partition counts `split` can use on this mesh: products of its leading axes. */
export function splitCounts(mesh: Mesh): number[] {
  const out: number[] = [];
  let p = 1;
  for (const a of mesh.axes) { p *= a.size; if (!out.includes(p)) out.push(p); }
  return out.length > 0 ? out : [1];
}

/** `split(dim, n)`: partition i on device block i; n must be a product of leading mesh axes. */
export function fromSplit(type: TensorType, dim: number | string, n: number, mesh: Mesh): ShardingResult {
  const d = typeof dim === 'number' ? dim : type.dims.findIndex((x) => x.name === dim);
  const dimName = type.dims[d]?.name;
  if (dimName === undefined) {
    const why = typeof dim === 'number' ? `dim ${dim} is out of range for rank ${type.dims.length}`
      : `no dim named '${dim}' in ${type.dtype}[${type.dims.map((x) => x.name).join(', ')}]`;
    return shardingError('shard-split-dim', `split(${dim}, ${n}): ${why}`);
  }
  const total = meshSize(mesh);
  if (n === 1) return { sharding: makeSharding(mesh, type.dims.map(() => [])) };
  if (!splitCounts(mesh).includes(n)) {
    const options = splitCounts(mesh).filter((c) => c > 1);
    return shardingError('shard-split-count',
      `split(${dimName}, ${n}) needs ${n} partitions, which must be a product of leading mesh axes of ` +
      `${meshAxesText(mesh)}: ${options.join(' or ')}`);
  }
  const shape = type.dims.map((_, i) => (i === d ? n : 1));
  if (total > n) shape.push(total / n);
  const found = axesOfTileAssignment(mesh, { shape, devices: iota(total) }, total > n);
  if ('error' in found) {
    return shardingError('shard-assignment-not-on-mesh',
      `split(${dimName}, ${n}) puts partition i on devices [i*${total / n}, (i+1)*${total / n}), which is not a ` +
      `split of mesh ${mesh.name} ${meshToString(mesh)} over its axes (its device order is not iota); use ` +
      `shard(...) or an axis annotation`);
  }
  return { sharding: makeSharding(mesh, found.groups.slice(0, type.dims.length)) };
}

/**
 * `shard(device_assignment)`: a nested array of the tensor's rank (every device one tile), or of rank+1
 * whose last dimension lists the devices holding the same tile. Axes in that replica dimension named in
 * `unreduced` become unreduced; the rest are replicated.
 */
export function fromDeviceAssignment(
  type: TensorType, assignment: NestedInts, mesh: Mesh, opts: { unreduced?: readonly string[] } = {},
): ShardingResult {
  const flat = flatten(assignment);
  if (!flat) {
    return shardingError('shard-assignment-shape',
      `device assignment ${nestedToString(assignment)} is not a rectangular array of integers`);
  }
  const { shape, devices } = flat;
  const rank = type.dims.length;
  if (shape.length !== rank && shape.length !== rank + 1) {
    return shardingError('shard-assignment-shape',
      `device assignment has rank ${shape.length}; ${type.dtype}[${type.dims.map((x) => x.name).join(', ')}] needs ` +
      `${rank} (or ${rank + 1} with a trailing replica dimension)`);
  }
  const total = meshSize(mesh);
  if (devices.length !== total) {
    return shardingError('shard-assignment-shape',
      `device assignment [${shape.join(', ')}] places ${devices.length} devices; mesh ${mesh.name} has ${total}, ` +
      `and every device must hold a tile (add a trailing replica dimension for partial replication)`);
  }
  const perr = permutationError(devices, mesh);
  if (perr) return shardingError('shard-assignment-not-permutation', `device assignment: ${perr}`);
  const found = axesOfTileAssignment(mesh, { shape, devices }, shape.length > rank);
  if ('error' in found) {
    return shardingError('shard-assignment-not-on-mesh',
      `device assignment ${nestedToString(assignment)}: ${found.error} ${meshToString(mesh)}`);
  }
  const replica = shape.length > rank ? at(found.groups, rank, 'found.groups') : [];
  const unreduced = (opts.unreduced ?? []).filter((a) => replica.includes(a));
  return { sharding: makeSharding(mesh, found.groups.slice(0, rank), { unreduced }) };
}

/** `tpu [x = 4, y = 4]`: the mesh by name and axes, for messages. */
function meshAxesText(mesh: Mesh): string {
  return `${mesh.name} [${mesh.axes.map((a) => `${a.name} = ${a.size}`).join(', ')}]`;
}

function nest(flat: readonly number[], shape: readonly number[]): NestedInts {
  const [head, ...tail] = shape;
  if (head === undefined) return at(flat, 0, 'the one device of a rank-0 assignment');
  const step = flat.length / head;
  return Array.from({ length: head }, (_, i) => nest(flat.slice(i * step, (i + 1) * step), tail));
}

function flatten(a: NestedInts): { shape: number[]; devices: number[] } | undefined {
  if (typeof a === 'number') return Number.isInteger(a) ? { shape: [], devices: [a] } : undefined;
  if (a.length === 0) return undefined;
  const parts: { shape: number[]; devices: number[] }[] = [];
  for (const x of a) {
    const p = flatten(x);
    if (!p) return undefined;
    parts.push(p);
  }
  const first = at(parts, 0, 'parts').shape;
  if (parts.some((p) => p.shape.length !== first.length || p.shape.some((s, i) => s !== first[i]))) return undefined;
  return { shape: [a.length, ...first], devices: parts.flatMap((p) => p.devices) };
}

export function nestedToString(a: NestedInts): string {
  return typeof a === 'number' ? String(a) : `[${a.map(nestedToString).join(', ')}]`;
}
