// Checked access for values the code knows exist: a broken expectation is our bug, raised as InternalError.

/** A broken invariant of the toolchain itself (not of the user's program). */
export class InternalError extends Error {}

/** `xs[i]` (an array, string or typed array), which the caller knows is in range; `what` names it for the error. */
export function at<T>(xs: ArrayLike<T>, i: number, what: string): T {
  const x = xs[i];
  if (x === undefined) throw new InternalError(`${what}: index ${i} of ${xs.length} is missing`);
  return x;
}

/** `x`, which the caller knows is present; `why` says why it must be, for the error. */
export function must<T>(x: T | undefined | null, why: string): T {
  if (x === undefined || x === null) throw new InternalError(`missing value: ${why}`);
  return x;
}

/** `map.get(key)`, which the caller knows is set; `what` names the map for the error. */
export function got<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const v = map.get(key);
  if (v === undefined) throw new InternalError(`${what}: no entry for ${String(key)}`);
  return v;
}
