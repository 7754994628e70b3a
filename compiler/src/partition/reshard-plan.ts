// Pure planning of a reshard: the steps that take a tensor from one sharding to another, in XLA's
// order of preference (collective permute, all-to-all, local slice, all-gather), with an
// "all-gather then slice" fallback that is reported as a full rematerialization.
//
// Shardings are compared per dim as axis lists (major to minor). Uneven dims are padded to
// ceil(n / shards) per device; a move is used only when the tiles before and after line up.

import { axisSize, meshSize, type Mesh } from '../ir/mesh.js';
import { tileIndex, type Sharding } from '../ir/sharding.js';
import { coordsOfDevice, axisNames } from '../ir/mesh.js';
import { at } from '../util/checked.js';

export type ReshardStep =
  | { kind: 'all_to_all'; axes: string[]; splitDim: number; concatDim: number }
  | { kind: 'dynamic_slice'; axes: string[]; dim: number }
  | { kind: 'all_gather'; axes: string[]; dim: number }
  | { kind: 'collective_permute'; pairs: [number, number][] };

export interface ReshardPlan {
  readonly steps: ReshardStep[];
  /** True when the fallback (gather the mismatched dims whole, then slice) was needed. */
  readonly fullRemat: boolean;
}

/** Per-dim axes, the only part of a sharding that decides where data lives. */
export type Layout = string[][];

export function layoutOf(s: Sharding): Layout {
  return s.dims.map((d) => [...d.axes]);
}

export function layoutsEqual(a: Layout, b: Layout): boolean {
  return a.length === b.length && a.every((d, i) => d.length === at(b, i, 'b').length
    && d.every((x, j) => x === at(b, i, 'b')[j]));
}

const product = (mesh: Mesh, axes: readonly string[]) => axes.reduce((n, a) => n * (axisSize(mesh, a) ?? 1), 1);

/** Plans from -> to for a tensor with global `shape`. Both layouts are valid (no axis twice). */
export function planReshard(mesh: Mesh, shape: readonly number[], from: Layout, to: Layout): ReshardPlan {
  if (layoutsEqual(from, to)) return { steps: [], fullRemat: false };
  const permute = permutePlan(mesh, from, to);
  if (permute) {
    // Every device already holds its target tile (e.g. the layouts differ only by a size-1 axis).
    if (permute.kind === 'collective_permute' && permute.pairs.every(([a, b]) => a === b)) {
      return { steps: [], fullRemat: false };
    }
    return { steps: [permute], fullRemat: false };
  }
  const cur: Layout = from.map((d) => [...d]);
  const steps: ReshardStep[] = [];
  for (let guard = 0; guard < 64 && !layoutsEqual(cur, to); guard++) {
    const step = allToAllMove(mesh, shape, cur, to) ?? sliceMove(mesh, shape, cur, to) ?? gatherMove(mesh, shape, cur,
      to);
    if (!step) break;
    apply(cur, step);
    steps.push(step);
  }
  if (layoutsEqual(cur, to)) return { steps, fullRemat: false };
  // Fallback: gather every dim that still differs to full size, then slice what `to` wants.
  for (let d = 0; d < cur.length; d++) {
    const [c, t] = dimOf(cur, to, d);
    if (sameAxes(c, t)) continue;
    if (c.length > 0) {
      steps.push({ kind: 'all_gather', axes: [...c], dim: d });
      cur[d] = [];
    }
  }
  for (let d = 0; d < cur.length; d++) {
    const [c, t] = dimOf(cur, to, d);
    if (t.length > 0 && c.length === 0) {
      steps.push({ kind: 'dynamic_slice', axes: [...t], dim: d });
      cur[d] = [...t];
    }
  }
  return { steps, fullRemat: true };
}

/** Dim d's axes in the current and the wanted layout (both have one entry per dim of the tensor). */
function dimOf(cur: Layout, to: Layout, d: number): [readonly string[], readonly string[]] {
  return [at(cur, d, 'current layout'), at(to, d, 'wanted layout')];
}

function sameAxes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function apply(cur: Layout, step: ReshardStep): void {
  const axesOf = (d: number) => at(cur, d, 'current layout');
  switch (step.kind) {
    case 'all_to_all': {
      const concat = axesOf(step.concatDim);
      cur[step.concatDim] = concat.slice(0, concat.length - step.axes.length);
      cur[step.splitDim] = [...axesOf(step.splitDim), ...step.axes];
      break;
    }
    case 'dynamic_slice':
      cur[step.dim] = [...axesOf(step.dim), ...step.axes];
      break;
    case 'all_gather': {
      const axes = axesOf(step.dim);
      cur[step.dim] = axes.slice(0, axes.length - step.axes.length);
      break;
    }
    case 'collective_permute':
      break;
  }
}

/** Gathering the suffix `axes` of dim d lines up when the split was even, or when d ends unsplit. */
export function gatherAligned(mesh: Mesh, n: number, before: readonly string[], removed: number): boolean {
  const k = product(mesh, before);
  return n % k === 0 || before.length === removed;
}

/** Slicing dim d further by `added` lines up when the finer split is even, or d was unsplit. */
export function sliceAligned(mesh: Mesh, n: number, before: readonly string[], added: readonly string[]): boolean {
  return before.length === 0 || n % (product(mesh, before) * product(mesh, added)) === 0;
}

/** An axis that is minor-most on dim i and next wanted on dim j moves with one all-to-all. */
function allToAllMove(mesh: Mesh, shape: readonly number[], cur: Layout, to: Layout): ReshardStep | undefined {
  for (let i = 0; i < cur.length; i++) {
    const [ci, ti] = dimOf(cur, to, i);
    const axis = ci[ci.length - 1];
    if (axis === undefined) continue;
    if (ti.length >= ci.length && ti[ci.length - 1] === axis && sameAxes(ti.slice(0, ci.length), ci)) continue;
    for (let j = 0; j < cur.length; j++) {
      if (j === i) continue;
      const [cj, tj] = dimOf(cur, to, j);
      const next = tj[cj.length];
      if (next !== axis || !sameAxes(tj.slice(0, cj.length), cj)) continue;
      if (!gatherAligned(mesh, at(shape, i, 'shape'), ci, 1) || !sliceAligned(mesh, at(shape, j, 'shape'), cj,
        [axis])) {
        continue;
      }
      return { kind: 'all_to_all', axes: [axis], splitDim: j, concatDim: i };
    }
  }
  return undefined;
}

function sliceMove(mesh: Mesh, shape: readonly number[], cur: Layout, to: Layout): ReshardStep | undefined {
  const used = new Set(cur.flat());
  for (let d = 0; d < cur.length; d++) {
    const [c, t] = dimOf(cur, to, d);
    if (t.length <= c.length || !sameAxes(t.slice(0, c.length), c)) continue;
    const added = t.slice(c.length);
    if (added.some((a) => used.has(a))) continue;
    if (!sliceAligned(mesh, at(shape, d, 'shape'), c, added)) continue;
    return { kind: 'dynamic_slice', axes: added, dim: d };
  }
  return undefined;
}

function gatherMove(mesh: Mesh, shape: readonly number[], cur: Layout, to: Layout): ReshardStep | undefined {
  for (let d = 0; d < cur.length; d++) {
    const [c, t] = dimOf(cur, to, d);
    // Keep the longest common prefix with the target; gather the rest of this dim's axes.
    let keep = 0;
    while (keep < c.length && keep < t.length && c[keep] === t[keep]) keep++;
    if (keep === c.length) continue;
    const removed = c.slice(keep);
    if (!gatherAligned(mesh, at(shape, d, 'shape'), c, removed.length)) continue;
    return { kind: 'all_gather', axes: removed, dim: d };
  }
  return undefined;
}

/**
 * Same axes per dim in another order (e.g. [(x, y)] -> [(y, x)]): the tiles are the same sizes on
 * other devices, so one collective permute moves them. Returns undefined otherwise.
 */
function permutePlan(mesh: Mesh, from: Layout, to: Layout): ReshardStep | undefined {
  const sameSets = from.every((d, i) => {
    const t = at(to, i, 'wanted layout');
    return d.length === t.length && d.every((a) => t.includes(a));
  });
  if (!sameSets) return undefined;
  const fromS = { mesh: mesh.name, dims: from.map((axes) => ({ axes, closed: true })), replicated: [], unreduced: [] };
  const toS = { mesh: mesh.name, dims: to.map((axes) => ({ axes, closed: true })), replicated: [], unreduced: [] };
  const used = new Set(from.flat());
  const names = axisNames(mesh);
  const key = (tile: number[], coords: number[]) =>
    `${tile.join(',')}|${names.map((a, i) => (used.has(a) ? '' : coords[i])).join(',')}`;
  const holder = new Map<string, number>();
  for (let p = 0; p < meshSize(mesh); p++) {
    const dev = at(mesh.deviceIds, p, 'mesh.deviceIds');
    holder.set(key(tileIndex(fromS, mesh, dev), coordsOfDevice(mesh, dev)), dev);
  }
  const pairs: [number, number][] = [];
  for (let p = 0; p < meshSize(mesh); p++) {
    const dev = at(mesh.deviceIds, p, 'mesh.deviceIds');
    const src = holder.get(key(tileIndex(toS, mesh, dev), coordsOfDevice(mesh, dev)));
    if (src === undefined) return undefined;
    // Pairs that stay put are kept: a device that receives nothing would get zeros.
    pairs.push([src, dev]);
  }
  return { kind: 'collective_permute', pairs };
}
