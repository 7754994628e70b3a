// Alpha-beta time of each collective on the TPU torus, from the physical positions of its replica groups.
//
// Notation: alpha = per-hop latency, B = one link's one-way bandwidth, m = bytes a device holds before an
// all-gather (its shard), n = bytes per device before a reduce-scatter / all-reduce, p = group size.
//
// Rings (all-gather, reduce-scatter, and all-reduce = reduce-scatter + all-gather):
//   A group is decomposed into physical ring stages: if its devices are a product
//   {cores} x {chip rows} x {chip cols}, it runs dimension by dimension (columns, then rows, then the
//   two cores of a chip; reduce-scatter in reverse order), otherwise as one ring in group order.
//   Every stage is a bidirectional ring: half the data goes each way. All rings of all groups of the
//   stage are routed at once on the torus (dimension-order), so link sharing is counted, not assumed:
//     step  = alpha * maxHops + (chunk / 2) * maxLinkLoad / B        (or chunk / onChipBW inside a chip)
//     stage = (q - 1) * step,   chunk = m (all-gather: grows by q after each stage; reduce-scatter: n / q, shrinking)
//   A closed ring (wraparound) has maxLinkLoad = 1: all-gather = (p-1) * (alpha + m / 2B), the textbook
//   bidirectional ring. A ring on a line without wraparound closes back over every link, maxLinkLoad = 2:
//   twice as slow, as the scaling book says of sub-pod slices.
// All-to-all: every device sends m / p to every other member, all pairs routed at once; the busiest link
//   sets the time:  t = maxLinkLoad * (m / p) / B + alpha * maxHops. For uniform traffic on a k x k torus this
//   load equals the bisection bound (p m / 4 bytes each way across 2k links), hence GShard's O(sqrt D).
// Collective-permute: every pair routed at once: t = alpha * maxHops + m * maxLinkLoad / B.

import { chipLocation, type Mesh, replicaGroups } from '../ir/mesh.js';
import { LinkLoads } from './torus-routes.js';
import type { Hardware } from './tpu-v3.js';
import { collectiveFacts, type CollectiveKind } from '../ops/registry.js';
import { at, got, must } from '../util/checked.js';

export { COLLECTIVE_KINDS, isCollectiveKind, type CollectiveKind } from '../ops/registry.js';

export interface CollectiveTime {
  readonly seconds: number;
  readonly latencySeconds: number;
  readonly bandwidthSeconds: number;
  /** How it was costed, e.g. `rings: cols 32 (load 1, 1 hop) > cores 2 (on-chip)`. */
  readonly detail: string;
}

/** Who talks to whom: replica groups (ordered device ids) or explicit source/target pairs. */
export type Participants =
  { readonly groups: readonly (readonly number[])[] } | { readonly pairs: readonly (readonly [number, number])[] };

export function groupsOverAxes(mesh: Mesh, axes: readonly string[]): number[][] {
  return replicaGroups(mesh, axes);
}

/**
 * Time of one collective. `bytes` is the per-device operand size (all-gather: the shard; reduce-scatter
 * and all-reduce: the full per-device buffer; all-to-all: the buffer a device holds; permute: the message).
 */
export function collectiveTime(mesh: Mesh, kind: CollectiveKind, bytes: number, who: Participants,
  hw: Hardware): CollectiveTime {
  if ('pairs' in who) return permuteTime(mesh, bytes, who.pairs, hw);
  const p = who.groups[0]?.length ?? 1;
  if (p <= 1 || bytes <= 0) return { seconds: 0, latencySeconds: 0, bandwidthSeconds: 0, detail: 'no communication' };
  switch (collectiveFacts(kind).time) {
    case 'all_gather_ring': return ringTime(mesh, who.groups, hw, 'ag', bytes);
    case 'reduce_scatter_ring': return ringTime(mesh, who.groups, hw, 'rs', bytes);
    case 'all_reduce_rings': {
      const rs = ringTime(mesh, who.groups, hw, 'rs', bytes);
      const ag = ringTime(mesh, who.groups, hw, 'ag', bytes / p);
      return {
        seconds: rs.seconds + ag.seconds, latencySeconds: rs.latencySeconds + ag.latencySeconds,
        bandwidthSeconds: rs.bandwidthSeconds + ag.bandwidthSeconds,
          detail: `reduce-scatter + all-gather; ${ag.detail}`,
      };
    }
    case 'all_to_all_routes': return allToAllTime(mesh, who.groups, hw, bytes);
    case 'permute': {
      // Without explicit pairs, a permute over groups is a one-step shift along each group's ring.
      const pairs: [number, number][] = [];
      for (const g of who.groups) g.forEach((d, i) => pairs.push([d, at(g, (i + 1) % g.length, 'a replica group')]));
      return permuteTime(mesh, bytes, pairs, hw);
    }
  }
}

// ---- ring stages --------------------------------------------------------------------------------

interface Stage {
  readonly name: string;
  readonly q: number;            // members per ring
  readonly maxLoad: number;      // busiest ICI link, in units of one half-chunk (both ring directions routed)
  readonly maxHops: number;
  readonly onChip: boolean;      // some edge stays inside a chip
}

const stageCache = new WeakMap<Mesh, Map<string, Stage[]>>();

/** The physical ring stages of a set of replica groups, cached per mesh and groups. */
export function ringStages(mesh: Mesh, groups: readonly (readonly number[])[]): Stage[] {
  let perMesh = stageCache.get(mesh);
  if (!perMesh) stageCache.set(mesh, (perMesh = new Map()));
  const key = groups.map((g) => g.join(',')).join(';');
  const hit = perMesh.get(key);
  if (hit) return hit;
  const rings = productRings(mesh, groups) ?? [{ name: 'ring', rings: groups.map((g) => [...g]) }];
  const stages = rings.filter((s) => (s.rings[0]?.length ?? 0) > 1).map((s) => routeRings(mesh, s.name, s.rings));
  perMesh.set(key, stages);
  return stages;
}

/** Splits each group into rings along chip columns, chip rows and cores when it is such a product; else undefined. */
function productRings(mesh: Mesh,
  groups: readonly (readonly number[])[]): { name: string; rings: number[][] }[] | undefined {
  const byCols = { name: 'cols', rings: [] as number[][] };
  const byRows = { name: 'rows', rings: [] as number[][] };
  const byCores = { name: 'cores', rings: [] as number[][] };
  for (const g of groups) {
    const locs = g.map((d) => ({ d, ...chipLocation(mesh, d) }));
    const cores = uniq(locs.map((l) => l.core));
    const rows = uniq(locs.map((l) => l.row));
    const cols = uniq(locs.map((l) => l.col));
    if (cores.length * rows.length * cols.length !== g.length) return undefined;
    const byLoc = new Map(locs.map((l) => [`${l.core}/${l.row}/${l.col}`, l.d]));
    if (byLoc.size !== g.length) return undefined;
    // the size checks above make the group the full product cores x rows x cols: every location is a device
    const device = (k: number, r: number, c: number) => got(byLoc, `${k}/${r}/${c}`, 'the device at a location');
    for (const k of cores) for (const r of rows) byCols.rings.push(cols.map((c) => device(k, r, c)));
    for (const k of cores) for (const c of cols) byRows.rings.push(rows.map((r) => device(k, r, c)));
    for (const r of rows) for (const c of cols) byCores.rings.push(cores.map((k) => device(k, r, c)));
  }
  return [byCols, byRows, byCores];
}

function uniq(xs: number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** Routes both directions of every ring edge at once and records the busiest link. */
function routeRings(mesh: Mesh, name: string, rings: readonly (readonly number[])[]): Stage {
  const links = new LinkLoads(mesh);
  let q = 0;
  for (const ring of rings) {
    q = Math.max(q, ring.length);
    if (ring.length < 2) continue;
    const edges = ring.length === 2 ? 1 : ring.length;   // a ring of two is one edge used both ways
    for (let i = 0; i < edges; i++) {
      const a = at(ring, i, 'a ring');
      const b = at(ring, (i + 1) % ring.length, 'a ring');
      links.addDevices(a, b, 1);
      links.addDevices(b, a, 1);
    }
  }
  return { name, q, maxLoad: links.max(), maxHops: links.maxHops, onChip: links.onChip > 0 };
}

function stageStep(s: Stage, chunk: number, hw: Hardware): { latency: number; bandwidth: number } {
  const bw = hw.linkBandwidth * hw.iciEfficiency;
  const ici = s.maxLoad > 0 ? { latency: hw.hopLatency * s.maxHops, bandwidth: (chunk / 2) * s.maxLoad / bw }
    : { latency: 0, bandwidth: 0 };
  const chip = s.onChip ? chunk / hw.onChipBandwidth : 0;
  return ici.latency + ici.bandwidth >= chip ? ici : { latency: 0, bandwidth: chip };
}

function ringTime(mesh: Mesh, groups: readonly (readonly number[])[], hw: Hardware, mode: 'ag' | 'rs',
  bytes: number): CollectiveTime {
  const stages = ringStages(mesh, groups);
  const order = mode === 'ag' ? stages : [...stages].reverse();
  let latency = 0;
  let bandwidth = 0;
  let data = bytes;   // ag: the chunk each member contributes; rs: the buffer still to be reduced
  for (const s of order) {
    const chunk = mode === 'ag' ? data : data / s.q;
    const step = stageStep(s, chunk, hw);
    latency += (s.q - 1) * step.latency;
    bandwidth += (s.q - 1) * step.bandwidth;
    data = mode === 'ag' ? data * s.q : data / s.q;
  }
  const ring = (s: (typeof order)[number]): string => {
    const how = s.maxLoad > 0 ? `link load ${s.maxLoad}, ${s.maxHops} hop${s.maxHops === 1 ? '' : 's'}` : 'on-chip';
    return `${s.name} ${s.q} (${how})`;
  };
  const detail = `rings: ${order.map(ring).join(' > ')}`;
  return { seconds: latency + bandwidth, latencySeconds: latency, bandwidthSeconds: bandwidth, detail };
}

// ---- all-to-all and permutes ------------------------------------------------------------------

interface PairLoad { readonly maxLoad: number; readonly maxHops: number; readonly onChip: boolean }

const pairCache = new WeakMap<Mesh, Map<string, PairLoad>>();

function cached(mesh: Mesh, key: string, make: () => PairLoad): PairLoad {
  let perMesh = pairCache.get(mesh);
  if (!perMesh) pairCache.set(mesh, (perMesh = new Map()));
  let hit = perMesh.get(key);
  if (!hit) perMesh.set(key, (hit = make()));
  return hit;
}

/** Max link load (in units of one device-to-device message) when every member of every group sends to every other. */
export function allToAllLoad(mesh: Mesh, groups: readonly (readonly number[])[]): PairLoad {
  return cached(mesh, 'a2a:' + groups.map((g) => g.join(',')).join(';'), () => {
    const links = new LinkLoads(mesh);
    let onChip = false;
    for (const g of groups) {
      // Aggregate device pairs into chip pairs first: 2048 devices are 1024 chips, 4x fewer routes.
      const chipCount = new Map<number, { row: number; col: number; n: number }>();
      for (const d of g) {
        const l = chipLocation(mesh, d);
        const e = chipCount.get(l.chip);
        if (e) e.n++; else chipCount.set(l.chip, { row: l.row, col: l.col, n: 1 });
      }
      const chips = [...chipCount.values()];
      for (const a of chips) {
        if (a.n > 1) onChip = true;
        for (const b of chips) if (a !== b) links.addChips(a.row, a.col, b.row, b.col, a.n * b.n);
      }
    }
    return { maxLoad: links.max(), maxHops: links.maxHops, onChip };
  });
}

function allToAllTime(mesh: Mesh, groups: readonly (readonly number[])[], hw: Hardware, bytes: number): CollectiveTime {
  const p = must(groups[0], 'a collective has at least one group').length;
  const piece = bytes / p;
  const load = allToAllLoad(mesh, groups);
  const latency = hw.hopLatency * load.maxHops;
  const ici = load.maxLoad * piece / (hw.linkBandwidth * hw.iciEfficiency);
  const chip = load.onChip ? piece / hw.onChipBandwidth : 0;
  const bandwidth = Math.max(ici, chip);
  return {
    seconds: latency + bandwidth, latencySeconds: latency, bandwidthSeconds: bandwidth,
    detail: `all pairs routed: busiest link carries ${load.maxLoad} of ${p * p} messages, ${load.maxHops} hops max`,
  };
}

function permuteTime(mesh: Mesh, bytes: number, pairs: readonly (readonly [number, number])[],
  hw: Hardware): CollectiveTime {
  const load = cached(mesh, 'perm:' + pairs.map(([a, b]) => `${a}>${b}`).join(','), () => {
    const links = new LinkLoads(mesh);
    for (const [a, b] of pairs) links.addDevices(a, b, 1);
    return { maxLoad: links.max(), maxHops: links.maxHops, onChip: links.onChip > 0 };
  });
  if (bytes <= 0 || pairs.every(([a, b]) => a === b)) return { seconds: 0, latencySeconds: 0, bandwidthSeconds: 0,
    detail: 'no communication' };
  const latency = hw.hopLatency * load.maxHops;
  const ici = load.maxLoad * bytes / (hw.linkBandwidth * hw.iciEfficiency);
  const bandwidth = Math.max(ici, load.onChip ? bytes / hw.onChipBandwidth : 0);
  return {
    seconds: latency + bandwidth, latencySeconds: latency, bandwidthSeconds: bandwidth,
    detail: `${pairs.length} pairs: busiest link load ${load.maxLoad}, ${load.maxHops} hops max`,
  };
}
