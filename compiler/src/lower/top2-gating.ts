// GShard's Algorithm 1 (top-2 gating with Lingvo's conventions) lowered to primitive ops.
// The rules are documented in docs/language.md; each step below cites the rule it implements.

import type { Value, AttrValue } from '../ir/module.js';
import { argSpan, dim, tensor, type CallSite } from './call-site.js';
import { at } from '../util/checked.js';

export function lowerTop2Gating(site: CallSite, policy: 'all' | 'random',
  noise: Value | undefined): Value[] | undefined {
  const { ctx, span } = site;
  const logits = tensor(site, 'logits');
  const E = dim(site, 'experts');
  const C = dim(site, 'capacity');
  const t = logits.type;
  const where = argSpan(site, 'logits');
  if (t.dims.length !== 3 || at(t.dims, 2, 't.dims').name !== E.name || !(t.dtype === 'f32' || t.dtype === 'bf16')) {
    ctx.error('shape-top2-logits',
      `top2_gating needs logits of type f32[G, S, ${E.name}] (groups, tokens, experts) but they are ` +
      `${t.dtype}[${t.dims.map((d) => d.name).join(', ')}].`, where);
    return undefined;
  }
  const [G, S] = [at(t.dims, 0, 't.dims').name, at(t.dims, 1, 't.dims').name];
  if (noise && (noise.type.dtype !== 'f32' || noise.type.dims.length !== 2 || at(noise.type.dims, 0,
    'noise.type.dims').name !== G || at(noise.type.dims, 1, 'noise.type.dims').name !== S)) {
    ctx.error('shape-top2-noise',
      `top2_gating noise must be f32[${G}, ${S}] but is ` +
      `${noise.type.dtype}[${noise.type.dims.map((d) => d.name).join(', ')}].`, argSpan(site, 'noise'));
    return undefined;
  }
  const base = site.names[0] ?? 'gating';
  // Intermediate values are named `<combine>.<step>`; the three results take the bound names.
  const op = (kind: string, operands: Value[], attrs: Record<string, AttrValue>, name: string,
    exact = false): Value | undefined =>
    ctx.emit(kind, operands, attrs, span, [exact ? name : `${base}.${name}`])?.[0];
  const constant = (value: number) => op('constant', [], { value, dtype: 'f32' },
    `c${String(value).replace(/[^0-9]/g, '_')}`);

  // Gating runs in f32 whatever the logits' dtype (as Lingvo does): the masks, positions and the
  // renormalised gates must be exact, and combine/dispatch are f32 by definition.
  const logits32 = t.dtype === 'f32' ? logits : op('cast', [logits], { to: 'f32' }, 'logits_f32');
  // gates = softmax over E.
  const gates = logits32 && op('softmax', [logits32], { dim: E.name }, 'gates');
  // First expert: argmax, ties to the lower index.
  const idx1 = gates && op('argmax', [gates], { dim: E.name }, 'idx1');
  const mask1Raw = idx1 && op('one_hot', [idx1], { dim: E.name, size: E.size }, 'mask1_raw');
  // Second expert: argmax of the rest. Subtracting 2 (gates are <= 1) keeps the first expert below
  // every other even when softmax underflows to 0, so the second is never the first.
  const two = constant(2);
  const minusFirst = mask1Raw && two && op('mul', [mask1Raw, two], {}, 'mask1_x2');
  const rest = gates && minusFirst && op('sub', [gates, minusFirst], {}, 'gates_without_first');
  const idx2 = rest && op('argmax', [rest], { dim: E.name }, 'idx2');
  let mask2 = idx2 && op('one_hot', [idx2], { dim: E.name, size: E.size }, 'mask2_raw');
  // g1, g2 divided by g1 + g2 before any drop, never renormalised afterwards.
  const g1Sel = gates && mask1Raw && op('mul', [gates, mask1Raw], {}, 'gate1_sel');
  const g1Raw = g1Sel && op('reduce_sum', [g1Sel], { dims: [E.name] }, 'gate1_raw');
  const g2Sel = gates && mask2 && op('mul', [gates, mask2], {}, 'gate2_sel');
  const g2Raw = g2Sel && op('reduce_sum', [g2Sel], { dims: [E.name] }, 'gate2_raw');
  const denom = g1Raw && g2Raw && op('add', [g1Raw, g2Raw], {}, 'gate_sum');
  const g1 = g1Raw && denom && op('div', [g1Raw, denom], {}, 'gate1');
  const g2 = g2Raw && denom && op('div', [g2Raw, denom], {}, 'gate2');
  // Auxiliary loss: (1/E) * sum_e (c_e / S) * m_e averaged over groups = mean over [G, E] of
  // density1 * density_proxy, with c_e counted before capacity.
  const density1 = mask1Raw && op('reduce_mean', [mask1Raw], { dims: [S] }, 'density1');
  const proxy = gates && op('reduce_mean', [gates], { dims: [S] }, 'density1_proxy');
  const prod = density1 && proxy && op('mul', [density1, proxy], {}, 'density_product');
  const aux = prod && op('reduce_mean', [prod], { dims: [G, E.name] }, site.names[2] ?? `${base}.aux`, true);
  // Policy "random": the second expert is used only when 2 * g2 > u; a token not dispatched
  // takes no buffer slot, so this mask applies before positions are computed.
  if (policy === 'random' && noise && g2 && mask2 && two) {
    const twice = op('mul', [g2, two], {}, 'gate2_x2');
    const keep = twice && op('gt', [twice, noise], {}, 'second_kept');
    mask2 = keep && op('mul', [mask2, keep], {}, 'mask2_sampled');
  }
  // Positions: exclusive cumsum over S in token order; first choices first.
  const capacity = constant(C.size);
  const pos1 = mask1Raw && op('cumsum', [mask1Raw], { dim: S, exclusive: true }, 'pos1');
  const fits1 = pos1 && capacity && op('lt', [pos1, capacity], {}, 'fits1');
  const mask1 = mask1Raw && fits1 && op('mul', [mask1Raw, fits1], {}, 'mask1');
  // Second choices go after all kept first choices of that expert.
  const kept1 = mask1 && op('reduce_sum', [mask1], { dims: [S] }, 'kept1_count');
  const pos2Local = mask2 && op('cumsum', [mask2], { dim: S, exclusive: true }, 'pos2_local');
  const pos2 = pos2Local && kept1 && op('add', [pos2Local, kept1], {}, 'pos2');
  const fits2 = pos2 && capacity && op('lt', [pos2, capacity], {}, 'fits2');
  const mask2Kept = mask2 && fits2 && op('mul', [mask2, fits2], {}, 'mask2');
  // combine[g, s, e, c] = gate weight of token s for expert e at buffer slot c (0 when dropped).
  const part = (mask: Value | undefined, pos: Value | undefined, gate: Value | undefined, k: string) => {
    const slotSel = mask && pos && op('mul', [pos, mask], {}, `slot${k}_sel`);
    const slotF = slotSel && op('reduce_sum', [slotSel], { dims: [E.name] }, `slot${k}_f`);
    const slot = slotF && op('cast', [slotF], { to: 'i32' }, `slot${k}`);
    const slotHot = slot && op('one_hot', [slot], { dim: C.name, size: C.size }, `slot${k}_hot`);
    const weighted = mask && gate && op('mul', [mask, gate], {}, `weight${k}`);
    return weighted && slotHot && op('einsum', [weighted, slotHot], { inputs: [[G, S, E.name], [G, S, C.name]],
      output: [G, S, E.name, C.name] }, `combine${k}`);
  };
  const combine1 = part(mask1, pos1, g1, '1');
  const combine2 = part(mask2Kept, pos2, g2, '2');
  const combine = combine1 && combine2 && op('add', [combine1, combine2], {}, base, true);
  const zero = constant(0);
  const dispatch = combine && zero && op('gt', [combine, zero], {}, site.names[1] ?? `${base}.dispatch`, true);
  if (!combine || !dispatch || !aux) return undefined;
  return [combine, dispatch, aux];
}
