// Owns running one non-collective op on NDArrays: the registry entry's kernel, shared by the reference
// interpreter and each simulated device.
import type { Op } from '../ir/module.js';
import type { TensorType } from '../ir/types.js';
import type { NDArray } from '../runtime/index.js';
import type { DeviceContext } from '../ops/entry.js';
import { COLLECTIVE_KINDS as KINDS, opEntry } from '../ops/registry.js';

export type { DeviceContext } from '../ops/entry.js';

/** The op kinds that move data between devices: the mesh simulator runs them, never evalOp. */
export const COLLECTIVE_KINDS: ReadonlySet<string> = new Set(KINDS);

/** Runs one op on its operands; `ctx` places a local op on its device. Never mutates the operands. */
export function evalOp(op: Op, args: readonly NDArray[], ctx?: DeviceContext): NDArray[] {
  const entry = opEntry(op.kind);
  if (!entry) throw new Error(`no kernel for op '${op.kind}'`);
  return entry.kernel(op, args, ctx);
}

/** Throws when an op's result does not have the type the IR says (names, sizes, dtype): a kernel or partitioner bug. */
export function checkResult(op: Op, index: number, r: NDArray, t: TensorType): void {
  const want = t.dims.map((d) => `${d.name}=${d.size}`).join(',');
  const got = r.dims.map((d, i) => `${d}=${r.shape[i]}`).join(',');
  const dtypeOk = r.dtype === t.dtype || (t.dtype === 'bool' && r.dtype === 'bool');
  if (want !== got || !dtypeOk) {
    throw new Error(`${op.kind} result ${index} is ${r.dtype}[${got}] but the IR says ${t.dtype}[${want}]`);
  }
}
