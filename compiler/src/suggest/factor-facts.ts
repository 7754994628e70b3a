// What the op registry's sharding rules say about a site's dims: the dims some reading op treats as `blocked`
// (gathered whole before it runs), which no candidate splits.

import type { Module } from '../ir/module.js';
import { ruleOf } from '../partition/op-plan.js';
import type { BoundSite } from './sites.js';

export function blockedDims(site: BoundSite, module: Module): Set<number> {
  const values = new Set(site.values.map((v) => v.id));
  const blocked = new Set<number>();
  for (const op of module.ops) {
    op.operands.forEach((v, i) => {
      if (!values.has(v.id)) return;
      const rule = ruleOf(op);
      const kinds = new Map(rule.factors.map((f) => [f.name, f.kind]));
      (rule.operands[i] ?? []).forEach((factors, d) => {
        if (factors.some((f) => kinds.get(f) === 'blocked')) blocked.add(d);
      });
    });
  }
  return blocked;
}
