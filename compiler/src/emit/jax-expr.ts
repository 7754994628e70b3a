// The vocabulary of the JAX exporter: Python expressions for named-dim values (alignment by
// name, einsum subscripts, literals) and the helper functions a script may need. Op entries build
// their jax.numpy expression from these.

import type { Op, Value } from '../ir/module.js';
import type { DType } from '../ir/types.js';
import { ExportError } from './export-error.js';
import { at, got } from '../util/checked.js';

export const JNP_DTYPE: Readonly<Record<DType, string>> = { f32: 'jnp.float32', bf16: 'jnp.bfloat16', i32: 'jnp.int32',
  bool: 'jnp.bool_' };

/** A Python helper function an expression calls; written once above the model function. */
export interface JaxHelper {
  readonly name: string;
  /** Position among the helpers in the script (fixed, so the script text does not depend on op order). */
  readonly order: number;
  readonly source: string;
}

/**
 * The right-hand side for one op (a tuple for ops with two results). `arg(i)` is operand i's Python
 * name; `helpers` collects the helper functions the expression calls.
 */
export type JaxLowering = (op: Op, arg: (i: number) => string, helpers: Map<string, JaxHelper>) => string;

export const dimsOf = (v: Value): string[] => v.type.dims.map((d) => d.name);
export const axisOf = (v: Value, dim: string): number => dimsOf(v).indexOf(dim);
export const tuple = (xs: readonly (number | string)[]): string => (xs.length === 1 ? `(${xs[0]},)`
  : `(${xs.join(', ')})`);

/** Python float literal for a constant. */
export function pyNumber(v: number, dtype: DType): string {
  if (dtype === 'bool') return v !== 0 ? 'True' : 'False';
  if (dtype === 'i32') return String(Math.trunc(v));
  if (Number.isNaN(v)) return 'float("nan")';
  if (!Number.isFinite(v)) return v > 0 ? 'float("inf")' : 'float("-inf")';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/**
 * `expr` (with dims `from`) laid out as `to`: a transpose into the target's relative order, then
 * `[:, None, :]` indexing for the dims it lacks. Scalars broadcast by themselves.
 */
export function alignPy(expr: string, from: readonly string[], to: readonly string[]): string {
  if (from.length === 0 || (from.length === to.length && from.every((d, i) => d === to[i]))) return expr;
  const order = to.filter((d) => from.includes(d));
  let out = expr;
  if (order.some((d, i) => d !== from[i])) out = `jnp.transpose(${out}, ${tuple(order.map((d) => from.indexOf(d)))})`;
  if (order.length === to.length) return out;
  return `${out}[${to.map((d) => (from.includes(d) ? ':' : 'None')).join(', ')}]`;
}

/**
 * Subscripts for jnp.einsum: the dim names themselves when all are single letters, else letters in order of appearance.
 */
export function einsumSubscripts(inputs: readonly (readonly string[])[], output: readonly string[]): string {
  const all = [...inputs.flat(), ...output];
  const letters = new Map<string, string>();
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const single = all.every((d) => /^[A-Za-z]$/.test(d));
  for (const d of all) if (!letters.has(d)) letters.set(d, single ? d : at(alphabet, letters.size, 'alphabet'));
  if (letters.size > alphabet.length) {
    throw new ExportError(`an einsum with ${letters.size} distinct dims exceeds jnp.einsum's 52 letters`);
  }
  const term = (t: readonly string[]): string => t.map((d) => got(letters, d, 'letters')).join('');
  return `${inputs.map(term).join(',')}->${term(output)}`;
}

