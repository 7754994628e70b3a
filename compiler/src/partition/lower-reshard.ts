// The one place that picks collectives: one reshard (a tensor from layout A, possibly with partial
// sums pending over `unreduced` axes, to layout B) becomes a sequence of all-reduce or
// reduce-scatter (partial sums), then collective permute, all-to-all, local slice and all-gather
// (reshard-plan.ts's order), with the "all-gather whole dims, then slice" fallback flagged as a
// full rematerialization. Pure: it returns the steps with their explanations. Sizes are global
// (the module is still in the global view); localize.ts turns them into per-device sizes and
// adds the padding that uneven shards need.

import type { Attrs } from '../ir/module.js';
import type { TensorType } from '../ir/types.js';
import type { Mesh } from '../ir/mesh.js';
import { layoutsEqual, planReshard, sliceAligned, type Layout } from './reshard-plan.js';
import { layoutText } from './pass-support.js';
import { at } from '../util/checked.js';

/** Why a reshard is there, as its explanations say it. */
export type ReshardWhy =
  /** `where` needs its operand `role` (`operand 1`), global value `value`, in the target layout. */
  | { readonly kind: 'use'; readonly where: string; readonly role: string; readonly value: string }
  /**
   * `where` produces global value `value` in another layout than it is used in, or with partial
   * sums over the factors `reduced.dims` (`contracting` ones for an einsum); `terms` partial sums added
   * before their one reduction, when `where` sums partial sums (partition/pending-sums.ts).
   */
  | {
    readonly kind: 'result'; readonly where: string; readonly value: string; readonly reduced?: ReducedDims;
    readonly terms?: number;
  };

export interface ReducedDims { readonly kind: string; readonly dims: readonly string[] }

export interface ReshardRequest {
  readonly mesh: Mesh;
  /** The tensor's global type. */
  readonly type: TensorType;
  readonly from: Layout;
  /** Axes the source is a partial sum (or max) over. */
  readonly unreduced: readonly string[];
  readonly combiner: 'sum' | 'max';
  readonly to: Layout;
  readonly why: ReshardWhy;
}

/** One collective (or local slice) of a lowered reshard. */
export interface ReshardStep {
  readonly kind: string;
  readonly attrs: Attrs;
  /** The layout after this step. */
  readonly layout: Layout;
  readonly reason: string;
}

export interface LoweredReshard {
  readonly steps: ReshardStep[];
  /** The layout once partial sums are complete (`from` when there were none). */
  readonly reduced: Layout;
  /** True when only the gather-whole-then-slice fallback reaches `to`. */
  readonly fullRemat: boolean;
}

export function lowerReshard(req: ReshardRequest): LoweredReshard {
  const steps: ReshardStep[] = [];
  const reduced = req.unreduced.length > 0 ? completePartialSums(req, steps) : req.from;
  if (layoutsEqual(reduced, req.to)) return { steps, reduced, fullRemat: false };
  const plan = planReshard(req.mesh, req.type.dims.map((d) => d.size), reduced, req.to);
  const from = layoutText(req.mesh, reduced);
  const toText = layoutText(req.mesh, req.to);
  const why = req.why.kind === 'use'
    ? `${req.why.where} needs ${req.why.role} ${req.why.value} as ${toText}`
    : `${req.why.where} produces ${req.why.value} as ${from} but it is used as ${toText}`;
  const dims = req.type.dims;
  let layout = reduced;
  for (const s of plan.steps) {
    const next = layout.map((d) => [...d]);
    if (s.kind === 'collective_permute') {
      steps.push({
        kind: 'collective_permute', attrs: { pairs: s.pairs.map(([a, b]) => [a, b]) }, layout: req.to,
        reason: `${why}: same tiles on other devices (${from} -> ${toText}), so a collective permute moves them`,
      });
      layout = req.to;
      continue;
    }
    if (s.kind === 'all_gather') {
      const dim = at(dims, s.dim, 'dims');
      const before = at(next, s.dim, 'layout');
      const kept = before.slice(0, before.length - s.axes.length);
      next[s.dim] = kept;
      const rest = kept.length ? `split on ${kept.join(', ')} only` : 'whole';
      steps.push({
        kind: 'all_gather', attrs: { axes: s.axes, dim: dim.name, size: dim.size }, layout: next,
        reason: `${why}: dim ${dim.name} is split on ${s.axes.join(', ')} here but needed ${rest}, ` +
          'so its shards are all-gathered',
      });
    } else if (s.kind === 'dynamic_slice') {
      const dim = at(dims, s.dim, 'dims');
      const sliced = [...at(next, s.dim, 'layout'), ...s.axes];
      next[s.dim] = sliced;
      steps.push({
        kind: 'dynamic_slice', attrs: { axes: sliced, dim: dim.name, size: dim.size, global_size: dim.size },
        layout: next,
        reason: `${why}: every device already holds the data; ` +
          `it keeps its slice of ${dim.name} along ${s.axes.join(', ')} (no communication)`,
      });
    } else {
      const split = at(dims, s.splitDim, 'dims');
      const concat = at(dims, s.concatDim, 'dims');
      const concatAxes = at(next, s.concatDim, 'layout');
      next[s.concatDim] = concatAxes.slice(0, concatAxes.length - 1);
      next[s.splitDim] = [...at(next, s.splitDim, 'layout'), ...s.axes];
      steps.push({
        kind: 'all_to_all',
        attrs: {
          axes: s.axes, split_dim: split.name, concat_dim: concat.name,
          split_size: split.size, concat_size: concat.size,
        },
        layout: next,
        reason: `${why}: the split on ${s.axes.join(', ')} moves from dim ${concat.name} to dim ${split.name} ` +
          `(${from} -> ${layoutText(req.mesh, next)})`,
      });
    }
    layout = next;
  }
  return { steps, reduced, fullRemat: plan.fullRemat };
}

/**
 * Partial sums: a reduce-scatter when the target splits one dim further on exactly the partial
 * axes (and the finer tiles nest in the current ones: see sliceAligned), else an all-reduce.
 * Returns the layout after it.
 */
function completePartialSums(req: ReshardRequest, steps: ReshardStep[]): Layout {
  const { mesh, from: layout, to: want, unreduced: axes } = req;
  const dims = req.type.dims;
  const scatterDim = want.findIndex((wanted, d) => {
    const have = at(layout, d, 'layout');
    return wanted.length === have.length + axes.length &&
      wanted.slice(0, have.length).every((a, j) => a === have[j]) &&
      wanted.slice(have.length).every((a, j) => a === axes[j]) &&
      sliceAligned(mesh, at(dims, d, 'dims').size, have, axes);
  });
  const reduced = req.why.kind === 'result' ? req.why.reduced : undefined;
  const n = reduced?.dims.length ?? 0;
  const about = reduced ? `${reduced.kind} ${n === 1 ? 'dim' : 'dims'} ${reduced.dims.join(', ')}` : 'the partial sums';
  const terms = req.why.kind === 'result' ? req.why.terms : undefined;
  const subject = terms
    ? `${req.why.where} adds ${terms} partial sums (${about} split on ${axes.join(', ')}), reduced once`
    : `${req.why.where}: ${about} ${n === 1 ? 'is' : 'are'} split on ${axes.join(', ')}`;
  if (scatterDim >= 0 && req.combiner === 'sum') {
    const dim = at(dims, scatterDim, 'dims');
    const next = layout.map((d) => [...d]);
    next[scatterDim] = [...at(want, scatterDim, 'want')];
    steps.push({
      kind: 'reduce_scatter', attrs: { axes: [...axes], dim: dim.name, size: dim.size }, layout: next,
      reason: `${subject}: partial sums are reduce-scattered, leaving ${dim.name} split on ${axes.join(', ')}`,
    });
    return next;
  }
  steps.push({
    kind: 'all_reduce', attrs: { axes: [...axes], combiner: req.combiner }, layout,
    reason: `${subject}: partial ${req.combiner === 'max' ? 'maxima' : 'sums'} are all-reduced`,
  });
  return layout;
}
