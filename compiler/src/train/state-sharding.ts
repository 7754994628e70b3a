// Where optimizer state lives: like its parameter, or (ZeRO) also split over the data axes.

import type { Mesh } from '../ir/mesh.js';
import type { Module } from '../ir/module.js';
import { makeSharding, shardCount, usedAxes, type Sharding } from '../ir/sharding.js';
import type { StatePlacement } from './optimizer-settings.js';

const axisSize = (mesh: Mesh, a: string): number => mesh.axes.find((x) => x.name === a)?.size ?? 1;

/** The data axes: mesh axes (of size > 1) that split some dim of a model input, in mesh order. */
export function dataAxes(m: Module): string[] {
  const used = new Set(m.inputs.flatMap((v) => (v.sharding ? usedAxes(v.sharding) : [])));
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
