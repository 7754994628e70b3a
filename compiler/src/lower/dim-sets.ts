// Sets of dim names as bit masks (one 32-bit word per 32 dims), for the einsum order search's inner loop.

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

  /** The product of the sizes of the dims in m. */
  product(m: Uint32Array): number {
    return this.unionProduct(m, m);
  }

  /** The product of the sizes of the dims in a | b. */
  unionProduct(a: Uint32Array, b: Uint32Array): number {
    let p = 1;
    for (let w = 0; w < this.words; w++) {
      let bits = ((a[w] ?? 0) | (b[w] ?? 0)) >>> 0;
      while (bits !== 0) {
        const low = bits & -bits;
        p *= this.sizes[w * 32 + 31 - Math.clz32(low)] ?? 1;
        bits = (bits ^ low) >>> 0;
      }
    }
    return p;
  }
}

export const orWords = (a: Uint32Array, b: Uint32Array) => a.map((x, w) => x | (b[w] ?? 0));
export const andWords = (a: Uint32Array, b: Uint32Array) => a.map((x, w) => x & (b[w] ?? 0));
/** a without b's dims. */
export const minusWords = (a: Uint32Array, b: Uint32Array) => a.map((x, w) => x & ~(b[w] ?? 0));
export const isEmptyWords = (a: Uint32Array) => a.every((x) => x === 0);
