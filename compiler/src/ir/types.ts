import { at } from '../util/checked.js';
// Tensor types with named dims: the dtype plus an ordered list of (name, size) dims.

export type DType = 'f32' | 'bf16' | 'i32' | 'bool';

export const DTYPES: readonly DType[] = ['f32', 'bf16', 'i32', 'bool'];

/** Bytes per element as stored on a TPU (bool as one byte). */
export const DTYPE_BYTES: Readonly<Record<DType, number>> = { f32: 4, bf16: 2, i32: 4, bool: 1 };

export function isDType(name: string): name is DType {
  return (DTYPES as readonly string[]).includes(name);
}

/** A named dimension. Names are the identity of a dim: einsum subscripts and sharding rules use them. */
export interface Dim {
  readonly name: string;
  readonly size: number;
}

export interface TensorType {
  readonly dtype: DType;
  readonly dims: readonly Dim[];
}

export function tensorType(dtype: DType, dims: readonly Dim[]): TensorType {
  return { dtype, dims };
}

export function rank(t: TensorType): number {
  return t.dims.length;
}

export function shapeOf(t: TensorType): number[] {
  return t.dims.map((d) => d.size);
}

export function dimNames(t: TensorType): string[] {
  return t.dims.map((d) => d.name);
}

export function elementCount(t: TensorType): number {
  return t.dims.reduce((n, d) => n * d.size, 1);
}

export function byteSize(t: TensorType): number {
  return elementCount(t) * DTYPE_BYTES[t.dtype];
}

export function typesEqual(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && a.dims.length === b.dims.length &&
    a.dims.every((d, i) => d.name === at(b.dims, i, 'b.dims').name && d.size === at(b.dims, i, 'b.dims').size);
}

/** `f32[G, S, M]`: the short form used in messages and hovers. */
export function typeToString(t: TensorType): string {
  return `${t.dtype}[${t.dims.map((d) => d.name).join(', ')}]`;
}

/** `f32[G=16, S=64, M=32]`: the canonical IR form, with sizes. */
export function typeToStringWithSizes(t: TensorType): string {
  return `${t.dtype}[${t.dims.map((d) => `${d.name}=${d.size}`).join(', ')}]`;
}

/** Parses `typeToStringWithSizes` output; returns undefined on malformed text. */
export function parseTypeWithSizes(text: string): TensorType | undefined {
  const m = /^\s*(f32|bf16|i32|bool)\[(.*)\]\s*$/.exec(text);
  if (!m) return undefined;
  const body = at(m, 2, 'm').trim();
  if (body === '') return tensorType(m[1] as DType, []);
  const dims: Dim[] = [];
  for (const part of body.split(',')) {
    const dm = /^\s*([\p{L}_][\p{L}\p{N}_]*)=(\d+)\s*$/u.exec(part);
    if (!dm) return undefined;
    dims.push({ name: at(dm, 1, 'dm'), size: Number(dm[2]) });
  }
  return tensorType(m[1] as DType, dims);
}
