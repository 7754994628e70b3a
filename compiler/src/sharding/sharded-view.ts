// `--emit sharded`: every value with its JAX-style type (`f32[G@x, S, M]`), whether the user
// annotated it or it was inferred, and where an inferred sharding came from.

import { userNameOf } from '../ir/user-names.js';
import type { Module, Value } from '../ir/module.js';
import { jaxTypeString, shardingToText } from '../ir/sharding-text.js';

/**
 * One row per value. Unless `all`, the temporaries a builtin made on the way to its results
 * (top2_gating's `combine.*`) fold into one line per builtin call, so the user's tensors stand out.
 */
export function shardedText(m: Module, options: { all?: boolean } = {}): string {
  const hidden = options.all ? new Set<string>() : m.temporaries ?? new Set<string>();
  const values = allValuesInOrder(m);
  const shown = values.filter((v) => !hidden.has(v.name));
  const rows = shown.map((v) => {
    const type = v.sharding ? jaxTypeString(v.type, v.sharding) : v.type.dtype;
    const how = v.annotation ? 'annotated' : v.origin && v.origin.chain.length > 0 ? `inferred from ${originText(v)}`
      : 'replicated (no annotation reaches it)';
    return { name: `%${userNameOf(m, v)}`, type, how, line: v.span.start.line };
  });
  const w1 = Math.max(...rows.map((r) => r.name.length), 4);
  const w2 = Math.max(...rows.map((r) => r.type.length), 4);
  const text = `${rows.map((r) => `${r.name.padEnd(w1)}  ${r.type.padEnd(w2)}  ${r.how}`).join('\n')}\n`;
  const n = values.length - shown.length;
  return n === 0 ? text
    : `${text}(${n} temporar${n === 1 ? 'y' : 'ies'} of builtins such as top2_gating not shown; --all shows them)\n`;
}

/** `inputs (annotated 9:17) -> einsum 13:12 -> softmax 14:28` */
export function originText(v: Value): string {
  const chain = v.origin?.chain ?? [];
  return chain.map((s, i) => {
    const at = `${s.span.start.line}:${s.span.start.col}`;
    return i === 0 ? `${s.from} @ ${at}` : `${s.through} ${s.direction === 'backward' ? '<-' : '->'} ${at}`;
  }).join(' -> ');
}

function allValuesInOrder(m: Module): Value[] {
  return [...m.inputs, ...m.params, ...m.ops.flatMap((op) => op.results)];
}

export function shardedJson(m: Module): object {
  return {
    values: allValuesInOrder(m).map((v) => ({
      name: v.name, ...(userNameOf(m, v) !== v.name ? { path: userNameOf(m, v) } : {}), line: v.span.start.line,
        col: v.span.start.col,
      type: v.sharding ? jaxTypeString(v.type, v.sharding) : v.type.dtype,
      dims: v.sharding?.dims.map((d) => [...d.axes]) ?? [],
      replicated: [...(v.sharding?.replicated ?? [])],
      unreduced: [...(v.sharding?.unreduced ?? [])],
      sharding: v.sharding ? shardingToText(v.sharding) : null,
      annotated: Boolean(v.annotation),
      origin: (v.origin?.chain ?? []).map((s) => ({ from: s.from, ...(s.through ? { through: s.through } : {}),
        ...(s.direction ? { direction: s.direction } : {}), line: s.span.start.line, col: s.span.start.col })),
    })),
  };
}
