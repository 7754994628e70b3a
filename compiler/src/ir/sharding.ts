// The Sharding value (Shardy-like, axis-based): constructors, equality, per-device geometry, validation.

import { axisNames, axisSize, coordsOfDevice, type Mesh } from './mesh.js';
import { editDistance } from '../diag/typos.js';
import type { TensorType } from './types.js';
import { at } from '../util/checked.js';

/** How one tensor dim is split: mesh axes major->minor; closed = propagation may not add axes. */
export interface DimSharding { readonly axes: readonly string[]; readonly closed: boolean; readonly priority?: number }

/**
 * One sharding per tensor: a DimSharding per dim, axes explicitly replicated (propagation may never
 * use them), and axes `unreduced` (every device holds a partial sum pending a reduction over them).
 * Axes mentioned nowhere are implicitly replicated.
 */
export interface Sharding {
  readonly mesh: string;
  readonly dims: readonly DimSharding[];
  readonly replicated: readonly string[];
  readonly unreduced: readonly string[];
}

export type Severity = 'error' | 'warning';

export interface ShardingProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly dim?: number;
  readonly axis?: string;
  readonly suggestion?: string;
}

/** A dim given as just its axes is closed. */
export type DimShardingLike = DimSharding | readonly string[];

function meshName(mesh: Mesh | string): string {
  return typeof mesh === 'string' ? mesh : mesh.name;
}

/** A frozen list cannot change under us, so it is shared instead of copied. */
function frozenAxes(axes: readonly string[]): readonly string[] {
  return Object.isFrozen(axes) ? axes : Object.freeze([...axes]);
}

const NO_AXES: readonly string[] = Object.freeze([]);
/** Unsplit dims without a priority, shared by every sharding (most dims of most tensors are one of these). */
const UNSPLIT_CLOSED: DimSharding = Object.freeze({ axes: NO_AXES, closed: true });
const UNSPLIT_OPEN: DimSharding = Object.freeze({ axes: NO_AXES, closed: false });

function freezeDim(d: DimShardingLike): DimSharding {
  if (isAxisList(d)) return d.length === 0 ? UNSPLIT_CLOSED : Object.freeze({ axes: frozenAxes(d), closed: true });
  if (d.priority === undefined && d.axes.length === 0) return d.closed ? UNSPLIT_CLOSED : UNSPLIT_OPEN;
  if (Object.isFrozen(d) && Object.isFrozen(d.axes)) return d;
  const out: { axes: readonly string[]; closed: boolean; priority?: number } = {
    axes: frozenAxes(d.axes), closed: d.closed,
  };
  if (d.priority !== undefined) out.priority = d.priority;
  return Object.freeze(out);
}

function isAxisList(d: DimShardingLike): d is readonly string[] {
  return Array.isArray(d);
}

/** Every dim unsplit; closed (the default) pins it replicated, open lets propagation decide. */
export function replicatedSharding(mesh: Mesh | string, rank: number, closed = true): Sharding {
  return makeSharding(mesh, new Array<DimSharding>(rank).fill(closed ? UNSPLIT_CLOSED : UNSPLIT_OPEN));
}

/** Nothing known yet: every dim empty and open. */
export function openSharding(mesh: Mesh | string, rank: number): Sharding {
  return replicatedSharding(mesh, rank, false);
}

export function makeSharding(
  mesh: Mesh | string,
  dims: readonly DimShardingLike[],
  extra: { replicated?: readonly string[]; unreduced?: readonly string[] } = {},
): Sharding {
  return Object.freeze({
    mesh: meshName(mesh),
    dims: Object.freeze(dims.map(freezeDim)),
    replicated: extra.replicated?.length ? frozenAxes(extra.replicated) : NO_AXES,
    unreduced: extra.unreduced?.length ? frozenAxes(extra.unreduced) : NO_AXES,
  });
}

function listsEqual(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function setsEqual(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function dimShardingsEqual(a: DimSharding, b: DimSharding): boolean {
  return a.closed === b.closed && a.priority === b.priority && listsEqual(a.axes, b.axes);
}

/** Structural equality; replicated and unreduced compare as sets (their order carries no meaning). */
export function shardingsEqual(a: Sharding, b: Sharding): boolean {
  return a.mesh === b.mesh && a.dims.length === b.dims.length &&
    a.dims.every((d, i) => dimShardingsEqual(d, at(b.dims, i, 'b.dims'))) &&
    setsEqual(a.replicated, b.replicated) && setsEqual(a.unreduced, b.unreduced);
}

/** Product of the sizes of the axes on `dim` (unknown axes count as 1: validateSharding reports them). */
export function shardCount(s: Sharding, mesh: Mesh, dim: number): number {
  return (s.dims[dim]?.axes ?? []).reduce((p, a) => p * (axisSize(mesh, a) ?? 1), 1);
}

export function shardCounts(s: Sharding, mesh: Mesh): number[] {
  return s.dims.map((_, i) => shardCount(s, mesh, i));
}

/** Axes that split some dim, in dim order then major->minor (not replicated or unreduced ones). */
export function usedAxes(s: Sharding): string[] {
  return s.dims.flatMap((d) => d.axes);
}

/** True when every device holds the whole, fully reduced tensor. */
export function isFullyReplicated(s: Sharding): boolean {
  return s.dims.every((d) => d.axes.length === 0) && s.unreduced.length === 0;
}

/** True when propagation may still add axes to some dim. */
export function isOpen(s: Sharding): boolean {
  return s.dims.some((d) => !d.closed);
}

/** Mesh axes on which every device in a group holds the same data: neither splitting a dim nor unreduced. */
export function replicaAxes(s: Sharding, mesh: Mesh): string[] {
  const busy = new Set([...usedAxes(s), ...s.unreduced]);
  return axisNames(mesh).filter((a) => !busy.has(a));
}

/** Per-device shape: ceil(n / k) per dim (XLA pads the last tiles when k does not divide n). */
export function localShape(shape: readonly number[], s: Sharding, mesh: Mesh): number[] {
  return shape.map((n, i) => Math.ceil(n / shardCount(s, mesh, i)));
}

/** Fraction of the padded global buffer that is padding: 1 - prod(n) / prod(ceil(n/k) * k). */
export function paddingWaste(shape: readonly number[], s: Sharding, mesh: Mesh): number {
  const local = localShape(shape, s, mesh);
  const real = shape.reduce((p, n) => p * n, 1);
  const padded = local.reduce((p, n, i) => p * n * shardCount(s, mesh, i), 1);
  return padded === 0 ? 0 : 1 - real / padded;
}

/**
 * Index of the device's tile along each dim: its coordinates on that dim's axes read as a mixed-radix number, major
 * first.
 */
export function tileIndex(s: Sharding, mesh: Mesh, deviceId: number): number[] {
  const coords = coordsOfDevice(mesh, deviceId);
  const names = axisNames(mesh);
  return s.dims.map((d) => d.axes.reduce((idx, a) => {
    const k = names.indexOf(a);
    return k < 0 ? idx : idx * at(mesh.axes, k, 'mesh.axes').size + at(coords, k, 'coords');
  }, 0));
}

export interface DeviceTile { start: number[]; limit: number[]; padded: number[] }

/**
 * The slice of the global tensor a device holds, as XLA's TileOffsetForDevice / TileLimitForDevice:
 * start = min(i * ceil(n/k), n), limit = min((i+1) * ceil(n/k), n). A tile can be short or even empty
 * (start == limit) when k does not divide n; `padded` is the buffer size every device allocates.
 */
export function deviceTile(shape: readonly number[], s: Sharding, mesh: Mesh, deviceId: number): DeviceTile {
  const idx = tileIndex(s, mesh, deviceId);
  const padded = localShape(shape, s, mesh);
  return {
    start: shape.map((n, i) => Math.min(at(idx, i, 'idx') * at(padded, i, 'padded'), n)),
    limit: shape.map((n, i) => Math.min((at(idx, i, 'idx') + 1) * at(padded, i, 'padded'), n)),
    padded,
  };
}

/** Checks a sharding against a tensor type and a mesh: errors, plus warnings for uneven splits. */
export function validateSharding(s: Sharding, type: TensorType, mesh: Mesh): ShardingProblem[] {
  const problems: ShardingProblem[] = [];
  if (s.mesh !== mesh.name) {
    problems.push({ code: 'shard-mesh-mismatch', severity: 'error',
      message: `sharding is on mesh '${s.mesh}', but the mesh in scope is '${mesh.name}'` });
    return problems;
  }
  if (s.dims.length !== type.dims.length) {
    problems.push({ code: 'shard-rank-mismatch', severity: 'error',
      message: `sharding has ${s.dims.length} dims, but the tensor has rank ${type.dims.length} ` +
        `(${type.dims.map((d) => d.name).join(', ') || 'scalar'})` });
  }
  const names = axisNames(mesh);
  const firstUse = new Map<string, string>();
  const use = (axis: string, where: string, dim?: number): void => {
    if (!names.includes(axis)) {
      const suggestion = closestName(axis, names);
      problems.push({
        code: 'shard-unknown-axis', severity: 'error', axis, ...(dim !== undefined ? { dim } : {}),
        ...(suggestion ? { suggestion } : {}),
        message: `unknown mesh axis '${axis}' in ${where}; mesh '${mesh.name}' has axes ` +
          `${names.join(', ') || '(none)'}` +
          (suggestion ? `. Did you mean '${suggestion}'?` : ''),
      });
      return;
    }
    const prev = firstUse.get(axis);
    if (prev !== undefined) {
      problems.push({
        code: 'shard-axis-reused', severity: 'error', axis, ...(dim !== undefined ? { dim } : {}),
        message: `mesh axis '${axis}' is used in ${prev} and again in ${where}: an axis can shard at most one dim, ` +
          `once`,
      });
      return;
    }
    firstUse.set(axis, where);
  };
  s.dims.forEach((d, i) => {
    const dimName = type.dims[i]?.name ?? `#${i}`;
    for (const a of d.axes) use(a, `dim ${dimName}`, i);
  });
  for (const a of s.replicated) use(a, 'replicated');
  for (const a of s.unreduced) use(a, 'unreduced');
  s.dims.forEach((d, i) => {
    const dim = type.dims[i];
    if (!dim) return;
    const k = d.axes.reduce((p, a) => p * (axisSize(mesh, a) ?? 1), 1);
    if (k > 1 && dim.size % k !== 0) {
      const per = Math.ceil(dim.size / k);
      const waste = 1 - dim.size / (per * k);
      problems.push({ code: 'shard-uneven', severity: 'warning', dim: i,
        message: `dim ${dim.name} of size ${dim.size} split ${k} ways: ${per} per shard, ` +
          `${(waste * 100).toFixed(1)}% padding` });
    }
  });
  return problems;
}

/** The closest name within one edit per three characters (at least one): for did-you-mean. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    const d = editDistance(name, c, limit);
    if (d < bestD) { best = c; bestD = d; }
  }
  return best;
}


/** What a parser or converter returns: a sharding, or the one problem that stopped it. */
export type ShardingResult =
  | { readonly sharding: Sharding; readonly problem?: undefined }
  | { readonly sharding?: undefined; readonly problem: ShardingProblem };

export function shardingError(code: string, message: string): ShardingResult {
  return { problem: { code, severity: 'error', message } };
}
