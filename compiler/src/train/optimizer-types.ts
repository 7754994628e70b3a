// The Optimizer interface: the state tensors an optimizer keeps per parameter (and once for the whole
// step), the IR ops that update a parameter and its state from its gradient, and the same in Python.

import type { Attrs, Value } from '../ir/module.js';
import type { DType, TensorType } from '../ir/types.js';

/** One state tensor: a parameter of the training program, set to `init` before the first step. */
export interface StateSpec {
  /** Appended to the parameter's name (`wi.adam_m`), or the whole name for shared state. */
  readonly name: string;
  readonly type: TensorType;
  readonly init: number;
}

/** What an optimizer writes its update with: ops of the registry, at the parameter's span. */
export interface UpdateBuilder {
  op(kind: string, operands: readonly Value[], attrs?: Attrs, hint?: string): Value;
  constant(value: number, dtype?: DType): Value;
}

export interface ParamUpdate {
  readonly param: Value;
  readonly grad: Value;
  /** This parameter's state, in the order of `perParam`. */
  readonly state: readonly Value[];
  /** The shared state after `updateShared` (e.g. Adam's step count, already advanced). */
  readonly shared: readonly Value[];
}

/**
 * One parameter's step as the reference took it, for bounding how far the mesh's step may stray from it
 * when the mesh's gradient is off by rounding (`stepError`). Arrays are flat, row-major in `shape`.
 */
export interface StepSample {
  /** The parameter's dim sizes. */
  readonly shape: readonly number[];
  /** The reference's gradient at this step. */
  readonly grad: ArrayLike<number>;
  /** The most a gradient element may be off on the mesh (absolute): the gradient's bar times its scale. */
  readonly gradError: number;
  /** This parameter's state before the step and after it (`perParam` order). */
  readonly stateBefore: readonly ArrayLike<number>[];
  readonly stateAfter: readonly ArrayLike<number>[];
  /** The shared state after `updateShared` (the step count t, already advanced). */
  readonly shared: readonly number[];
}

export interface Optimizer {
  /** As `--optimizer` names it. */
  readonly name: string;
  readonly doc: string;
  /** The settings it was made with (the training program records them, so a run can remake it). */
  readonly settings: OptimizerSettings;
  /** The state one parameter needs (SGD: none; Adam: two moments), sharded like the parameter by default. */
  perParam(param: Value): readonly StateSpec[];
  /** State kept once per program (a step counter); its names are whole value names. */
  shared(): readonly StateSpec[];
  /** The shared state's next values, emitted once before the per-parameter updates. */
  updateShared(b: UpdateBuilder, shared: readonly Value[]): readonly Value[];
  /** The parameter's next value and its state's next values (in `perParam` order). */
  update(b: UpdateBuilder, u: ParamUpdate): { readonly param: Value; readonly state: readonly Value[] };
  /**
   * The same optimizer in Python for `export --train --format jax`: constants, `init_opt_state(params)` ->
   * {"step": f32, SLOT: {param: array}} with a SLOT per `perParam` name, and `apply_updates(params, grads,
   * state, place, place_slot)` -> (params, state); `place(k, x)` pins x to param k's state sharding and
   * `place_slot(k, SLOT, x)` to that slot's.
   */
  readonly jax: readonly string[];
  /**
   * Per element of the parameter, a bound on how far the step (the change of the parameter) moves when
   * each gradient element moves by up to `gradError`: the gradient's tolerance propagated through the update.
   */
  stepError(s: StepSample): Float64Array;
}

export interface OptimizerSettings {
  /** The learning rate. */
  readonly lr: number;
}
