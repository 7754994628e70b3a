// Sets of dim names as bit masks (one 32-bit word per 32 dims), for the einsum order search's inner loop.

import type { EinsumFlopParts } from '../ops/einsum-flops.js';

/** Sets of dims as bit masks, one 32-bit word per 32 dims, with the product of their sizes. */
export class DimSets {
  readonly words: number;
  private readonly index = new Map<string, number>();
  private readonly sizes: number[] = [];

  constructor(all: Iterable<string>, size: (dim: string) => number) {
    for (const d of all) {
      if (this.index.has(d)) continue;
      this.index.set(d, this.sizes.length);
      this.sizes.push(size(d));
    }
    this.words = Math.max(1, Math.ceil(this.sizes.length / 32));
  }

  of(dims: readonly string[]): Uint32Array {
    const m = new Uint32Array(this.words);
    for (const d of dims) {
      const i = this.index.get(d);
      if (i !== undefined) m[i >>> 5] = (m[i >>> 5] ?? 0) | (1 << (i & 31));
    }
    return m;
  }

  has(m: Uint32Array, dim: string): boolean {
    const i = this.index.get(dim);
    return i !== undefined && (((m[i >>> 5] ?? 0) >>> (i & 31)) & 1) === 1;
  }

  /** The product of the sizes of the dims in a | b. */
  unionProduct(a: Uint32Array, b: Uint32Array): number {
    let p = 1;
    for (let w = 0; w < this.words; w++) p *= this.wordProduct(w, (a[w] ?? 0) | (b[w] ?? 0));
    return p;
  }

  /**
   * What ops/einsum-flops.ts counts for a pair with dims a and b whose result keeps `kept`, without
   * allocating (the search's inner loop): a dim of one only, not kept, is summed first; one of both, not
   * kept, is contracted.
   */
  pairParts(a: Uint32Array, b: Uint32Array, kept: Uint32Array): EinsumFlopParts {
    let [ownA, ownB, contracts] = [false, false, false];
    let [pa, pb, left] = [1, 1, 1];
    for (let w = 0; w < this.words; w++) {
      const [x, y, k] = [a[w] ?? 0, b[w] ?? 0, kept[w] ?? 0];
      ownA ||= (x & ~(k | y)) !== 0;
      ownB ||= (y & ~(k | x)) !== 0;
      contracts ||= (x & y & ~k) !== 0;
      pa *= this.wordProduct(w, x);
      pb *= this.wordProduct(w, y);
      left *= this.wordProduct(w, (x | y) & (k | (x & y)));
    }
    return { summedFirst: (ownA ? pa : 0) + (ownB ? pb : 0), product: left, contracts };
  }

  /** The product of the sizes of the dims set in word w. */
  private wordProduct(w: number, word: number): number {
    let p = 1;
    let bits = word >>> 0;
    while (bits !== 0) {
      const low = bits & -bits;
      p *= this.sizes[w * 32 + 31 - Math.clz32(low)] ?? 1;
      bits = (bits ^ low) >>> 0;
    }
    return p;
  }
}

export const orWords = (a: Uint32Array, b: Uint32Array) => a.map((x, w) => x | (b[w] ?? 0));
export const andWords = (a: Uint32Array, b: Uint32Array) => a.map((x, w) => x & (b[w] ?? 0));
