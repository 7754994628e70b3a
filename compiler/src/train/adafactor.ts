// Adafactor (Shazeer & Stern 2018), GShard's optimizer, as registry ops; and the same update in Python
// for the JAX export.
//
// The variant: no first moment (beta1 = 0); second-moment decay rho_t = 1 - t^-0.8; eps1 = 1e-30 added
// to g^2; update clipping at RMS d = 1; a fixed learning rate (no relative step size or parameter
// scaling). A parameter of rank >= 2 keeps factored moments over its last two dims R, C: vr (every dim
// but C: means of g^2 over C) and vc (every dim but R); v_hat = vr vc / mean_R(vr). Rank < 2 keeps v.

import { tensorType } from '../ir/types.js';
import type { Value } from '../ir/module.js';
import type { Optimizer, OptimizerSettings, StepSample, UpdateBuilder } from './optimizer-types.js';
import { pyFloat } from './py-float.js';

export const ADAFACTOR = { decayRate: 0.8, epsilon1: 1e-30, clipThreshold: 1 } as const;

/** a * rho + b * (1 - rho): the moving average of a moment. */
function decay(b: UpdateBuilder, old: Value, fresh: Value, rho: Value, oneMinusRho: Value, hint: string): Value {
  return b.op('add', [b.op('mul', [old, rho]), b.op('mul', [fresh, oneMinusRho])], {}, hint);
}

export function adafactor(settings: OptimizerSettings): Optimizer {
  const { decayRate, epsilon1, clipThreshold } = ADAFACTOR;
  return {
    name: 'adafactor', settings,
    doc: 'Adafactor: factored second moments (rank >= 2), no momentum, rho_t = 1 - t^-0.8, update clipped at RMS 1',
    perParam: (p) => {
      const dims = p.type.dims;
      if (dims.length < 2) return [{ name: 'adafactor_v', type: p.type, init: 0 }];
      return [
        { name: 'adafactor_vr', type: tensorType(p.type.dtype, dims.slice(0, -1)), init: 0 },
        { name: 'adafactor_vc', type: tensorType(p.type.dtype, [...dims.slice(0, -2), ...dims.slice(-1)]), init: 0 },
      ];
    },
    shared: () => [{ name: 'adafactor.step', type: tensorType('f32', []), init: 0 }],
    updateShared: (b, [t]) => (t ? [b.op('add', [t, b.constant(1)], {}, 'next')] : []),
    update: (b, { param, grad, state, shared: [t] }) => {
      if (!t) throw new Error('adafactor: the step count is required');
      // rho = 1 - t^-decay = 1 - exp(-decay ln t): 0 at the first step, so the moments start at g^2
      const tPow = b.op('exp', [b.op('mul', [b.op('log', [t]), b.constant(-decayRate)])], {}, 't_pow');
      const rho = b.op('sub', [b.constant(1), tPow], {}, 'rho');
      const keep = b.op('sub', [b.constant(1), rho], {}, 'one_minus_rho');
      const g2 = b.op('add', [b.op('square', [grad]), b.constant(epsilon1)], {}, 'g2');
      const dims = param.type.dims;
      let u: Value;
      let next: Value[];
      const [s0, s1] = state;
      if (dims.length >= 2 && s0 && s1) {
        const r = dims[dims.length - 2]?.name ?? '';
        const c = dims[dims.length - 1]?.name ?? '';
        const vr = decay(b, s0, b.op('reduce_mean', [g2], { dims: [c] }), rho, keep, 'adafactor_vr.next');
        const vc = decay(b, s1, b.op('reduce_mean', [g2], { dims: [r] }), rho, keep, 'adafactor_vc.next');
        // v_hat = vr vc / mean(vr) applied as two rsqrt factors: the product of two ~1e-30 moments underflows f32
        const row = b.op('rsqrt', [b.op('div', [vr, b.op('reduce_mean', [vr], { dims: [r] })])], {}, 'row');
        u = b.op('mul', [b.op('mul', [grad, row]), b.op('rsqrt', [vc])], {}, 'u');
        next = [vr, vc];
      } else if (s0) {
        const v = decay(b, s0, g2, rho, keep, 'adafactor_v.next');
        u = b.op('mul', [grad, b.op('rsqrt', [v])], {}, 'u');
        next = [v];
      } else {
        throw new Error(`adafactor: no state for ${param.name}`);
      }
      const all = { dims: dims.map((d) => d.name) };
      const rms = b.op('sqrt', [b.op('reduce_mean', [b.op('square', [u])], all)], {}, 'rms');
      const scale = b.op('max', [b.constant(1), b.op('div', [rms, b.constant(clipThreshold)])], {}, 'clip');
      const step = b.op('mul', [b.op('div', [u, scale]), b.constant(settings.lr)], {}, 'step');
      return { param: b.op('sub', [param, step], {}, 'next'), state: next };
    },
    jax: [
      `LEARNING_RATE = ${pyFloat(settings.lr)}`,
      `DECAY_RATE = ${pyFloat(decayRate)}`,
      `EPSILON1 = ${pyFloat(epsilon1)}`,
      `CLIP_THRESHOLD = ${pyFloat(clipThreshold)}`,
      '',
      '',
      'def init_opt_state(params):',
      '    """Factored second moments for rank >= 2 (vr: means over the last dim, vc: over the one before)."""',
      '    vr = {k: jnp.zeros(p.shape[:-1], p.dtype) for k, p in params.items() if p.ndim >= 2}',
      '    vc = {k: jnp.zeros(p.shape[:-2] + p.shape[-1:], p.dtype) for k, p in params.items() if p.ndim >= 2}',
      '    v = {k: jnp.zeros_like(p) for k, p in params.items() if p.ndim < 2}',
      '    return {"step": jnp.zeros((), jnp.float32), "adafactor_vr": vr, "adafactor_vc": vc, "adafactor_v": v}',
      '',
      '',
      'def apply_updates(params, grads, state, place, place_slot):',
      '    t = state["step"] + 1.0',
      '    rho = 1.0 - jnp.exp(jnp.log(t) * -DECAY_RATE)  # Shazeer & Stern: 1 - t^-0.8, written as gshard computes it',
      '    keep = 1.0 - rho',
      '    new_params, vr, vc, v = {}, {}, {}, {}',
      '    for k in params:',
      '        g = place(k, grads[k])',
      '        g2 = jnp.square(g) + EPSILON1',
      '        if g.ndim >= 2:',
      '            vr[k] = place_slot(k, "adafactor_vr",',
      '                               state["adafactor_vr"][k] * rho + jnp.mean(g2, axis=-1) * keep)',
      '            vc[k] = place_slot(k, "adafactor_vc",',
      '                               state["adafactor_vc"][k] * rho + jnp.mean(g2, axis=-2) * keep)',
      '            # v_hat = vr vc / mean(vr), applied as two rsqrt factors (their product would underflow f32)',
      '            row = jax.lax.rsqrt(vr[k] / jnp.mean(vr[k], axis=-1, keepdims=True))',
      '            u = g * row[..., :, None] * jax.lax.rsqrt(vc[k])[..., None, :]',
      '        else:',
      '            v[k] = place_slot(k, "adafactor_v", state["adafactor_v"][k] * rho + g2 * keep)',
      '            u = g * jax.lax.rsqrt(v[k])',
      '        u = u / jnp.maximum(1.0, jnp.sqrt(jnp.mean(jnp.square(u))) / CLIP_THRESHOLD)',
      '        new_params[k] = place(k, params[k]) - u * LEARNING_RATE',
      '    return new_params, {"step": t, "adafactor_vr": vr, "adafactor_vc": vc, "adafactor_v": v}',
    ],
    stepError: (s) => adafactorStepError(s, settings.lr),
  };
}

/**
 * How far Adafactor's step lr * u / s moves when g moves by up to e. u_i = g_i f_i, f_i the normaliser
 * (rsqrt of the factored second moment after the step); f is a mean of g^2 over a row or column (or, for
 * rank < 2, g^2 blended with the old v), so |du_i| <= d_i = 2 e f_i (twice the direct term, for f's own
 * dependence on g). The clip s = max(1, rms(u)) moves by at most rms(d) past 1, so
 * |d(u_i / s)| <= (d_i + |u_i| ds) / s; and never more than 2 sqrt(n), as |u_i| / s <= sqrt(n).
 */
export function adafactorStepError({ shape, grad, gradError: e, stateAfter }: StepSample, lr: number): Float64Array {
  const n = grad.length;
  const f = normaliser(shape, stateAfter);
  const u = new Float64Array(n);
  const d = new Float64Array(n);
  let uu = 0;
  let dd = 0;
  for (let i = 0; i < n; i++) {
    const fi = f(i);
    const ui = Math.abs(Number(grad[i]) * fi);
    const di = 2 * e * fi;
    u[i] = ui;
    d[i] = di;
    uu += ui * ui;
    dd += di * di;
  }
  const rmsU = Math.sqrt(uu / n) / ADAFACTOR.clipThreshold;
  const s = Math.max(1, rmsU);
  const ds = Math.max(1, rmsU + Math.sqrt(dd / n) / ADAFACTOR.clipThreshold) - s;
  const cap = 2 * Math.sqrt(n) * ADAFACTOR.clipThreshold;
  return u.map((ui, i) => lr * Math.min(cap, ((d[i] ?? 0) + ui * ds) / s));
}

/** f_i with u_i = g_i f_i: rsqrt(vr / mean_R(vr)) rsqrt(vc) for rank >= 2, rsqrt(v) below. */
function normaliser(shape: readonly number[], [s0, s1]: readonly ArrayLike<number>[]): (i: number) => number {
  if (!s0) throw new Error('adafactor: the state after the step is required');
  if (shape.length < 2 || !s1) return (i) => 1 / Math.sqrt(Number(s0[i]));
  const cols = shape[shape.length - 1] ?? 1;
  const rows = shape[shape.length - 2] ?? 1;
  const batches = s0.length / rows;
  const meanR = new Float64Array(batches);
  for (let k = 0; k < s0.length; k++) {
    const batch = Math.floor(k / rows);
    meanR[batch] = (meanR[batch] ?? 0) + Number(s0[k]) / rows;
  }
  return (i) => {
    const r = Math.floor(i / cols);
    const batch = Math.floor(r / rows);
    const vr = Number(s0[r]) / (meanR[batch] ?? 1);
    return 1 / Math.sqrt(vr) / Math.sqrt(Number(s1[batch * cols + (i % cols)]));
  };
}
