// The optimizers `--optimizer` offers: SGD here, Adam and Adafactor beside it; the interface is in
// optimizer-types.ts.

import { adam } from './adam.js';
import { adafactor } from './adafactor.js';
import { pyFloat } from './py-float.js';

export type {
  StateSpec, StepSample, UpdateBuilder, ParamUpdate, Optimizer, OptimizerSettings,
} from './optimizer-types.js';
import type { Optimizer, OptimizerSettings } from './optimizer-types.js';

/** Plain gradient descent: p - lr * g, no state. */
export function sgd(settings: OptimizerSettings): Optimizer {
  return {
    name: 'sgd', doc: 'p <- p - lr * g', settings,
    perParam: () => [],
    shared: () => [],
    updateShared: () => [],
    update: (b, { param, grad }) => {
      const step = b.op('mul', [grad, b.constant(settings.lr, grad.type.dtype)], {}, 'step');
      return { param: b.op('sub', [param, step], {}, 'next'), state: [] };
    },
    jax: [
      `LEARNING_RATE = ${pyFloat(settings.lr)}`,
      '',
      '',
      'def init_opt_state(params):',
      '    return {"step": jnp.zeros((), jnp.float32)}',
      '',
      '',
      'def apply_updates(params, grads, state, place, place_slot):',
      '    new_params = {k: place(k, params[k]) - place(k, grads[k]) * LEARNING_RATE for k in params}',
      '    return new_params, {"step": state["step"] + 1.0}',
    ],
    // the step is linear in g: lr times the gradient's error
    stepError: ({ grad, gradError }) => new Float64Array(grad.length).fill(settings.lr * gradError),
  };
}

/** The optimizers `--optimizer` offers, by name (more register here). */
export const OPTIMIZERS: Readonly<Record<string, (s: OptimizerSettings) => Optimizer>> = { sgd, adam, adafactor };

/** SGD's step when no rate is given: the small LM's loss falls steadily over 20 steps with it. */
export const DEFAULT_LR = 0.1;
/** Adam's and Adafactor's step when no rate is given (their updates are ~lr per element, not lr * g). */
const DEFAULT_LRS: Readonly<Record<string, number>> = { adam: 0.01, adafactor: 0.01 };
/** The rate an optimizer runs with when none is given (`--lr`, the editor's training program). */
export const defaultLr = (optimizer: string): number => DEFAULT_LRS[optimizer] ?? DEFAULT_LR;
