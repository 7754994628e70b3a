// Collectives: the ops that move data between devices. Their kind list is this table's keys
// (CollectiveKind in registry.ts); each carries its alpha-beta time model and its mesh kernel.

import type { Op } from '../ir/module.js';
import { replicaGroups, type Mesh } from '../ir/mesh.js';
import {
  allGather, allReduce, allToAll, collectivePermute, reduceScatter, runOnGroups, type NDArray,
} from '../runtime/index.js';
import type { CollectiveFacts, CollectiveKernel, CollectiveTimeModel, GradientRule, OpEntry } from './entry.js';
import { attrNumber, attrString, attrStrings } from './signature.js';
import { identityRule, resized, same } from './spmd-signature.js';
import { collectiveWork } from './work.js';
import { PLAIN_PARTITION, PLAIN_ROLE, type PartitionFacts } from './pass-facts.js';
import { localizeAllGather, localizeAllToAll, localizeReduceScatter } from './localize-facts.js';
import { at } from '../util/checked.js';

const groups = (op: Op, mesh: Mesh) => replicaGroups(mesh, attrStrings(op.attrs, 'axes'));

const NOT_EXPORTED = { notExported: 'a collective exists only in the per-device program; export takes the global one' };

type Transpose = CollectiveFacts['transpose'];
const self = (kind: string, reversePairs = false): Transpose => ({ kind, bytes: 'operand', reversePairs });

function collectiveEntry<K extends string>(
  name: K, doc: string, infer: OpEntry['infer'],
  time: CollectiveTimeModel, transpose: Transpose, kernel: CollectiveKernel, gradient: GradientRule,
  localize: PartitionFacts['localize'] = null,
): OpEntry & { name: K; collective: CollectiveFacts } {
  return {
    name, doc, family: 'collectives', tier: 1, infer, rule: identityRule,
    work: collectiveWork,
    fusion: () => 'none',
    kernel: (op) => { throw new Error(`${op.kind} is a collective: the mesh simulator runs it, not evalOp`); },
    collective: { time, kernel, transpose, participants: time === 'permute' ? 'pairs' : 'groups' },
    stablehlo: NOT_EXPORTED,
    jax: NOT_EXPORTED,
    splitNormalization: null,
    training: { saves: 'none', product: 'none', differentiable: 'all' },
    gradient,
    surface: { form: 'none' },
    partition: { ...PLAIN_PARTITION, localize },
    role: PLAIN_ROLE,
  };
}

const sizeOf = (op: Op, dim: string): number => op.operands[0]?.type.dims.find((d) => d.name === dim)?.size ?? 0;

/**
 * The transposes, as `collective.transpose` names them: all-gather and reduce-scatter swap (sized back
 * to the operand's local size), an all-to-all swaps its split and concat dims, a permute reverses its
 * pairs. An all-reduce's cotangent is replicated over its axes (the partitioner keeps every
 * cotangent of a replicated value replicated), so its transpose is the identity.
 */
const allReduceGradient: GradientRule = (_b, _op, [ct]) => [ct];
const allGatherGradient: GradientRule = (b, op, [ct]) => {
  const dim = attrString(op.attrs, 'dim');
  const attrs = { dim, axes: op.attrs['axes'] ?? [], size: sizeOf(op, dim) };
  return [ct && b.op('reduce_scatter', [ct], attrs, 'transpose')];
};
const reduceScatterGradient: GradientRule = (b, op, [ct]) => {
  const dim = attrString(op.attrs, 'dim');
  return [ct && b.op('all_gather', [ct], { dim, axes: op.attrs['axes'] ?? [], size: sizeOf(op, dim) }, 'transpose')];
};
const allToAllGradient: GradientRule = (b, op, [ct]) => {
  const [split, concat] = [attrString(op.attrs, 'split_dim'), attrString(op.attrs, 'concat_dim')];
  return [ct && b.op('all_to_all', [ct], {
    axes: op.attrs['axes'] ?? [], split_dim: concat, split_size: sizeOf(op, concat),
    concat_dim: split, concat_size: sizeOf(op, split),
  }, 'transpose')];
};
const permuteGradient: GradientRule = (b, op, [ct]) =>
  [ct && b.op('collective_permute', [ct], { pairs: pairsOf(op).map(([s, t]) => [t, s]) }, 'transpose')];

const pairsOf = (op: Op): (readonly [number, number])[] => {
  const raw = op.attrs['pairs'];
  return (Array.isArray(raw) ? raw : []).map((p) => [Number((p as number[])[0]), Number((p as number[])[1])] as const);
};

export const COLLECTIVE_OPS = {
  all_reduce: collectiveEntry('all_reduce', 'Sums (or maxes) over the devices that differ only along `axes`.',
    same('all_reduce'),
    'all_reduce_rings', self('all_reduce'), (op, mesh, bufs, devices) => {
      const combiner = attrString(op.attrs, 'combiner') === 'max' ? 'max' : 'sum';
      return runOnGroups(groups(op, mesh), bufs, (g, wanted) => allReduce(g, combiner, wanted), devices);
    }, allReduceGradient),
  all_gather: collectiveEntry('all_gather',
    'Concatenates the shards of dim `dim` over `axes`; its local size becomes `size`.',
    resized('all_gather', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') })),
    'all_gather_ring', { kind: 'reduce_scatter', bytes: 'result', reversePairs: false },
    (op, mesh, bufs, devices) => runOnGroups(groups(op, mesh), bufs,
      (g, wanted) => allGather(g, attrString(op.attrs, 'dim'), wanted), devices),
    allGatherGradient, localizeAllGather),
  reduce_scatter: collectiveEntry('reduce_scatter',
    'Sums over `axes` and keeps this device\'s slice of dim `dim` (local size `size`).',
    resized('reduce_scatter', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') })),
    'reduce_scatter_ring', { kind: 'all_gather', bytes: 'result', reversePairs: false },
    (op, mesh, bufs, devices) => runOnGroups(groups(op, mesh), bufs,
      (g, wanted) => reduceScatter(g, attrString(op.attrs, 'dim'), 'sum', wanted), devices),
    reduceScatterGradient, localizeReduceScatter),
  all_to_all: collectiveEntry('all_to_all',
    'Over `axes`: splits dim `split_dim` (to `split_size`) and concatenates along `concat_dim` (to `concat_size`).',
    resized('all_to_all', (a) => ({
      [attrString(a, 'split_dim')]: attrNumber(a, 'split_size'),
      [attrString(a, 'concat_dim')]: attrNumber(a, 'concat_size'),
    })),
    'all_to_all_routes', self('all_to_all'), (op, mesh, bufs, devices) => runOnGroups(groups(op, mesh), bufs,
      (g, wanted) => allToAll(g, attrString(op.attrs, 'split_dim'), attrString(op.attrs, 'concat_dim'), wanted),
      devices),
    allToAllGradient, localizeAllToAll),
  collective_permute: collectiveEntry('collective_permute',
    'Sends each device\'s buffer along `pairs` [source, target]; a device receiving nothing gets zeros.',
    same('collective_permute'),
    'permute', self('collective_permute', true),
    (op, _mesh, bufs: readonly NDArray[], devices) => collectivePermute(bufs, pairsOf(op),
      (d) => at(bufs, d, 'collective_permute device buffers'), devices), permuteGradient),
} as const;
