// One einsum's FLOPs by dim names: the one convention of the op's cost, the n-ary order search and the runner.

export type DimSize = (dim: string) => number;

/** What the convention counts, in the order the kernel and the StableHLO lowering do it. */
export interface EinsumFlopParts {
  /** Elements of the operands that have a summed dim of their own (one add per element, as reduce_sum). */
  readonly summedFirst: number;
  /** Product of the sizes of the distinct dims left once those are summed away: the product's loop. */
  readonly product: number;
  /** Whether some dim is in both operands and not the output: a multiply-add (2 FLOPs), else a multiply (1). */
  readonly contracts: boolean;
}

/** The convention from its parts (the order search computes them from bit masks). */
export function flopsOfParts(p: EinsumFlopParts): number {
  return p.summedFirst + (p.contracts ? 2 : 1) * p.product;
}

/**
 * FLOPs of `inputs -> output`. One operand: one operation per operand element (a reduction's add, a
 * transposition's move). Two: a dim in one operand only and not in the output is summed away first
 * (`BA,BC->BA` sums b over C: |B||C| adds), then the product over the distinct dims left costs 2 per
 * point when it contracts something (a matmul's multiply-add) and 1 when it does not (a broadcast multiply).
 */
export function einsumFlopsOf(inputs: readonly (readonly string[])[], output: readonly string[],
  size: DimSize): number {
  const elems = (dims: Iterable<string>) => {
    let p = 1;
    for (const d of dims) p *= size(d);
    return p;
  };
  const [a, b, ...more] = inputs;
  if (a === undefined || more.length > 0) throw new Error(`einsum FLOPs of ${inputs.length} operands (1 or 2)`);
  if (b === undefined) return elems(a);
  const out = new Set(output);
  const own = (x: readonly string[], y: readonly string[]) => x.filter((d) => !out.has(d) && !y.includes(d));
  const [ownA, ownB] = [own(a, b), own(b, a)];
  const left = new Set([...a, ...b].filter((d) => !ownA.includes(d) && !ownB.includes(d)));
  return flopsOfParts({
    summedFirst: (ownA.length > 0 ? elems(a) : 0) + (ownB.length > 0 ? elems(b) : 0),
    product: elems(left),
    contracts: a.some((d) => b.includes(d) && !out.has(d)),
  });
}
