// Adam (Kingma & Ba 2015), bias-corrected, as registry ops; and the same update in Python for the JAX export.

import { tensorType } from '../ir/types.js';
import type { Value } from '../ir/module.js';
import type { Optimizer, OptimizerSettings, UpdateBuilder } from './optimizer-types.js';
import { pyFloat } from './py-float.js';

/** The paper's defaults. */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** 1 - beta^t, as exp(t ln beta) (the JAX export writes it the same way, so both round alike). */
export function biasCorrection(b: UpdateBuilder, t: Value, beta: number): Value {
  return b.op('sub', [b.constant(1), b.op('exp', [b.op('mul', [t, b.constant(Math.log(beta))])])]);
}

/**
 * t <- t + 1; m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
 * p <- p - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps). State: m and v, shaped (and sharded) like p.
 */
export function adam(settings: OptimizerSettings): Optimizer {
  const { beta1, beta2, epsilon } = ADAM;
  return {
    name: 'adam', doc: 'Adam: bias-corrected first and second moments, p <- p - lr m_hat / (sqrt(v_hat) + eps)',
    perParam: (p) => [
      { name: 'adam_m', type: p.type, init: 0 },
      { name: 'adam_v', type: p.type, init: 0 },
    ],
    shared: () => [{ name: 'adam.step', type: tensorType('f32', []), init: 0 }],
    updateShared: (b, [t]) => (t ? [b.op('add', [t, b.constant(1)], {}, 'next')] : []),
    update: (b, { param, grad, state: [m, v], shared: [t] }) => {
      if (!m || !v || !t) throw new Error('adam: state m, v and the step count are required');
      const dt = grad.type.dtype;
      const decayed = (x: Value, fresh: Value, beta: number, hint: string) =>
        b.op('add', [b.op('mul', [x, b.constant(beta, dt)]), b.op('mul', [fresh, b.constant(1 - beta, dt)])], {}, hint);
      const m1 = decayed(m, grad, beta1, 'adam_m.next');
      const g2 = b.op('square', [grad], {}, 'g2');
      const v1 = decayed(v, g2, beta2, 'adam_v.next');
      const mHat = b.op('div', [m1, biasCorrection(b, t, beta1)], {}, 'm_hat');
      const vHat = b.op('div', [v1, biasCorrection(b, t, beta2)], {}, 'v_hat');
      const denom = b.op('add', [b.op('sqrt', [vHat]), b.constant(epsilon, dt)], {}, 'denom');
      const step = b.op('mul', [b.op('div', [mHat, denom]), b.constant(settings.lr, dt)], {}, 'step');
      return { param: b.op('sub', [param, step], {}, 'next'), state: [m1, v1] };
    },
    jax: [
      `LEARNING_RATE = ${pyFloat(settings.lr)}`,
      `BETA1 = ${pyFloat(beta1)}`,
      `BETA2 = ${pyFloat(beta2)}`,
      `EPSILON = ${pyFloat(epsilon)}`,
      '',
      '',
      'def init_opt_state(params):',
      '    zeros = {k: jnp.zeros_like(p) for k, p in params.items()}',
      '    return {"step": jnp.zeros((), jnp.float32), "adam_m": dict(zeros), "adam_v": dict(zeros)}',
      '',
      '',
      'def apply_updates(params, grads, state, place, place_slot):',
      '    t = state["step"] + 1.0',
      '    c1 = 1.0 - jnp.exp(t * math.log(BETA1))  # 1 - BETA1**t, written as gshard computes it',
      '    c2 = 1.0 - jnp.exp(t * math.log(BETA2))',
      '    new_params, m, v = {}, {}, {}',
      '    for k in params:',
      '        g = place(k, grads[k])',
      '        m[k] = place_slot(k, "adam_m", state["adam_m"][k] * BETA1 + g * (1.0 - BETA1))',
      '        v[k] = place_slot(k, "adam_v", state["adam_v"][k] * BETA2 + jnp.square(g) * (1.0 - BETA2))',
      '        update = (m[k] / c1) / (jnp.sqrt(v[k] / c2) + EPSILON) * LEARNING_RATE',
      '        new_params[k] = place(k, params[k]) - update',
      '    return new_params, {"step": t, "adam_m": m, "adam_v": v}',
    ],
  };
}
