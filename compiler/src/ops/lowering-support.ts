// What several ops' lowerings share: sizes read off a named value's positional shape (StableHLO) and
// operands broadcast by name to the result (jax).

import type { Op } from '../ir/module.js';
import type { Named } from '../emit/stablehlo-emit.js';
import { alignPy, dimsOf } from '../emit/jax-expr.js';
import { at } from '../util/checked.js';

/** The size of `x`'s dim `dim`, which the verified op being lowered says it has. */
export const namedSize = (x: Named, dim: string): number =>
  at(x.ssa.type.shape, x.dims.indexOf(dim), `dim ${dim} of [${x.dims.join(', ')}]`);

/** How many elements the dims `over` of `x` hold together (what a mean over them divides by). */
export const countOver = (x: Named, over: readonly string[]): number =>
  over.reduce((n, d) => n * namedSize(x, d), 1);

/** Every operand in the result's layout (transposed, broadcast), as Python expressions. */
export function pyAligned(op: Op, arg: (i: number) => string): string[] {
  const r = dimsOf(at(op.results, 0, op.kind));
  return op.operands.map((v, i) => alignPy(arg(i), dimsOf(v), r));
}
