// The lowering of rms_norm and logsumexp (one registry op each, after their argument checks) and of
// softmax_cross_entropy, a built-in written as a few registry ops (as top2_gating is): it shards,
// costs and exports as those ops do (a split vocabulary dim becomes logsumexp's all-reduces).

import type { AttrValue, Value } from '../ir/module.js';
import { argSpan, dim, num, tensor, type CallSite } from './call-site.js';

/** Emits one op named `<base>.<step>` (or exactly `name` when `exact`); undefined after an error. */
function emitter(site: CallSite, base: string) {
  return (kind: string, operands: (Value | undefined)[], attrs: Record<string, AttrValue>, name: string,
    exact = false) => {
    if (operands.some((v) => v === undefined)) return undefined;
    return site.ctx.emit(kind, operands as Value[], attrs, site.span, [exact ? name : `${base}.${name}`])?.[0];
  };
}

function needFloatAlong(site: CallSite, code: string, fn: string, x: Value, d: string, arg: string): boolean {
  const t = x.type;
  if (!(t.dtype === 'f32' || t.dtype === 'bf16')) {
    site.ctx.error(code, `${fn} needs a floating-point ${arg} (f32 or bf16) but it is ${t.dtype}.`, argSpan(site, arg));
    return false;
  }
  if (!t.dims.some((e) => e.name === d)) {
    site.ctx.error(code, `${fn} works along dim ${d}, but ${arg} has dims [${t.dims.map((e) => e.name).join(', ')}].`,
      argSpan(site, arg));
    return false;
  }
  return true;
}

/** x * rsqrt(mean(x^2 over M) + eps): RMSNorm without its scale (multiply by a param yourself); one registry op. */
export function lowerRmsNorm(site: CallSite): Value[] | undefined {
  const x = tensor(site, 'x');
  const M = dim(site, 'dim').name;
  if (!needFloatAlong(site, 'shape-rms-norm', 'rms_norm', x, M, 'x')) return undefined;
  const base = site.names[0] ?? 'rms';
  const out = emitter(site, base)('rms_norm', [x], { dim: M, eps: num(site, 'eps') ?? 1e-6 }, base, true);
  return out && [out];
}

/** max + log(sum(exp(x - max))) over D: stable for large logits; one registry op. */
export function lowerLogsumexp(site: CallSite): Value[] | undefined {
  const x = tensor(site, 'x');
  const D = dim(site, 'dim').name;
  if (!needFloatAlong(site, 'shape-logsumexp', 'logsumexp', x, D, 'x')) return undefined;
  const base = site.names[0] ?? 'lse';
  const out = emitter(site, base)('logsumexp', [x], { dim: D }, base, true);
  return out && [out];
}

/**
 * Per-token cross-entropy: logsumexp(logits, V) - logits[target], f32 with V removed; with
 * `pad_id`, tokens whose target equals it give 0 (their mean is then sum / count of the others).
 */
export function lowerSoftmaxCrossEntropy(site: CallSite): Value[] | undefined {
  const logits = tensor(site, 'logits');
  const targets = tensor(site, 'targets');
  const V = dim(site, 'vocab');
  if (!needFloatAlong(site, 'shape-softmax-cross-entropy', 'softmax_cross_entropy', logits, V.name, 'logits')) {
    return undefined;
  }
  const want = logits.type.dims.filter((d) => d.name !== V.name).map((d) => d.name);
  const got = targets.type.dims.map((d) => d.name);
  if (targets.type.dtype !== 'i32' || want.length !== got.length || want.some((d) => !got.includes(d))) {
    site.ctx.error('shape-cross-entropy-targets',
      `softmax_cross_entropy needs targets i32[${want.join(', ')}] (the logits' dims without ${V.name}) but they are `
      + `${targets.type.dtype}[${got.join(', ')}].`, argSpan(site, 'targets'));
    return undefined;
  }
  const base = site.names[0] ?? 'xent';
  const op = emitter(site, base);
  const x = logits.type.dtype === 'f32' ? logits : op('cast', [logits], { to: 'f32' }, 'logits_f32');
  const lse = op('logsumexp', [x], { dim: V.name }, 'lse');
  const hot = op('one_hot', [targets], { dim: V.name, size: V.size }, 'target_hot');
  const picked = op('reduce_sum', [op('mul', [x, hot], {}, 'target_sel')], { dims: [V.name] }, 'target_logit');
  const pad = num(site, 'pad_id');
  if (pad === undefined) {
    const out = op('sub', [lse, picked], {}, base, true);
    return out && [out];
  }
  const loss = op('sub', [lse, picked], {}, 'all');
  const padC = op('constant', [], { value: pad, dtype: 'i32' }, 'pad_id');
  const keep = op('compare', [targets, padC], { direction: 'NE' }, 'keep');
  const zero = op('constant', [], { value: 0, dtype: 'f32' }, 'zero');
  const out = op('select', [keep, loss, zero], {}, base, true);
  return out && [out];
}
