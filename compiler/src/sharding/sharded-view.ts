// `--emit sharded`: every value with its JAX-style type (`f32[G@x, S, M]`), whether the user
// annotated it or it was inferred, and where an inferred sharding came from.

import type { Module, Value } from '../ir/module.js';
import { jaxTypeString, shardingToText } from '../ir/sharding-text.js';

export function shardedText(m: Module): string {
  const rows = allValuesInOrder(m).map((v) => {
    const type = v.sharding ? jaxTypeString(v.type, v.sharding) : v.type.dtype;
    const how = v.annotation ? 'annotated' : v.origin && v.origin.chain.length > 0 ? `inferred from ${originText(v)}` : 'replicated (no annotation reaches it)';
    return { name: `%${v.name}`, type, how, line: v.span.start.line };
  });
  const w1 = Math.max(...rows.map((r) => r.name.length), 4);
  const w2 = Math.max(...rows.map((r) => r.type.length), 4);
  return `${rows.map((r) => `${r.name.padEnd(w1)}  ${r.type.padEnd(w2)}  ${r.how}`).join('\n')}\n`;
}

/** `inputs (annotated 9:17) -> einsum 13:12 -> softmax 14:28` */
export function originText(v: Value): string {
  const chain = v.origin?.chain ?? [];
  return chain.map((s, i) => (i === 0 ? `${s.from} @ ${s.span.start.line}:${s.span.start.col}` : `${s.through} ${s.direction === 'backward' ? '<-' : '->'} ${s.span.start.line}:${s.span.start.col}`)).join(' -> ');
}

function allValuesInOrder(m: Module): Value[] {
  return [...m.inputs, ...m.params, ...m.ops.flatMap((op) => op.results)];
}

export function shardedJson(m: Module): object {
  return {
    values: allValuesInOrder(m).map((v) => ({
      name: v.name, line: v.span.start.line, col: v.span.start.col,
      type: v.sharding ? jaxTypeString(v.type, v.sharding) : v.type.dtype,
      dims: v.sharding?.dims.map((d) => [...d.axes]) ?? [],
      replicated: [...(v.sharding?.replicated ?? [])],
      unreduced: [...(v.sharding?.unreduced ?? [])],
      sharding: v.sharding ? shardingToText(v.sharding) : null,
      annotated: Boolean(v.annotation),
      origin: (v.origin?.chain ?? []).map((s) => ({ from: s.from, ...(s.through ? { through: s.through } : {}), ...(s.direction ? { direction: s.direction } : {}), line: s.span.start.line, col: s.span.start.col })),
    })),
  };
}
