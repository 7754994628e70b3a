// The canonical sharding text (the DSL form `[x, _, (x, y)?, ? p1] replicated(y) unreduced(z)`) and JAX-style types.

import type { TensorType } from './types.js';
import { makeSharding, shardingError, type DimSharding, type Sharding, type ShardingResult } from './sharding.js';
import { at } from '../util/checked.js';

/**
 * One dim: `_` (empty, closed), `?` (empty, open), `x`, `(x, y)` (major->minor), a trailing `?` when
 * open, then ` p1` for a priority.
 */
export function dimShardingToText(d: DimSharding): string {
  let out: string;
  if (d.axes.length === 0) out = d.closed ? '_' : '?';
  else {
    out = d.axes.length === 1 ? at(d.axes, 0, 'd.axes') : `(${d.axes.join(', ')})`;
    if (!d.closed) out += '?';
  }
  return d.priority !== undefined ? `${out} p${d.priority}` : out;
}

/** `[x, _, (x, y)?] replicated(y) unreduced(z)`: the form users write and every tool prints. */
export function shardingToText(s: Sharding): string {
  let out = `[${s.dims.map(dimShardingToText).join(', ')}]`;
  if (s.replicated.length > 0) out += ` replicated(${s.replicated.join(', ')})`;
  if (s.unreduced.length > 0) out += ` unreduced(${s.unreduced.join(', ')})`;
  return out;
}

const IDENT = /^[\p{L}_][\p{L}\p{N}_]*/u;

/** Parses shardingToText output (whitespace-insensitive) on the named mesh. */
export function parseShardingText(text: string, meshName: string): ShardingResult {
  let pos = 0;
  const skip = (): void => { while (pos < text.length && /\s/.test(at(text, pos, 'text'))) pos++; };
  const eat = (s: string): boolean => {
    skip();
    if (!text.startsWith(s, pos)) return false;
    pos += s.length;
    return true;
  };
  const where = (): string => (pos >= text.length ? 'at the end'
    : `at column ${pos + 1} ('${text.slice(pos, pos + 8)}')`);
  const ident = (): string | undefined => {
    skip();
    const m = IDENT.exec(text.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return m[0];
  };
  const fail = (what: string): ShardingResult => shardingError('shard-syntax',
    `expected ${what} ${where()} in sharding '${text.trim()}'`);
  const names = (): string[] | undefined => {
    const out: string[] = [];
    if (eat(')')) return out;
    do {
      const n = ident();
      if (n === undefined || n === '_') return undefined;
      out.push(n);
    } while (eat(','));
    return eat(')') ? out : undefined;
  };

  if (!eat('[')) return fail(`'['`);
  const dims: DimSharding[] = [];
  if (!eat(']')) {
    do {
      let axes: string[];
      let closed = true;
      if (eat('(')) {
        const list = names();
        if (!list || list.length === 0) return fail('axis names in parentheses');
        axes = list;
      } else if (eat('?')) {
        axes = [];
        closed = false;
      } else {
        const n = ident();
        if (n === undefined) return fail(`an axis, '_', '?' or '(axes)'`);
        axes = n === '_' ? [] : [n];
      }
      if (axes.length > 0 && eat('?')) closed = false;
      let priority: number | undefined;
      const save = pos;
      const p = ident();
      if (p !== undefined) {
        if (!/^p\d+$/.test(p)) { pos = save; return fail(`',' or ']'`); }
        priority = Number(p.slice(1));
      }
      dims.push(priority === undefined ? { axes, closed } : { axes, closed, priority });
    } while (eat(','));
    if (!eat(']')) return fail(`',' or ']'`);
  }
  let replicated: string[] = [];
  let unreduced: string[] = [];
  for (;;) {
    const save = pos;
    const kw = ident();
    if (kw === undefined) break;
    if (kw !== 'replicated' && kw !== 'unreduced') { pos = save; return fail(`'replicated(...)' or 'unreduced(...)'`); }
    if (!eat('(')) return fail(`'('`);
    const list = names();
    if (!list) return fail('axis names');
    if (kw === 'replicated') replicated = list; else unreduced = list;
  }
  skip();
  if (pos < text.length) return fail('the end');
  return { sharding: makeSharding(meshName, dims, { replicated, unreduced }) };
}

/** `f32[G@x, S, E@(x,y)]`, plus ` {unreduced: z}`: JAX's explicit-sharding type notation, with dim names. */
export function jaxTypeString(type: TensorType, s: Sharding): string {
  const dims = type.dims.map((d, i) => {
    const axes = s.dims[i]?.axes ?? [];
    if (axes.length === 0) return d.name;
    return axes.length === 1 ? `${d.name}@${axes[0]}` : `${d.name}@(${axes.join(',')})`;
  });
  const base = `${type.dtype}[${dims.join(', ')}]`;
  return s.unreduced.length > 0 ? `${base} {unreduced: ${s.unreduced.join(', ')}}` : base;
}
