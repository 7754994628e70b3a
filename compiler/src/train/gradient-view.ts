// The gradient of each parameter of a training program: its sharding, where that sharding came from, and
// the collectives that reduce it (what `show --train` and the editor's hover over a param say).

import type { Module, Value } from '../ir/module.js';
import { jaxTypeString, shardingToText } from '../ir/sharding-text.js';
import { userName } from '../ir/user-names.js';
import { originText } from '../sharding/sharded-view.js';
import { trainCollectives } from './train-view.js';

export interface GradientView {
  /** The param's IR name (the training layout's) and the name a user types. */
  readonly param: string;
  readonly paramPath: string;
  /** The gradient's IR name, its type with shardings (`f32[E@x, M, H]`) and its sharding (`[{x}, {}, {}]`). */
  readonly grad: string;
  readonly type: string;
  readonly sharding: string;
  /** Where the gradient's sharding came from, in words, and the source position of its root. */
  readonly origin: string;
  readonly originAt?: { readonly line: number; readonly col: number };
  /** The collectives that complete the gradient (none when every device computes its own slice of it). */
  readonly reductions: readonly {
    readonly kind: string; readonly axes: readonly string[]; readonly bytesPerDevice: number;
    readonly line: number; readonly col: number; readonly reason: string;
  }[];
}

/** `sharded`: the propagated training program; `spmd`: the same, partitioned (its collectives). */
export function gradientViews(sharded: Module, spmd: Module): GradientView[] {
  const layout = sharded.training;
  if (!layout) return [];
  const collectives = trainCollectives(spmd);
  const params = new Map(sharded.params.map((p) => [p.name, p]));
  return layout.params.flatMap((name, i) => {
    const g = sharded.outputs[layout.outputs.grads[i] ?? -1];
    const p = params.get(name);
    if (!g || !p) return [];
    const path = userName(sharded, name);
    const root = g.origin?.chain[0]?.span.start;
    const reductions = collectives.filter((c) => c.param === path).map((c) => ({
      kind: c.kind, axes: c.axes, bytesPerDevice: c.bytesPerDevice, line: c.line, col: c.col, reason: c.reason,
    }));
    return [{
      param: name, paramPath: path, grad: g.name,
      type: g.sharding ? jaxTypeString(g.type, g.sharding) : g.type.dtype,
      sharding: g.sharding ? shardingToText(g.sharding) : 'replicated',
      origin: originWords(g, p), ...(root ? { originAt: { line: root.line, col: root.col } } : {}), reductions,
    }];
  });
}

function originWords(g: Value, p: Value): string {
  const root = g.origin?.chain[0];
  if (g.annotation && root?.from === p.name) {
    return `from the param's annotation at ${root.span.start.line}:${root.span.start.col}`;
  }
  if (g.origin && g.origin.chain.length > 0) return `inferred from ${originText(g)}`;
  return 'replicated: no annotation reaches it';
}

/** `all-reduce over x at 55:40 (contracting dim G is split on x: ...)`, or why there is none. */
export function reductionWords(v: GradientView): string[] {
  if (v.reductions.length === 0) return ['no collective: each device computes the gradient of its own slice'];
  return v.reductions.map((r) => `${r.kind.replace(/_/g, '-')}${r.axes.length ? ` over ${r.axes.join(', ')}` : ''}`
    + ` at ${r.line}:${r.col} (${r.reason})`);
}

/** The lines `show --train` prints under a param's tiles. */
export function gradientText(v: GradientView): string {
  const reductions = reductionWords(v);
  return [`gradient of ${v.paramPath}: ${v.type}, ${v.origin}`,
    ...reductions.map((r) => `  reduction: ${r}`)].join('\n') + '\n';
}
