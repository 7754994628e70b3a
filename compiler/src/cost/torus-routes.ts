// Link loads on the chip torus: routes transfers with dimension-order routing and counts how many cross each link.

import { chipLocation, type Mesh } from '../ir/mesh.js';

/**
 * Directed ICI links of a chip grid. Link id = chip * 4 + direction, with directions
 * 0 = +col, 1 = -col, 2 = +row, 3 = -row. A grid dimension wraps only where the mesh topology
 * says so (TPU-v3: only a dimension spanning the pod's 32 chips has wraparound links).
 */
export class LinkLoads {
  readonly load: Float64Array;
  maxHops = 0;
  onChip = 0;      // amount moved between the two cores of one chip (no ICI)
  private readonly rows: number;
  private readonly cols: number;
  private readonly wrapRows: boolean;
  private readonly wrapCols: boolean;

  constructor(readonly mesh: Mesh) {
    const t = mesh.topology;
    this.rows = t.chipRows;
    this.cols = t.chipCols;
    this.wrapRows = t.wrapRows;
    this.wrapCols = t.wrapCols;
    this.load = new Float64Array(this.rows * this.cols * 4);
  }

  /** Adds `amount` on every link of the route from device a to device b; returns the hop count. */
  addDevices(a: number, b: number, amount: number): number {
    const la = chipLocation(this.mesh, a);
    const lb = chipLocation(this.mesh, b);
    if (la.chip === lb.chip) {
      if (a !== b) this.onChip = Math.max(this.onChip, amount);
      return 0;
    }
    return this.addChips(la.row, la.col, lb.row, lb.col, amount);
  }

  /** Dimension-order routing: along columns first, then along rows; the shorter way round on a wrapped dimension. */
  addChips(r0: number, c0: number, r1: number, c1: number, amount: number): number {
    let hops = 0;
    let r = r0;
    let c = c0;
    const [cSteps, cDir] = steps(c0, c1, this.cols, this.wrapCols);
    // hot loop: r < rows and c < cols, so every index below is inside load (rows * cols * 4 links)
    for (let i = 0; i < cSteps; i++) {
      this.load[(r * this.cols + c) * 4 + (cDir > 0 ? 0 : 1)]! += amount; // inside load (above)
      c = (c + cDir + this.cols) % this.cols;
      hops++;
    }
    const [rSteps, rDir] = steps(r0, r1, this.rows, this.wrapRows);
    for (let i = 0; i < rSteps; i++) {
      this.load[(r * this.cols + c) * 4 + (rDir > 0 ? 2 : 3)]! += amount; // inside load, as above
      r = (r + rDir + this.rows) % this.rows;
      hops++;
    }
    this.maxHops = Math.max(this.maxHops, hops);
    return hops;
  }

  max(): number {
    let m = 0;
    for (const x of this.load) if (x > m) m = x;
    return m;
  }
}

/** Number of steps and direction (+1/-1) from x to y on a line or ring of `size` positions. */
function steps(x: number, y: number, size: number, wrap: boolean): [number, number] {
  if (x === y) return [0, 1];
  if (!wrap) return [Math.abs(y - x), y > x ? 1 : -1];
  const fwd = (y - x + size) % size;
  return fwd <= size - fwd ? [fwd, 1] : [size - fwd, -1];
}
