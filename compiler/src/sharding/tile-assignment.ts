// Device arrays (GSPMD tile assignments): built from mesh axis groups, read back into axes, and iota forms.

import { axisIndex, cartesian, deviceAtCoords, meshSize, positionOfDevice, type Mesh } from '../ir/mesh.js';
import { at, got } from '../util/checked.js';

/** A device array of `shape`, flattened row-major: XLA's TileAssignment. */
export interface TileAssignment { readonly shape: readonly number[]; readonly devices: readonly number[] }

/**
 * The mesh's device array transposed so the axes of `groups` come first-to-last in the order given, then
 * reshaped so each group is one dimension (its size is the product of its axes). This is step 2-5 of
 * TF's mesh_split_sharding (gshard-gspmd.md §1.2). Axes in no group must have size 1.
 */
export function tileAssignmentOfGroups(mesh: Mesh, groups: readonly (readonly string[])[]): TileAssignment {
  const order = groups.flat().map((a) => {
    const i = axisIndex(mesh, a);
    if (i < 0) throw new Error(`tileAssignmentOfGroups: unknown axis '${a}' on mesh ${mesh.name}`);
    return i;
  });
  mesh.axes.forEach((a, i) => {
    if (!order.includes(i) && a.size !== 1) throw new Error(`tileAssignmentOfGroups: axis '${a.name}' is in no group`);
  });
  const shape = groups.map((g) => g.reduce((p, a) => p * at(mesh.axes, axisIndex(mesh, a), 'mesh.axes').size, 1));
  const coords = new Array<number>(mesh.axes.length).fill(0);
  const devices = cartesian(order.map((i) => at(mesh.axes, i, 'mesh.axes').size)).map((digits) => {
    order.forEach((ax, k) => { coords[ax] = at(digits, k, 'digits'); });
    return deviceAtCoords(mesh, coords);
  });
  return { shape, devices };
}

/**
 * Reads a device array back as mesh axes: for each dimension of `shape`, the axes that move along it,
 * major->minor. Each axis is found by stepping it by one from the mesh origin and seeing which index of
 * the array moves, and by how much (its stride); the result is then rebuilt and compared, so any device
 * order that is not a transpose of this mesh is refused. Size-1 axes are left out.
 * With `replicaLast`, the last dimension is a replica group whose order carries no meaning (XLA sorts
 * it too): each group is first sorted by mesh position, so any listing of the same groups is accepted.
 */
export function axesOfTileAssignment(mesh: Mesh, given: TileAssignment,
  replicaLast = false): { groups: string[][] } | { error: string } {
  const ta = replicaLast ? sortReplicaGroups(mesh, given) : given;
  const n = meshSize(mesh);
  if (ta.devices.length !== n) return { error: `${ta.devices.length} devices listed, mesh ${mesh.name} has ${n}` };
  const cells = ta.shape.reduce((p, s) => p * s, 1);
  if (cells !== n) {
    return { error: `a device array of shape [${ta.shape.join(',')}] has ${cells} cells, mesh ${mesh.name} has ` +
      `${n} devices` };
  }
  const where = new Map<number, number>();
  ta.devices.forEach((d, i) => where.set(d, i));
  const indexOf = (device: number): number[] => {
    let rest = got(where, device, 'where');
    const idx = new Array<number>(ta.shape.length).fill(0);
    for (let k = ta.shape.length - 1; k >= 0; k--) {
      const size = at(ta.shape, k, 'tile assignment shape');
      idx[k] = rest % size;
      rest = Math.floor(rest / size);
    }
    return idx;
  };
  const zero = new Array<number>(mesh.axes.length).fill(0);
  const base = indexOf(deviceAtCoords(mesh, zero));
  const found: { axis: string; stride: number }[][] = ta.shape.map(() => []);
  for (let i = 0; i < mesh.axes.length; i++) {
    const axis = at(mesh.axes, i, 'mesh.axes');
    if (axis.size === 1) continue;
    const step = [...zero];
    step[i] = 1;
    const moved = indexOf(deviceAtCoords(mesh, step));
    const changed = moved.flatMap((v, k) => (v !== base[k] ? [{ k, delta: v - at(base, k, 'base index') }] : []));
    const [only] = changed;
    if (changed.length !== 1 || only === undefined || only.delta < 0) {
      return { error: `mesh axis '${axis.name}' does not move along a single dimension of the device array` };
    }
    at(found, only.k, 'axes per dim').push({ axis: axis.name, stride: only.delta });
  }
  const groups = found.map((g) => g.sort((a, b) => b.stride - a.stride).map((e) => e.axis));
  const rebuilt = tileAssignmentOfGroups(mesh, groups);
  const same = rebuilt.shape.every((s, k) => s === ta.shape[k]) && rebuilt.devices.every((d, k) => d === ta.devices[k]);
  if (!same) return { error: `the device order is not a split of mesh ${mesh.name} over its axes` };
  return { groups };
}

function sortReplicaGroups(mesh: Mesh, ta: TileAssignment): TileAssignment {
  const r = ta.shape[ta.shape.length - 1] ?? 1;
  const devices: number[] = [];
  for (let i = 0; i < ta.devices.length; i += r) {
    devices.push(...ta.devices.slice(i, i + r).sort((a, b) => positionOfDevice(mesh, a) - positionOfDevice(mesh, b)));
  }
  return { shape: ta.shape, devices };
}

/** Checks a device list is a permutation of the mesh's device ids; returns a message naming the first offender. */
export function permutationError(devices: readonly number[], mesh: Mesh): string | undefined {
  const seen = new Map<number, number>();
  for (let i = 0; i < devices.length; i++) {
    const d = at(devices, i, 'devices');
    if (positionOfDevice(mesh, d) < 0) {
      return `device ${d} at index ${i} is not on mesh ${mesh.name} (ids 0..${meshSize(mesh) - 1})`;
    }
    if (seen.has(d)) return `device ${d} appears at index ${seen.get(d)} and again at index ${i}`;
    seen.set(d, i);
  }
  return undefined;
}

/** The iota form `reshape(iota(N), reshape)` transposed by `perm`: XLA's `<=[8,4]T(1,0)`. */
export interface IotaForm { readonly reshape: readonly number[]; readonly perm: readonly number[] }

/** Expands an iota form to its device list. */
export function expandIota(form: IotaForm): number[] {
  const { reshape, perm } = form;
  const outShape = perm.map((p) => at(reshape, p, 'reshape'));
  const inCoord = new Array<number>(reshape.length).fill(0);
  return cartesian(outShape).map((out) => {
    perm.forEach((p, j) => { inCoord[p] = at(out, j, 'out'); });
    return inCoord.reduce((v, c, k) => v * at(reshape, k, 'reshape') + c, 0);
  });
}

/**
 * Finds the canonical iota form of a device list, if it has one (XLA prints that form whenever it can).
 * Reads the list as output dims from minor to major: each dim is a maximal run of equal steps. Sorting
 * the dims by stride gives the reshape; their output order gives the transpose. Adjacent dims that stay
 * adjacent are merged by the maximal runs, and size-1 dims never appear, so the form is the minimal one.
 */
export function iotaFormOf(devices: readonly number[]): IotaForm | undefined {
  const n = devices.length;
  if (n === 0 || devices[0] !== 0) return undefined;
  const dims: { size: number; stride: number }[] = [];
  let block = 1;
  while (block < n) {
    const stride = at(devices, block, 'devices');
    let r = 1;
    while (r * block < n && devices[r * block] === r * stride) r++;
    while (r > 1 && n % (r * block) !== 0) r--;
    if (r <= 1) return undefined;
    dims.unshift({ size: r, stride });
    block *= r;
  }
  const byStride = dims.map((d, j) => ({ ...d, j })).sort((a, b) => b.stride - a.stride);
  let expected = 1;
  for (let k = byStride.length - 1; k >= 0; k--) {
    if (at(byStride, k, 'byStride').stride !== expected) return undefined;
    expected *= at(byStride, k, 'byStride').size;
  }
  const reshape = byStride.map((d) => d.size);
  const perm = dims.map((_, j) => byStride.findIndex((d) => d.j === j));
  const form = perm.every((p, j) => p === j) ? { reshape: [n], perm: [0] } : { reshape, perm };
  const back = expandIota(form);
  return back.every((d, i) => d === devices[i]) ? form : undefined;
}

/** `<=[8]` or `<=[8,4]T(1,0)`. */
export function iotaFormToString(form: IotaForm): string {
  const identity = form.perm.every((p, j) => p === j);
  return `<=[${form.reshape.join(',')}]${identity ? '' : `T(${form.perm.join(',')})`}`;
}
