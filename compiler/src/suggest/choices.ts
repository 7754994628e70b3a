// Candidate shardings of one annotation site: pure functions from its dims, the mesh axes and the factor kinds
// its consumers' sharding rules give each dim.

import type { Mesh } from '../ir/mesh.js';

/** Per dim of the site: the mesh axis it is split on, or null (not split). Closed on every dim. */
export type Choice = readonly (string | null)[];

export function choiceText(c: Choice): string {
  return `[${c.map((a) => a ?? '_').join(', ')}]`;
}

export function choiceKey(c: Choice): string {
  return c.map((a) => a ?? '_').join(',');
}

export function isReplicated(c: Choice): boolean {
  return c.every((a) => a === null);
}

export interface ChoiceLimits {
  /** Allow a dim whose size the axis does not divide (padded tiles); default false. */
  readonly uneven?: boolean;
}

/**
 * Every way to put each mesh axis on at most one dim and each dim on at most one axis, keeping only splits
 * where the axis divides the dim (unless `uneven`) and the dim is not `blocked` for an op that reads the
 * tensor (such a split is gathered back whole before every use). Replicated first; then by fewer axes used.
 */
export function candidateChoices(sizes: readonly number[], mesh: Mesh, blocked: ReadonlySet<number>,
  limits: ChoiceLimits = {}): Choice[] {
  const axes = mesh.axes.filter((a) => a.size > 1);
  const allowed = (dim: number, axisSize: number): boolean => {
    const n = sizes[dim] ?? 0;
    if (blocked.has(dim) || n < axisSize) return false;
    return limits.uneven === true || n % axisSize === 0;
  };
  const out: Choice[] = [];
  const current: (string | null)[] = sizes.map(() => null);
  const place = (axis: number): void => {
    if (axis === axes.length) {
      out.push([...current]);
      return;
    }
    place(axis + 1); // this axis on no dim
    const a = axes[axis];
    if (!a) return;
    for (let d = 0; d < sizes.length; d++) {
      if (current[d] !== null || !allowed(d, a.size)) continue;
      current[d] = a.name;
      place(axis + 1);
      current[d] = null;
    }
  };
  place(0);
  const used = (c: Choice) => c.filter((a) => a !== null).length;
  return out.sort((x, y) => used(x) - used(y));
}

/** Bytes per device of a tensor of `sizes` under `c` (tiles rounded up, as the partitioner pads). */
export function choiceBytes(sizes: readonly number[], dtypeBytes: number, c: Choice, mesh: Mesh): number {
  let n = dtypeBytes;
  sizes.forEach((size, d) => {
    const axis = c[d];
    const k = axis ? mesh.axes.find((a) => a.name === axis)?.size ?? 1 : 1;
    n *= Math.ceil(size / k);
  });
  return n;
}
