// Pure sharding math between tensor dims and an op's factors (Shardy's projection): a dim's axes
// go to its factors major to minor; back again, a dim takes its factors' axes in order.

import type { Factor, ShardingRule } from '../ir/op-def.js';
import { axisSize, type Mesh } from '../ir/mesh.js';
import { at, got } from '../util/checked.js';

/** Product of the sizes of the named axes. */
export function axesProduct(mesh: Mesh, axes: readonly string[]): number {
  return axes.reduce((n, a) => n * (axisSize(mesh, a) ?? 1), 1);
}

/**
 * Splits a dim's axes over the dim's factors (major to minor). A factor takes axes while their
 * product divides its size; the next factor only gets axes once the previous one is fully split,
 * since otherwise the tiles would not be contiguous. Axes that fit nowhere are dropped (they
 * cannot be expressed on these factors).
 */
export function projectDim(mesh: Mesh, axes: readonly string[], factors: readonly Factor[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let i = 0;
  for (const f of factors) {
    const taken: string[] = [];
    let product = 1;
    while (i < axes.length) {
      const size = axisSize(mesh, at(axes, i, 'axes')) ?? 1;
      if (factors.length > 1 && f.size % (product * size) !== 0) break;
      taken.push(at(axes, i, 'axes'));
      product *= size;
      i++;
      if (factors.length > 1 && product === f.size) break;
    }
    out.set(f.name, taken);
    if (factors.length > 1 && product !== f.size) break;
  }
  return out;
}

/** The axes of a dim made of `factors`, given each factor's axes (inverse of projectDim). */
export function unprojectDim(mesh: Mesh, factorAxes: ReadonlyMap<string, readonly string[]>,
  factors: readonly Factor[]): string[] {
  const axes: string[] = [];
  for (const f of factors) {
    const fa = factorAxes.get(f.name) ?? [];
    axes.push(...fa);
    if (factors.length > 1 && axesProduct(mesh, fa) !== f.size) break;
  }
  return axes;
}

/** The factor objects of each dim of tensor `index` (operands first, then results). */
export function dimFactors(rule: ShardingRule, tensor: number, operandCount: number): Factor[][] {
  const byName = new Map(rule.factors.map((f) => [f.name, f]));
  const dims = tensor < operandCount ? rule.operands[tensor] : rule.results[tensor - operandCount];
  return (dims ?? []).map((names) => names.map((n) => got(byName, n, 'byName')).filter((f) => f !== undefined));
}

/** True when one axis list is a prefix of the other (they can merge into the longer). */
export function compatible(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
