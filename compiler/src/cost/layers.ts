// Groups ops and params into "layers" for the per-layer report.
//
// An op's layer is `op.layer`, set by the lowering for ops inside layer instances (`moe_block y.0`);
// ops written in the model body belong to the top level. Programs without it fall back
// to `attrs.layer`, and then it comes from the name of the
// op's first result, which the lowering prefixes with the layer-instance path: `y.0.h` is binding `h`
// inside instance 0 of the repeated call bound to `y`, so its layer is `y.0`. The binding is the last
// non-numeric segment; what follows it (`y.0.h.1`, a uniquifying suffix) is dropped with it. A name with
// no path (`logits`) belongs to the top level.

import type { Op, Value } from '../ir/module.js';

export const TOP_LEVEL = '(top level)';

export function layerOfName(name: string): string {
  const parts = name.split('.');
  let i = parts.length - 1;
  while (i > 0 && /^\d+$/.test(parts[i] ?? '')) i--;
  return i <= 0 ? TOP_LEVEL : parts.slice(0, i).join('.');
}

export function layerOfOp(op: Op): string {
  if (op.layer) return op.layer;
  if (op.results.length > 0 && op.results.every((r) => r.globalName !== undefined) && !op.attrs['layer']) {
    return TOP_LEVEL;
  }
  const explicit = op.attrs['layer'];
  if (typeof explicit === 'string' && explicit !== '') return explicit;
  const first = op.results[0] ?? op.operands[0];
  return first ? layerOfName(first.name) : TOP_LEVEL;
}

export function layerOfValue(v: Value): string {
  return layerOfName(v.name);
}
