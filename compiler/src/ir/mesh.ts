import { at } from '../util/checked.js';
// The Mesh value: named axes, the device id at each mesh position, and the physical TPU-v3 (or plain) topology.

export interface MeshAxis { readonly name: string; readonly size: number }

export interface Topology {
  readonly kind: 'tpu_v3' | 'plain';
  readonly chipRows: number; readonly chipCols: number;   // chip grid (plain: 1 x N, 1 core per chip)
  readonly coresPerChip: number;                          // 2 for tpu_v3
  // torus wraparound links (TPU-v3: only where that grid dimension is the full pod's 32)
  readonly wrapRows: boolean; readonly wrapCols: boolean;
}

export interface Mesh {
  readonly name: string;
  readonly axes: readonly MeshAxis[];
  readonly deviceIds: readonly number[];   // device id at each mesh position, row-major over axes; default iota
  readonly topology: Topology;
}

export interface MeshSpec {
  name: string; kind: 'tpu_v3' | 'plain'; axes: readonly MeshAxis[]; chips?: readonly [number, number];
  deviceIds?: readonly number[];
}

export interface MeshProblem { code: string; message: string; field: 'axes' | 'chips' | 'devices'; index?: number }

export interface ChipLocation {
  readonly chip: number; readonly core: number; readonly row: number; readonly col: number;
}

/** A full TPU-v3 pod: 32 x 32 chips, 2 cores each. */
export const MAX_TPU_V3_CORES = 2048;
/** The pod's chip grid side; wraparound links exist only along a grid dimension that spans it. */
export const TPU_V3_POD_SIDE = 32;
export const TPU_V3_CORES_PER_CHIP = 2;

/** Builds a mesh, or reports every problem with the spec (never throws). */
export function makeMesh(spec: MeshSpec): { mesh?: Mesh; problems: MeshProblem[] } {
  const problems: MeshProblem[] = [];
  const seen = new Set<string>();
  spec.axes.forEach((a, i) => {
    if (!Number.isInteger(a.size) || a.size < 1) {
      problems.push({ code: 'mesh-axis-size', field: 'axes', index: i,
        message: `mesh axis '${a.name}' must have a positive integer size, got ${a.size}` });
    }
    if (seen.has(a.name)) {
      problems.push({ code: 'mesh-duplicate-axis', field: 'axes', index: i,
        message: `mesh axis '${a.name}' is declared twice` });
    }
    seen.add(a.name);
  });
  if (problems.length > 0) return { problems };
  const n = spec.axes.reduce((p, a) => p * a.size, 1);

  let topology: Topology;
  if (spec.kind === 'tpu_v3') {
    if (n > MAX_TPU_V3_CORES) {
      problems.push({ code: 'mesh-too-large', field: 'axes',
        message: `a TPU-v3 pod has ${MAX_TPU_V3_CORES} cores (32x32 chips x 2); this mesh needs ${n}` });
      return { problems };
    }
    if (n > 1 && n % 2 === 1) {
      problems.push({ code: 'mesh-odd-cores', field: 'axes',
        message: `a TPU-v3 chip has 2 cores, so cores come in pairs; this mesh needs ${n}` });
      return { problems };
    }
    const [rows, cols] = spec.chips ?? defaultChipGrid(n);
    if (spec.chips) {
      spec.chips.forEach((c, i) => {
        if (!Number.isInteger(c) || c < 1) {
          problems.push({ code: 'mesh-chips-mismatch', field: 'chips', index: i,
            message: `chip grid dimension ${i} must be a positive integer, got ${c}` });
        } else if (c > TPU_V3_POD_SIDE) {
          problems.push({ code: 'mesh-chips-too-large', field: 'chips', index: i,
            message: `a TPU-v3 pod is ${TPU_V3_POD_SIDE}x${TPU_V3_POD_SIDE} chips; chip grid dimension ${i} is ${c}` });
        }
      });
      // A single-core mesh uses half of one chip: the only case where cores != 2 * chips.
      const cores = rows * cols * TPU_V3_CORES_PER_CHIP;
      if (problems.length === 0 && cores !== n && !(n === 1 && rows * cols === 1)) {
        problems.push({ code: 'mesh-chips-mismatch', field: 'chips',
          message: `chips [${rows}, ${cols}] hold ${cores} cores, but the mesh axes need ${n}` });
      }
    } else if (rows > TPU_V3_POD_SIDE || cols > TPU_V3_POD_SIDE) {
      problems.push({ code: 'mesh-chips-too-large', field: 'chips',
        message: `${n} cores do not fit a chip grid of at most ${TPU_V3_POD_SIDE}x${TPU_V3_POD_SIDE} (best is ` +
          `[${rows}, ${cols}]); give chips explicitly or use a power of two` });
    }
    topology = { kind: 'tpu_v3', chipRows: rows, chipCols: cols, coresPerChip: TPU_V3_CORES_PER_CHIP,
      wrapRows: rows === TPU_V3_POD_SIDE, wrapCols: cols === TPU_V3_POD_SIDE };
  } else {
    if (spec.chips && (spec.chips[0] !== 1 || spec.chips[1] !== n)) {
      problems.push({ code: 'mesh-chips-mismatch', field: 'chips',
        message: `a plain mesh is a 1 x ${n} row of single-core devices; got chips [${spec.chips[0]}, ` +
          `${spec.chips[1]}]` });
    }
    topology = { kind: 'plain', chipRows: 1, chipCols: n, coresPerChip: 1, wrapRows: false, wrapCols: false };
  }

  let deviceIds: number[];
  if (spec.deviceIds) {
    deviceIds = [...spec.deviceIds];
    if (deviceIds.length !== n) {
      problems.push({ code: 'mesh-devices-count', field: 'devices',
        message: `the mesh has ${n} positions, but ${deviceIds.length} device ids are listed` });
    } else {
      const firstIndex = new Map<number, number>();
      deviceIds.forEach((d, i) => {
        if (!Number.isInteger(d) || d < 0 || d >= n) {
          problems.push({ code: 'mesh-devices-not-permutation', field: 'devices', index: i,
            message: `device id ${d} at index ${i} is out of range: ids must be 0..${n - 1}` });
        } else if (firstIndex.has(d)) {
          problems.push({ code: 'mesh-devices-not-permutation', field: 'devices', index: i,
            message: `device id ${d} appears at index ${firstIndex.get(d)} and again at index ${i}` });
        } else firstIndex.set(d, i);
      });
      const missing: number[] = [];
      for (let d = 0; d < n; d++) if (!firstIndex.has(d)) missing.push(d);
      if (missing.length > 0 && !problems.some((p) => p.code === 'mesh-devices-not-permutation')) {
        problems.push({ code: 'mesh-devices-not-permutation', field: 'devices',
          message: `device ids must be a permutation of 0..${n - 1}; missing ${missing.slice(0, 8).join(', ')}` });
      }
    }
  } else {
    deviceIds = iota(n);
  }
  if (problems.length > 0) return { problems };
  const mesh: Mesh = Object.freeze({
    name: spec.name,
    axes: Object.freeze(spec.axes.map((a) => Object.freeze({ name: a.name, size: a.size }))),
    deviceIds: Object.freeze(deviceIds),
    topology: Object.freeze(topology),
  });
  return { mesh, problems };
}

/** Like makeMesh but throws on problems: for tests and internal constructions known to be valid. */
export function mustMakeMesh(spec: MeshSpec): Mesh {
  const { mesh, problems } = makeMesh(spec);
  if (!mesh) throw new Error(`invalid mesh '${spec.name}': ${problems.map((p) => p.message).join('; ')}`);
  return mesh;
}

export function iota(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export function meshSize(mesh: Mesh): number {
  return mesh.axes.reduce((p, a) => p * a.size, 1);
}

export function axisSize(mesh: Mesh, axis: string): number | undefined {
  return mesh.axes.find((a) => a.name === axis)?.size;
}

export function axisNames(mesh: Mesh): string[] {
  return mesh.axes.map((a) => a.name);
}

export function axisIndex(mesh: Mesh, axis: string): number {
  return mesh.axes.findIndex((a) => a.name === axis);
}

export function isIotaMesh(mesh: Mesh): boolean {
  return mesh.deviceIds.every((d, i) => d === i);
}

/** Per-axis coordinates of a row-major mesh position (last axis fastest). */
export function coordsOfPosition(mesh: Mesh, position: number): number[] {
  const coords = new Array<number>(mesh.axes.length).fill(0);
  let rest = position;
  for (let i = mesh.axes.length - 1; i >= 0; i--) {
    const size = at(mesh.axes, i, 'mesh.axes').size;
    coords[i] = rest % size;
    rest = Math.floor(rest / size);
  }
  return coords;
}

export function positionOfCoords(mesh: Mesh, coords: readonly number[]): number {
  let p = 0;
  mesh.axes.forEach((a, i) => { p = p * a.size + (coords[i] ?? 0); });
  return p;
}

/** Inverse of deviceIds; -1 when the id is not on the mesh. */
export function positionOfDevice(mesh: Mesh, deviceId: number): number {
  return mesh.deviceIds.indexOf(deviceId);
}

export function deviceAtCoords(mesh: Mesh, coords: readonly number[]): number {
  return at(mesh.deviceIds, positionOfCoords(mesh, coords), 'mesh.deviceIds');
}

/** Coordinates of a device id on the mesh axes. */
export function coordsOfDevice(mesh: Mesh, deviceId: number): number[] {
  return coordsOfPosition(mesh, positionOfDevice(mesh, deviceId));
}

/** Where a device sits physically: device d is core d % coresPerChip of chip floor(d / coresPerChip). */
export function chipLocation(mesh: Mesh, deviceId: number): ChipLocation {
  const t = mesh.topology;
  const chip = Math.floor(deviceId / t.coresPerChip);
  return { chip, core: deviceId % t.coresPerChip, row: Math.floor(chip / t.chipCols), col: chip % t.chipCols };
}

/** Chip-to-chip hops between two devices on the 2D torus (0 for the two cores of one chip). */
export function torusHops(mesh: Mesh, a: number, b: number): number {
  const t = mesh.topology;
  const la = chipLocation(mesh, a);
  const lb = chipLocation(mesh, b);
  const dist = (x: number, y: number, size: number, wrap: boolean): number => {
    const d = Math.abs(x - y);
    return wrap ? Math.min(d, size - d) : d;
  };
  return dist(la.row, lb.row, t.chipRows, t.wrapRows) + dist(la.col, lb.col, t.chipCols, t.wrapCols);
}

/**
 * Groups of device ids that differ only along `axes`. Inside a group, devices are ordered by their
 * coordinates on `axes` (the first listed axis is major); groups are ordered row-major over the other axes.
 * This is the replica_groups operand of a collective over those axes.
 */
export function replicaGroups(mesh: Mesh, axes: readonly string[]): number[][] {
  const inGroup = axes.map((a) => axisIndex(mesh, a));
  if (inGroup.some((i) => i < 0)) {
    throw new Error(`replicaGroups: unknown axis in [${axes.join(', ')}] on mesh ${mesh.name}`);
  }
  const outer = mesh.axes.map((_, i) => i).filter((i) => !inGroup.includes(i));
  const outerSizes = outer.map((i) => at(mesh.axes, i, 'mesh.axes').size);
  const innerSizes = inGroup.map((i) => at(mesh.axes, i, 'mesh.axes').size);
  const groups: number[][] = [];
  const coords = new Array<number>(mesh.axes.length).fill(0);
  for (const oc of cartesian(outerSizes)) {
    outer.forEach((ax, k) => { coords[ax] = at(oc, k, 'oc'); });
    const group: number[] = [];
    for (const ic of cartesian(innerSizes)) {
      inGroup.forEach((ax, k) => { coords[ax] = at(ic, k, 'ic'); });
      group.push(deviceAtCoords(mesh, coords));
    }
    groups.push(group);
  }
  return groups;
}

/** All index tuples of a box of the given sizes, row-major (last fastest). */
export function cartesian(sizes: readonly number[]): number[][] {
  const out: number[][] = [];
  const total = sizes.reduce((p, s) => p * s, 1);
  for (let k = 0; k < total; k++) {
    const c = new Array<number>(sizes.length).fill(0);
    let rest = k;
    for (let i = sizes.length - 1; i >= 0; i--) {
      const size = at(sizes, i, 'axis sizes');
      c[i] = rest % size;
      rest = Math.floor(rest / size);
    }
    out.push(c);
  }
  return out;
}

/**
 * The chip grid a TPU-v3 slice of `cores` cores gets by default: the squarest [rows, cols] with rows <= cols.
 * 8 -> [2,2], 16 -> [2,4], 32 -> [4,4], 128 -> [8,8], 2048 -> [32,32]. A single core uses one chip.
 */
export function defaultChipGrid(cores: number): [number, number] {
  const chips = Math.max(1, Math.ceil(cores / TPU_V3_CORES_PER_CHIP));
  let rows = 1;
  for (let r = 1; r * r <= chips; r++) if (chips % r === 0) rows = r;
  return [rows, chips / rows];
}

/**
 * `tpu_v3 [x = 4, y = 4] chips [2, 4]`, or `[x = 2, y = 4] devices [0, 2, 4, 6, 1, 3, 5, 7]` (devices only when not
 * iota).
 */
export function meshToString(mesh: Mesh): string {
  const parts: string[] = [];
  if (mesh.topology.kind === 'tpu_v3') parts.push('tpu_v3');
  parts.push(`[${mesh.axes.map((a) => `${a.name} = ${a.size}`).join(', ')}]`);
  if (mesh.topology.kind === 'tpu_v3') parts.push(`chips [${mesh.topology.chipRows}, ${mesh.topology.chipCols}]`);
  if (!isIotaMesh(mesh)) parts.push(`devices [${mesh.deviceIds.join(', ')}]`);
  return parts.join(' ');
}

/** `[tpu_v3] [axes] [chips [r, c]] [devices [...]]`: groups 1 kind, 2 axes, 3-4 chips, 5 devices. */
const MESH_TEXT = new RegExp(String.raw`^\s*(tpu_v3\s+)?\[([^\]]*)\](?:\s+chips\s*\[\s*(\d+)\s*,\s*(\d+)\s*\])?`
  + String.raw`(?:\s+devices\s*\[([^\]]*)\])?\s*$`);

/** Parses meshToString output back into a spec (validate it with makeMesh). */
export function parseMeshText(text: string, name: string): MeshSpec | { error: string } {
  const m = MESH_TEXT.exec(text);
  if (!m) return { error: `expected a mesh like 'tpu_v3 [x = 4, y = 4]', got '${text}'` };
  const axes: MeshAxis[] = [];
  const body = at(m, 2, 'm').trim();
  if (body !== '') {
    for (const part of body.split(',')) {
      const am = /^\s*([\p{L}_][\p{L}\p{N}_]*)\s*=\s*(\d+)\s*$/u.exec(part);
      if (!am) return { error: `expected an axis like 'x = 4', got '${part.trim()}'` };
      axes.push({ name: at(am, 1, 'am'), size: Number(am[2]) });
    }
  }
  const spec: MeshSpec = { name, kind: m[1] ? 'tpu_v3' : 'plain', axes };
  if (m[3] !== undefined) spec.chips = [Number(m[3]), Number(m[4])];
  if (m[5] !== undefined) {
    const ids = m[5].split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (ids.some((s) => !/^\d+$/.test(s))) return { error: `device ids must be non-negative integers: [${m[5]}]` };
    spec.deviceIds = ids.map(Number);
  }
  return spec;
}
