// The bar a parameter after training steps is held to: its run tolerance plus each step's gradient
// tolerance propagated through the optimizer's update (`Optimizer.stepError`), element by element.
import type { Module, TrainingLayout } from '../ir/module.js';
import type { NDArray } from '../runtime/index.js';
import { OPTIMIZERS } from '../train/optimizer.js';
import type { Optimizer } from '../train/optimizer-types.js';
import { InternalError } from '../util/checked.js';
import { toleranceOf } from './tolerance.js';

/** Per model param, the sum over the steps so far of how far rounding in its gradient may move it. */
export class StepBounds {
  private readonly optimizer: Optimizer | undefined;
  private readonly gradTolerance: number[];
  readonly perParam: Float64Array[];

  constructor(private readonly global: Module, private readonly layout: TrainingLayout) {
    this.optimizer = OPTIMIZERS[layout.optimizer]?.(layout.settings);
    this.gradTolerance = layout.outputs.grads.map((k) => toleranceOf(global, at(global.outputs, k)));
    this.perParam = layout.params.map((_, i) => new Float64Array(at(global.outputs, at(layout.outputs.params, i))
      .type.dims.reduce((n, d) => n * d.size, 1)));
  }

  /** Adds one reference step: `before` the feeds it ran on (by name), `outputs` what it returned. */
  add(before: ReadonlyMap<string, NDArray>, outputs: readonly NDArray[]): void {
    const optimizer = this.optimizer;
    if (!optimizer) return;
    const { params, state, outputs: at0 } = this.layout;
    const after = (j: number) => at(outputs, at(at0.state, j)).data;
    const shared = state.flatMap((s, j) => (s.of === undefined ? [Number(after(j)[0])] : []));
    params.forEach((name, i) => {
      const grad = at(outputs, at(at0.grads, i));
      const own = state.flatMap((s, j) => (s.of === name ? [j] : []));
      const stateBefore = own.map((j) => {
        const a = before.get(at(state, j).name);
        if (!a) throw new InternalError(`no state '${at(state, j).name}' before the step`);
        return a.data;
      });
      const scale = scaleOf(grad.data);
      const step = optimizer.stepError({
        shape: grad.shape, grad: grad.data, gradError: at(this.gradTolerance, i) * scale,
        stateBefore, stateAfter: own.map(after), shared,
      });
      const sum = at(this.perParam, i);
      for (let e = 0; e < sum.length; e++) sum[e] = (sum[e] ?? 0) + (step[e] ?? 0);
    });
  }
}

/** The outcome of holding `mesh` to `base` of the reference's scale plus `extra` per element. */
export interface WithinBound {
  readonly ok: boolean;
  /** Elements beyond the base bar but within the propagated one, of all elements. */
  readonly amplified: number;
  readonly elements: number;
}

export function withinBound(mesh: NDArray, reference: NDArray, base: number, extra: Float64Array): WithinBound {
  const r = reference.data;
  const scale = scaleOf(r);
  // as maxRelDiff: relative to the scale, absolute where the reference is all zeros
  const bar = base * (scale === 0 ? 1 : scale);
  let ok = mesh.data.length === r.length;
  let amplified = 0;
  for (let i = 0; i < r.length && ok; i++) {
    const x = Number(mesh.data[i]);
    const y = Number(r[i]);
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
    const d = Math.abs(x - y);
    if (d <= bar) continue;
    if (d <= bar + (extra[i] ?? 0)) amplified++;
    else ok = false;
  }
  return { ok, amplified, elements: r.length };
}

/** The largest finite |x| (the scale maxRelDiff divides by). */
function scaleOf(xs: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = Math.abs(Number(xs[i]));
    if (Number.isFinite(x) && x > m) m = x;
  }
  return m;
}

function at<T>(xs: readonly T[], k: number): T {
  const x = xs[k];
  if (x === undefined) throw new InternalError(`training program output ${k} is missing`);
  return x;
}
