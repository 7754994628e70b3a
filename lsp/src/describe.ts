// Text about IR values, shardings and collectives, shared by hover, inlay hints and code lenses.

import {
  DTYPE_BYTES, jaxTypeString, localShape, meshSize, renderTiles, shapeOf, shardingToText, typeToString,
  type Module, type Sharding, type Value,
} from '@gshard/compiler';
import type { Span } from '@gshard/grammar';
import { formatBytes } from './convert.js';
import type { CollectiveInfo } from './enrichment-view.js';

/** `f32[G@x, S, M]` when the sharding is known, else `f32[G, S, M]`. */
export function typeText(v: Value): string {
  const s = v.sharding ?? v.annotation;
  return s ? jaxTypeString(v.type, s) : typeToString(v.type);
}

export function localBytes(v: Value, module: Module): number {
  const shape = v.sharding ? localShape(shapeOf(v.type), v.sharding, module.mesh) : shapeOf(v.type);
  return shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[v.type.dtype];
}

export function globalBytes(v: Value): number {
  return shapeOf(v.type).reduce((a, b) => a * b, 1) * DTYPE_BYTES[v.type.dtype];
}

const at = (s: Span) => `line ${s.start.line}`;

/** Where the sharding came from: the annotation, then each op it travelled through. */
export function originText(v: Value): string {
  if (v.annotation) return 'annotated';
  // Right after opening, the parse-level answer: the type now, the inferred sharding once propagation is in.
  if (!v.sharding) return 'being inferred (sharding propagation is still running; hover again in a moment)';
  const o = v.origin;
  if (!o) return 'inferred (origin not recorded)';
  if (o.annotated) return 'annotated';
  const steps = o.chain.map((s, i) => {
    if (i === 0 && !s.through) return `annotation on \`${s.from}\` (${at(s.span)})`;
    const dir = s.direction ? `, ${s.direction}` : '';
    return s.through ? `${s.through} from \`${s.from}\` (${at(s.span)}${dir})` : `\`${s.from}\` (${at(s.span)})`;
  });
  return steps.length > 0 ? `inferred: ${steps.join(' → ')}` : 'inferred';
}

/** The markdown block describing one value: type, per-device shape and bytes, origin, tiles. */
export function describeValue(v: Value, module: Module, opts: { tiles: boolean } = { tiles: true }): string {
  const lines: string[] = ['```gshard', typeText(v), '```'];
  // An annotation is known from the first parse: the hover shows it before propagation has run.
  if (!v.sharding && v.annotation) v = { ...v, sharding: v.annotation };
  if (v.sharding) {
    const local = localShape(shapeOf(v.type), v.sharding, module.mesh);
    lines.push(`- per device: \`${v.type.dtype}[${local.join(', ')}]\`, ${formatBytes(localBytes(v, module))} ` +
      `(global ${formatBytes(globalBytes(v))}, ${meshSize(module.mesh)} devices on mesh \`${module.mesh.name}\`)`);
    lines.push(`- sharding \`${shardingToText(v.sharding)}\`: ${originText(v)}`);
  } else {
    lines.push(`- global shape \`[${shapeOf(v.type).join(', ')}]\`, ${formatBytes(globalBytes(v))}`);
    lines.push(`- sharding: ${originText(v)}`);
  }
  if (opts.tiles && v.sharding) lines.push('', '```text', tiles(v, v.sharding, module), '```');
  return lines.join('\n');
}

function tiles(v: Value, s: Sharding, module: Module): string {
  try {
    return renderTiles(v.type, s, module.mesh, { width: 64, maxTiles: 8 });
  } catch (e) {
    return `(no tile picture: ${e instanceof Error ? e.message : String(e)})`;
  }
}

/** `all_to_all over x (split E, concat G) of `t`: reason`. */
export function describeCollective(op: CollectiveInfo): string {
  const a = op.attrs;
  const axes = Array.isArray(a['axes']) ? ` over ${(a['axes'] as string[]).join(', ')}` : '';
  const detail = typeof a['split_dim'] === 'string' ? ` (split ${a['split_dim']}, concat ${String(a['concat_dim'])})`
    : typeof a['dim'] === 'string' ? ` (dim ${a['dim']})` : '';
  const operand = op.operand ? ` of \`${op.operand.name}\`` : '';
  return `\`${op.kind}\`${axes}${detail}${operand}${op.reason ? `: ${op.reason}` : ''}`;
}
