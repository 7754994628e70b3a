// mulberry32: the one seeded PRNG of the project (inputs of `gshard run`, test data, fuzz edits).

/** A small, fast 32-bit PRNG with a fixed published definition, so numpy users can reproduce it. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
