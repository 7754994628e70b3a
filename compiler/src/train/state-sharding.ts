// Where optimizer state lives: like its parameter, or (ZeRO) also split over the data axes.

import type { Mesh } from '../ir/mesh.js';
import type { Module, Value } from '../ir/module.js';
import type { TensorType } from '../ir/types.js';
import { makeSharding, shardCount, usedAxes, type Sharding } from '../ir/sharding.js';

/**
 * `param`: each state tensor is sharded like its parameter (the default). `data`: ZeRO-style, the state
 * is also split over the data axes (those the batch is split on and the parameter is not), so the
 * gradient reduction becomes a reduce-scatter and the updated parameter is all-gathered.
 */
export type StatePlacement = 'param' | 'data';

const axisSize = (mesh: Mesh, a: string): number => mesh.axes.find((x) => x.name === a)?.size ?? 1;

/** The data axes: mesh axes (of size > 1) that split some dim of a model input, in mesh order. */
export function dataAxes(m: Module): string[] {
  const used = new Set(m.inputs.flatMap((v) => {
    const s = v.sharding ?? v.annotation;
    return s ? usedAxes(s) : [];
  }));
  return m.mesh.axes.filter((a) => a.size > 1 && used.has(a.name)).map((a) => a.name);
}

/**
 * The sharding of a state tensor shaped like the parameter (`shape`, `sharding`). Under `data`, the data
 * axes the parameter does not already use are added (minor) to the dim with the largest local size that
 * they divide evenly, so every device keeps 1/k of the state; a parameter no dim of which they divide
 * keeps its own sharding (reported by the caller as not sharded).
 */
export function stateSharding(
  shape: readonly number[], sharding: Sharding, mesh: Mesh, placement: StatePlacement, data: readonly string[],
): Sharding {
  const dims = sharding.dims.map((d) => [...d.axes]);
  const plain = makeSharding(mesh, dims);
  if (placement === 'param') return plain;
  const taken = new Set(usedAxes(sharding));
  const extra = data.filter((a) => !taken.has(a));
  const k = extra.reduce((p, a) => p * axisSize(mesh, a), 1);
  if (k === 1) return plain;
  let best = -1;
  let bestLocal = 0;
  shape.forEach((n, i) => {
    const shards = shardCount(sharding, mesh, i);
    if (n % (shards * k) !== 0) return;
    const local = n / shards;
    if (local > bestLocal) { best = i; bestLocal = local; }
  });
  if (best < 0) return plain;
  return makeSharding(mesh, dims.map((axes, i) => (i === best ? [...axes, ...extra] : axes)));
}

/** `s` (a sharding of a `from`-typed tensor) on a tensor with a subset of its dims, matched by name. */
export function shardingOnDims(s: Sharding, from: TensorType, to: TensorType): Sharding {
  const names = from.dims.map((d) => d.name);
  return makeSharding(s.mesh, to.dims.map((d) => {
    const i = names.indexOf(d.name);
    const dim = i >= 0 ? s.dims[i] : undefined;
    return dim ?? [];
  }));
}

/**
 * The annotations a parameter's training values take from its own (none when it has none: propagation
 * decides): its gradient and each state tensor (restricted to the state's dims), both split over the data
 * axes under `data`. The updated parameter keeps the parameter's annotation.
 */
export function trainingAnnotations(
  p: Value, stateTypes: readonly TensorType[], mesh: Mesh, placement: StatePlacement, data: readonly string[],
): { grad?: Sharding; state: (Sharding | undefined)[] } {
  const a = p.annotation;
  if (!a) return { state: stateTypes.map(() => undefined) };
  const full = placement === 'param' ? a : stateSharding(p.type.dims.map((d) => d.size), a, mesh, placement, data);
  return { grad: full, state: stateTypes.map((t) => shardingOnDims(full, p.type, t)) };
}
