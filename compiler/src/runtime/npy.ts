// Owns .npy files: numpy format 1.0 (reads 2.0/3.0 too), little-endian <f4 and <i4, bool as |b1, C order.
import { readFileSync, writeFileSync } from 'node:fs';
import type { DType } from '../ir/types.js';
import { at } from '../util/checked.js';
import { allocData, makeArray, type NDArray } from './ndarray.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function descrOf(dtype: DType): string {
  // numpy has no bf16: bf16 values (already bf16-rounded) are saved as f32, exactly
  return dtype === 'bool' ? '|b1' : dtype === 'i32' ? '<i4' : '<f4';
}

/** The bytes of a .npy file holding `a` (header padded with spaces and a newline to a multiple of 64, as numpy). */
export function encodeNpy(a: NDArray): Uint8Array {
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${descrOf(a.dtype)}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  if (header.length > 0xffff) throw new Error('npy header too long for format 1.0');
  const n = a.data.length;
  const itemSize = a.dtype === 'bool' ? 1 : 4;
  const out = new Uint8Array(10 + header.length + n * itemSize);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const body = 10 + header.length;
  if (a.dtype === 'bool') {
    for (let i = 0; i < n; i++) out[body + i] = a.data[i] !== 0 ? 1 : 0;
  } else {
    const dv = new DataView(out.buffer, body);
    // i < n = a.data.length in both loops
    if (a.data instanceof Float32Array) for (let i = 0; i < n; i++) dv.setFloat32(i * 4, a.data[i]!, true);
    else for (let i = 0; i < n; i++) dv.setInt32(i * 4, a.data[i]!, true); // i < n = a.data.length
  }
  return out;
}

/** What the caller expects of a .npy file: its shape, and which dtype `<f4` data becomes. */
export interface NpyOptions {
  readonly shape?: readonly number[];
  readonly dtype?: DType;
}

/**
 * Parses .npy bytes. The file has no dim names, so the caller supplies `dims` (rank must match),
 * and optionally the shape it expects. `dtype` picks f32 vs bf16 for `<f4` data (default f32).
 */
export function decodeNpy(bytes: Uint8Array, dims: readonly string[], options: NpyOptions = {}): NDArray {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) throw new Error('not a .npy file (bad magic)');
  const major = at(bytes, 6, 'npy bytes'); // the file has at least 10 bytes
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new Error(`npy: cannot parse header ${JSON.stringify(header)}`);
  }
  if (fortran === 'True') {
    throw new Error('npy: Fortran-order arrays are not supported (save with np.ascontiguousarray)');
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const has = `npy: file has shape (${shape.join(', ')})`;
  if (shape.length !== dims.length) {
    throw new Error(`${has}, rank ${shape.length}, but dims [${dims.join(', ')}] were given`);
  }
  if (options.shape && options.shape.join() !== shape.join()) {
    throw new Error(`${has}, expected (${options.shape.join(', ')})`);
  }
  const n = shape.reduce((p, s) => p * s, 1);
  const body = start + headerLen;
  let dtype: DType;
  if (descr === '<f4') dtype = options.dtype === 'bf16' ? 'bf16' : 'f32';
  else if (descr === '<i4') dtype = 'i32';
  else if (descr === '|b1') dtype = 'bool';
  else throw new Error(`npy: dtype '${descr}' not supported (use <f4, <i4 or |b1)`);
  if (options.dtype && options.dtype !== dtype) throw new Error(`npy: file holds ${descr}, expected ${options.dtype}`);
  const itemSize = dtype === 'bool' ? 1 : 4;
  if (bytes.length < body + n * itemSize) {
    throw new Error(`npy: file truncated: ${bytes.length - body} data bytes for ${n} elements`);
  }
  const data = allocData(dtype, n);
  if (dtype === 'bool') for (let i = 0; i < n; i++) data[i] = bytes[body + i] !== 0 ? 1 : 0;
  else {
    const bd = new DataView(bytes.buffer, bytes.byteOffset + body);
    if (data instanceof Float32Array) for (let i = 0; i < n; i++) data[i] = bd.getFloat32(i * 4, true);
    else for (let i = 0; i < n; i++) data[i] = bd.getInt32(i * 4, true);
  }
  const arr = makeArray(dtype, dims, shape, data);
  return arr;
}

export function writeNpy(path: string, a: NDArray): void {
  writeFileSync(path, encodeNpy(a));
}

export function readNpy(path: string, dims: readonly string[], options: NpyOptions = {}): NDArray {
  return decodeNpy(new Uint8Array(readFileSync(path)), dims, options);
}
