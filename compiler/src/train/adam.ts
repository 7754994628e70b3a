// Adam (Kingma & Ba 2015), bias-corrected, as registry ops; and the same update in Python for the JAX export.

import { tensorType } from '../ir/types.js';
import type { Value } from '../ir/module.js';
import type { Optimizer, OptimizerSettings, StepSample, UpdateBuilder } from './optimizer-types.js';
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
    settings,
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
    stepError: (s) => adamStepError(s, settings.lr),
  };
}

/**
 * How far Adam's step lr * u, u = m_hat / (sqrt(v_hat) + eps), moves when g moves by up to e (m and v
 * before the step held at the reference's). With m_hat = a + alpha g, v_hat = b + beta g^2, S = sqrt(v_hat),
 * D = S + eps: du/dg = alpha eps / D^2 + (alpha b - a beta g) / (S D^2), bounded over |g' - g| <= e by
 * (alpha eps + alpha b / S_min + |a| beta g_max / S(g_max)) / D_min^2; and |du| <= 2 sup |u| besides
 * (sup |u| <= a / (sqrt(b) + eps) + alpha / sqrt(beta)).
 * At the first step (a = b = 0) this is eps / (|g| + eps)^2: where |g| is near eps, rounding noise in g
 * moves u by up to 1, i.e. the param by up to lr.
 */
export function adamStepError({ grad, gradError: e, stateBefore: [m, v], shared: [t] }: StepSample,
  lr: number): Float64Array {
  const { beta1, beta2, epsilon } = ADAM;
  if (!m || !v || t === undefined) throw new Error('adam: state m, v and the step count are required');
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  const alpha = (1 - beta1) / c1;
  const beta = (1 - beta2) / c2;
  const out = new Float64Array(grad.length);
  for (let i = 0; i < grad.length; i++) {
    const g = Math.abs(Number(grad[i]));
    const a = Math.abs((beta1 * Number(m[i])) / c1);
    const b = Math.max(0, (beta2 * Number(v[i])) / c2);
    const gMin = Math.max(0, g - e);
    const gMax = g + e;
    const sMin = Math.sqrt(b + beta * gMin * gMin);
    const sMax = Math.sqrt(b + beta * gMax * gMax);
    const dMin = sMin + epsilon;
    const slope = (alpha * epsilon + (b > 0 ? (alpha * b) / sMin : 0) + (gMax > 0 ? (a * beta * gMax) / sMax : 0))
      / (dMin * dMin);
    // |u| <= a / (sqrt(b) + eps) + alpha / sqrt(beta) anywhere (1 at the first step), and (a + alpha g) / D here
    const range = 2 * Math.min((a + alpha * gMax) / dMin, a / (Math.sqrt(b) + epsilon) + alpha / Math.sqrt(beta));
    out[i] = lr * Math.min(e * slope, range);
  }
  return out;
}
