// XLA HloSharding text (`{devices=[2,1,2]0,1,2,3 last_tile_dim_replicate}`, iota `<=[8,4]T(1,0)`) to and from Sharding.

import { meshSize, type Mesh } from '../ir/mesh.js';
import {
  makeSharding, replicaAxes, replicatedSharding, shardingError, type Sharding, type ShardingResult,
} from '../ir/sharding.js';
import {
  axesOfTileAssignment, expandIota, iotaFormOf, iotaFormToString, permutationError, tileAssignmentOfGroups,
} from './tile-assignment.js';
import { at } from '../util/checked.js';

/**
 * The GSPMD tile assignment of a sharding plus XLA's trailing subgroup dims (unreduced first, then replicated, as XLA
 * orders them).
 */
export function xlaTileAssignment(s: Sharding,
  mesh: Mesh): { shape: number[]; devices: number[]; subgroups: ('unreduced' | 'replicated')[] } {
  const size = (axes: readonly string[]): number => axes.reduce((p, a) => p * (mesh.axes.find((m) => m.name === a)?.size
    ?? 1), 1);
  const groups: string[][] = s.dims.map((d) => [...d.axes]);
  const subgroups: ('unreduced' | 'replicated')[] = [];
  const unreduced = s.unreduced.filter((a) => size([a]) > 1);
  const replica = replicaAxes(s, mesh).filter((a) => size([a]) > 1);
  if (unreduced.length > 0) { groups.push(unreduced); subgroups.push('unreduced'); }
  if (replica.length > 0) { groups.push(replica); subgroups.push('replicated'); }
  const ta = tileAssignmentOfGroups(mesh, groups);
  return { shape: [...ta.shape], devices: [...ta.devices], subgroups };
}

/**
 * `{replicated}`, `{unreduced}` (every dim whole, every device a partial sum), or
 * `{devices=[tiles..., subgroups...]LIST[ last_tile_dim_replicate | last_tile_dims={unreduced[, replicated]}]}`
 * where LIST is XLA's iota form whenever the device list has one, else the explicit ids.
 */
export function toXlaSharding(s: Sharding, mesh: Mesh): string {
  const { shape, devices, subgroups } = xlaTileAssignment(s, mesh);
  const tiled = shape.slice(0, s.dims.length).some((t) => t > 1);
  if (!tiled && subgroups.length === 0) return '{replicated}';
  if (!tiled && subgroups.length === 1 && subgroups[0] === 'unreduced') return '{unreduced}';
  if (!tiled && subgroups.length === 1) return '{replicated}';
  const iota = iotaFormOf(devices);
  const list = iota ? iotaFormToString(iota) : devices.join(',');
  let suffix = '';
  if (subgroups.length === 1 && subgroups[0] === 'replicated') suffix = ' last_tile_dim_replicate';
  else if (subgroups.length > 0) suffix = ` last_tile_dims={${subgroups.join(', ')}}`;
  return `{devices=[${shape.join(',')}]${list}${suffix}}`;
}

/** `{devices=[...]...}` in either device form, with optional subgroup dims (`m[1]`..`m[4]`). */
const XLA_TILED = new RegExp(String.raw`^\{devices=\[([\d,\s]+)\]\s*(<=\[[\d,\s]+\](?:T\([\d,\s]+\))?|[\d,\s]+?)\s*`
  + String.raw`(last_tile_dim_replicate|last_tile_dims=\{([a-z,\s]+)\})?\s*\}$`);

/**
 * Parses XLA sharding text for a tensor of `rank` on `mesh`: the replicated and unreduced kinds, explicit
 * device lists and iota lists, with `last_tile_dim_replicate` or `last_tile_dims={unreduced, replicated}`.
 * The device order must be a split of the mesh over its axes (the Sharding is axis-based); the result has
 * closed dims and no explicit replicated axes, since XLA's form has neither.
 */
export function fromXlaSharding(text: string, mesh: Mesh, rank: number): ShardingResult {
  const t = text.trim();
  if (t === '{replicated}') return { sharding: replicatedSharding(mesh, rank) };
  if (t === '{unreduced}') {
    return { sharding: makeSharding(mesh, Array.from({ length: rank }, () => []),
      { unreduced: mesh.axes.filter((a) => a.size > 1).map((a) => a.name) }) };
  }
  if (/^\{(maximal|manual|unknown)\b/.test(t)) {
    return shardingError('shard-xla-unsupported',
      `XLA sharding ${t} has no axis-based equivalent (only replicated, unreduced and tiled shardings do)`);
  }
  const m = XLA_TILED.exec(t);
  if (!m) {
    return shardingError('shard-xla-syntax',
      `expected XLA sharding text like {devices=[2,1]0,1} or {replicated}, got '${t}'`);
  }
  const shape = ints(at(m, 1, 'm'));
  let devices: number[];
  if (at(m, 2, 'm').startsWith('<=')) {
    // XLA_TILED's second group matched this iota form
    const im = /^<=\[([\d,\s]+)\](?:T\(([\d,\s]+)\))?$/.exec(at(m, 2, 'm'))!;
    const reshape = ints(at(im, 1, 'im'));
    const perm = im[2] !== undefined ? ints(im[2]) : reshape.map((_, i) => i);
    if (perm.length !== reshape.length || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) {
      return shardingError('shard-xla-syntax',
        `iota transpose T(${perm.join(',')}) is not a permutation of the ${reshape.length} dims of ` +
        `<=[${reshape.join(',')}]`);
    }
    devices = expandIota({ reshape, perm });
  } else {
    devices = ints(at(m, 2, 'm'));
  }
  const subgroups: string[] = m[3] === 'last_tile_dim_replicate' ? ['replicated']
    : m[4] !== undefined ? m[4].split(',').map((x) => x.trim()) : [];
  const bad = subgroups.find((g) => g !== 'replicated' && g !== 'unreduced');
  if (bad) return shardingError('shard-xla-unsupported',
    `subgroup type '${bad}' has no axis-based equivalent here (only unreduced and replicated)`);
  if (shape.length !== rank + subgroups.length) {
    return shardingError('shard-rank-mismatch',
      `tile assignment [${shape.join(',')}] has ${shape.length} dims; a rank-${rank} tensor with ` +
      `${subgroups.length} subgroup dim(s) needs ${rank + subgroups.length}`);
  }
  const cells = shape.reduce((p, x) => p * x, 1);
  if (cells !== devices.length || cells !== meshSize(mesh)) {
    return shardingError('shard-assignment-shape',
      `tile assignment [${shape.join(',')}] has ${cells} cells and lists ${devices.length} devices; mesh ` +
      `${mesh.name} has ${meshSize(mesh)}`);
  }
  const perr = permutationError(devices, mesh);
  if (perr) return shardingError('shard-assignment-not-permutation', perr);
  const found = axesOfTileAssignment(mesh, { shape, devices }, subgroups[subgroups.length - 1] === 'replicated');
  if ('error' in found) return shardingError('shard-assignment-not-on-mesh', `${t}: ${found.error}`);
  const dims = found.groups.slice(0, rank);
  const ui = subgroups.indexOf('unreduced');
  return { sharding: makeSharding(mesh, dims, { unreduced: ui >= 0 ? at(found.groups, rank + ui, 'found.groups')
    : [] }) };
}

function ints(text: string): number[] {
  return text.split(',').map((x) => x.trim()).filter((x) => x !== '').map(Number);
}

/** XLA cannot say open/priority/explicitly-replicated: the sharding XLA text round-trips to. */
export function xlaView(s: Sharding, mesh: Mesh): Sharding {
  const big = (a: string): boolean => (mesh.axes.find((m) => m.name === a)?.size ?? 1) > 1;
  return makeSharding(mesh, s.dims.map((d) => d.axes.filter(big)), { unreduced: s.unreduced.filter(big) });
}
