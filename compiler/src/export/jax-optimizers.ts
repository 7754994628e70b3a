// The optimizers of a training program as Python for the JAX export: init_opt_state and apply_updates,
// the same formulas (and hyperparameters) gshard's training program applies.

import type { OptimizerSettings } from '../train/optimizer-settings.js';
import { pyNumber } from '../emit/jax-expr.js';

const f = (x: number): string => pyNumber(x, 'f32');

/**
 * Python defining `init_opt_state(params)` and `apply_updates(params, grads, state, place)`. `place(name,
 * x)` pins a per-parameter tensor to that parameter's optimizer-state sharding (ZeRO: split over the data
 * axes), and `place_slot(name, slot, x)` a state slot to its own; the caller pins the new parameters back.
 */
export function jaxOptimizerSource(o: OptimizerSettings): string[] {
  const head = [
    `# Optimizer: ${o.kind}, the update gshard's training program applies (docs/training.md).`,
    `LEARNING_RATE = ${f(o.learningRate)}`,
  ];
  if (o.kind === 'sgd') {
    return [...head, '', '',
      'def init_opt_state(params):',
      '    return {"step": jnp.zeros((), jnp.int32)}',
      '', '',
      'def apply_updates(params, grads, state, place, place_slot):',
      '    new_params = {k: place(k, params[k]) - LEARNING_RATE * place(k, grads[k]) for k in params}',
      '    return new_params, {"step": state["step"] + 1}',
    ];
  }
  if (o.kind === 'adam') {
    return [...head, `BETA1 = ${f(o.beta1)}`, `BETA2 = ${f(o.beta2)}`, `EPSILON = ${f(o.epsilon)}`, '', '',
      'def init_opt_state(params):',
      '    zeros = {k: jnp.zeros_like(p) for k, p in params.items()}',
      '    return {"step": jnp.zeros((), jnp.int32), "m": dict(zeros), "v": dict(zeros)}',
      '', '',
      'def apply_updates(params, grads, state, place, place_slot):',
      '    step = state["step"] + 1',
      '    t = step.astype(jnp.float32)',
      '    new_params, m, v = {}, {}, {}',
      '    for k in params:',
      '        g = place(k, grads[k])',
      '        m[k] = place_slot(k, "m", BETA1 * state["m"][k] + (1.0 - BETA1) * g)',
      '        v[k] = place_slot(k, "v", BETA2 * state["v"][k] + (1.0 - BETA2) * jnp.square(g))',
      '        m_hat = m[k] / (1.0 - BETA1 ** t)',
      '        v_hat = v[k] / (1.0 - BETA2 ** t)',
      '        new_params[k] = place(k, params[k]) - LEARNING_RATE * m_hat / (jnp.sqrt(v_hat) + EPSILON)',
      '    return new_params, {"step": step, "m": m, "v": v}',
    ];
  }
  return [...head, `DECAY_RATE = ${f(o.decayRate)}`, `EPSILON1 = ${f(o.epsilon)}`,
    `CLIP_THRESHOLD = ${f(o.clipThreshold)}`, '', '',
    'def init_opt_state(params):',
    '    """Factored second moments for rank >= 2 (row means vr, column means vc over the last two dims)."""',
    '    vr = {k: jnp.zeros(p.shape[:-1], p.dtype) for k, p in params.items() if p.ndim >= 2}',
    '    vc = {k: jnp.zeros(p.shape[:-2] + p.shape[-1:], p.dtype) for k, p in params.items() if p.ndim >= 2}',
    '    v = {k: jnp.zeros_like(p) for k, p in params.items() if p.ndim < 2}',
    '    return {"step": jnp.zeros((), jnp.int32), "vr": vr, "vc": vc, "v": v}',
    '', '',
    'def apply_updates(params, grads, state, place, place_slot):',
    '    step = state["step"] + 1',
    '    rho = 1.0 - step.astype(jnp.float32) ** (-DECAY_RATE)  # Shazeer & Stern: beta2_t = 1 - t^-0.8',
    '    new_params, vr, vc, v = {}, {}, {}, {}',
    '    for k in params:',
    '        g = place(k, grads[k])',
    '        g2 = jnp.square(g) + EPSILON1',
    '        if g.ndim >= 2:',
    '            vr[k] = place_slot(k, "vr", rho * state["vr"][k] + (1.0 - rho) * jnp.mean(g2, axis=-1))',
    '            vc[k] = place_slot(k, "vc", rho * state["vc"][k] + (1.0 - rho) * jnp.mean(g2, axis=-2))',
    '            # v_hat = vr vc^T / mean(vr), applied as two rsqrt factors (their product would underflow f32)',
    '            row = jax.lax.rsqrt(vr[k] / jnp.mean(vr[k], axis=-1, keepdims=True))',
    '            u = g * row[..., :, None] * jax.lax.rsqrt(vc[k])[..., None, :]',
    '        else:',
    '            v[k] = place_slot(k, "v", rho * state["v"][k] + (1.0 - rho) * g2)',
    '            u = g * jax.lax.rsqrt(v[k])',
    '        u = u / jnp.maximum(1.0, jnp.sqrt(jnp.mean(jnp.square(u))) / CLIP_THRESHOLD)',
    '        new_params[k] = place(k, params[k]) - LEARNING_RATE * u',
    '    return new_params, {"step": step, "vr": vr, "vc": vc, "v": v}',
  ];
}
