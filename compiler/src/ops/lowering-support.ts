// What several ops' StableHLO lowerings share: sizes read off a named value's positional shape.

import type { Named } from '../emit/stablehlo-emit.js';
import { at } from '../util/checked.js';

/** The size of `x`'s dim `dim`, which the verified op being lowered says it has. */
export const namedSize = (x: Named, dim: string): number =>
  at(x.ssa.type.shape, x.dims.indexOf(dim), `dim ${dim} of [${x.dims.join(', ')}]`);

/** How many elements the dims `over` of `x` hold together (what a mean over them divides by). */
export const countOver = (x: Named, over: readonly string[]): number =>
  over.reduce((n, d) => n * namedSize(x, d), 1);
