// Names a user can type for values inside layer instances: `pair[0].attention[1].logits` for the IR's
// `y.0.result.arg0.logits`, and the lookup `show` does with them (exact, suffix, index left out).
import type { LayerInstance, Module, Op, Value } from './module.js';
import { at } from '../util/checked.js';

const sorted = new WeakMap<readonly LayerInstance[], LayerInstance[]>();

/** Longest prefix first, so the innermost instance wins. */
function byPrefix(m: Module): LayerInstance[] {
  const list = m.instances ?? [];
  let s = sorted.get(list);
  if (!s) sorted.set(list, (s = [...list].sort((a, b) => b.prefix.length - a.prefix.length)));
  return s;
}

/** The user path of an IR value name (global names; the local program's values map through globalName). */
export function userName(m: Module, irName: string): string {
  for (const i of byPrefix(m)) if (irName.startsWith(i.prefix)) return `${i.path}.${irName.slice(i.prefix.length)}`;
  return irName;
}

export function userNameOf(m: Module, v: Value): string {
  return userName(m, v.globalName ?? v.name);
}

/** The user path of the instance an op belongs to (Op.layer is `attention y.0.a.arg0`), or undefined at top level. */
export function instancePathOf(m: Module, op: Op): string | undefined {
  if (!op.layer) return undefined;
  const space = op.layer.indexOf(' ');
  const prefix = `${op.layer.slice(space + 1)}.`;
  return m.instances?.find((i) => i.prefix === prefix)?.path ?? op.layer;
}

/** `pair[3]` -> `pair`: a segment as typed without its index. */
const bare = (segment: string) => segment.replace(/\[\d+\]$/, '');

/**
 * Whether `query` names `candidate` (a user path): the query's segments equal the candidate's last
 * segments, each either exactly or with the candidate's `[n]` left out (`attention.logits` matches
 * `pair[0].attention[1].logits`).
 */
export function matchesQuery(query: string, candidate: string): boolean {
  const q = query.split('.');
  const c = candidate.split('.');
  if (q.length > c.length) return false;
  const off = c.length - q.length;
  return q.every((s, i) => s === c[off + i] || s === bare(at(c, off + i, 'c')));
}

export type Lookup =
  | { readonly value: Value; readonly candidates?: undefined }
  | { readonly value?: undefined; readonly candidates: readonly string[] };

/** Finds a value by IR name or user name; several matches (or none) come back as candidates' user names. */
export function findValue(m: Module, values: readonly Value[], query: string): Lookup {
  const exact = values.find((v) => v.name === query || userNameOf(m, v) === query);
  if (exact) return { value: exact };
  const matches = values.filter((v) => matchesQuery(query, userNameOf(m, v)));
  if (matches.length === 1) return { value: at(matches, 0, 'matches') };
  return { candidates: matches.map((v) => userNameOf(m, v)) };
}
