// HAND-BUILT per-device programs of the GShard M4 MoE Transformer (paper §4-5, Algorithm 2), until the partitioner lands.
//
// What is built, per device, on a 1D tpu_v3 mesh [x = D] (one expert per core, G and E split on x):
//   - L/2 encoder layers over the source tokens and L/2 decoder layers (with cross-attention) over the
//     target tokens; the batch's N tokens are counted as source + target, so each side has N/2 tokens;
//   - every other layer's FFN is the MoE layer (top-2 gating, Algorithm 1; dispatch/combine einsums and
//     exactly two all_to_alls over x, Algorithm 2), the rest dense FFNs (M -> H -> M, relu);
//   - attention: 16 heads x d_kv 128, sequences of `seqLen` tokens; token embedding shared by both
//     sides and the output softmax, vocabulary `vocab`;
//   - groups: one group per core per side (G = D, S = tokens per core), capacity
//     C = max(4, roundup4(floor(2 S / E))) as in Lingvo's Top2Gating;
//   - every weight replicated except the experts' wi[E, M, H] and wo[E, H, M], split on E over x.
// Assumptions not stated in the paper (same for every configuration, documented in docs/cost-model.md):
// sequence length 1024, vocabulary 64000 (the M4 SentencePiece vocabulary), source = target length.

import { type Mesh, mustMakeMesh } from '../../sharding/mesh.js';
import type { Module, Value } from '../../ir/module.js';
import type { DType } from '../../ir/types.js';
import { type DimList, LocalModuleBuilder } from './local-builder.js';

export interface GShardConfig {
  readonly name: string;
  readonly experts: number;        // = cores
  readonly layers: number;         // encoder + decoder layers
  readonly tokens: number;         // tokens per batch (source + target)
  readonly activations: DType;
  readonly weights: DType;
  readonly modelDim?: number;      // M, 1024
  readonly hiddenDim?: number;     // H, 8192
  readonly heads?: number;         // 16
  readonly keyDim?: number;        // 128
  readonly seqLen?: number;        // 1024
  readonly vocab?: number;         // 64000
}

/** The six configurations of GShard Table 3 and the 1T run, with the paper's measured steps/s. */
export const GSHARD_CONFIGS: readonly (GShardConfig & { paperStepsPerSecond?: number })[] = [
  { name: 'MoE(128E, 36L)', experts: 128, layers: 36, tokens: 2 ** 20, activations: 'f32', weights: 'f32', paperStepsPerSecond: 0.67 },
  { name: 'MoE(128E, 12L)', experts: 128, layers: 12, tokens: 2 ** 20, activations: 'f32', weights: 'f32', paperStepsPerSecond: 2.16 },
  { name: 'MoE(512E, 36L)', experts: 512, layers: 36, tokens: 2 ** 20, activations: 'f32', weights: 'f32', paperStepsPerSecond: 1.05 },
  { name: 'MoE(512E, 12L)', experts: 512, layers: 12, tokens: 2 ** 20, activations: 'f32', weights: 'f32', paperStepsPerSecond: 3.28 },
  { name: 'MoE(2048E, 36L)', experts: 2048, layers: 36, tokens: 2 ** 22, activations: 'f32', weights: 'f32', paperStepsPerSecond: 0.72 },
  { name: 'MoE(2048E, 12L)', experts: 2048, layers: 12, tokens: 2 ** 22, activations: 'f32', weights: 'f32', paperStepsPerSecond: 2.15 },
];

export const GSHARD_1T: GShardConfig = { name: 'MoE(2048E, 60L) bf16 act.', experts: 2048, layers: 60, tokens: 2 ** 22, activations: 'bf16', weights: 'f32' };

export function capacity(groupSize: number, experts: number): number {
  const c = Math.floor((2 * groupSize) / experts);
  return Math.max(4, Math.ceil(c / 4) * 4);
}

export function gshardMesh(cores: number): Mesh {
  return mustMakeMesh({ name: 'pod', kind: 'tpu_v3', axes: [{ name: 'x', size: cores }] });
}

/** The per-device training program of one configuration (forward pass; the cost model derives the backward). */
export function buildGShardModel(cfg: GShardConfig): Module {
  const D = cfg.experts;
  const M = cfg.modelDim ?? 1024;
  const H = cfg.hiddenDim ?? 8192;
  const NH = cfg.heads ?? 16;
  const K = cfg.keyDim ?? 128;
  const Lq = cfg.seqLen ?? 1024;
  const V = cfg.vocab ?? 64000;
  const E = cfg.experts;
  const tokensPerCore = cfg.tokens / 2 / D;           // per side
  const B = Math.max(1, Math.round(tokensPerCore / Lq));
  const S = B * Lq;                                    // one group per core per side
  const C = capacity(S, E);
  const act = cfg.activations;
  const w = cfg.weights;
  const b = new LocalModuleBuilder(gshardMesh(D), cfg.name);
  const x = ['x'];

  const emb = b.param('emb', w, [['V', V], ['M', M]]);
  const srcIds = b.input('src_ids', 'i32', [['B', B], ['L', Lq]]);
  const tgtIds = b.input('tgt_ids', 'i32', [['B', B], ['L', Lq]]);
  const labels = b.input('labels', 'i32', [['B', B], ['L', Lq]]);
  const BLM: DimList = [['B', B], ['L', Lq], ['M', M]];

  const embed = (name: string, ids: Value) => {
    const e = b.op1('gather', name, [emb, ids], w, BLM, { dim: 'V' });
    return w === act ? e : b.op1('cast', `${name}_c`, [e], act, BLM);
  };

  const attention = (p: string, q_in: Value, kv_in: Value | undefined) => {
    const ln = b.unary('layer_norm', `${p}.ln`, q_in, { dims: ['M'] });
    const kvSrc = kv_in ?? ln;
    const proj = (n: string) => b.param(`${p}.w${n}`, w, [['M', M], ['N', NH], ['K', K]]);
    const wq = proj('q'); const wk = proj('k'); const wv = proj('v');
    const wo = b.param(`${p}.wo`, w, [['N', NH], ['K', K], ['M', M]]);
    const q = b.einsum(`${p}.q`, ln, wq, ['B', 'L', 'N', 'K'], act);
    const k = b.op1('rename', `${p}.k`, [b.einsum(`${p}.k0`, kvSrc, wk, ['B', 'L', 'N', 'K'], act)], act, [['B', B], ['T', Lq], ['N', NH], ['K', K]], { from: 'L', to: 'T' });
    const v = b.op1('rename', `${p}.v`, [b.einsum(`${p}.v0`, kvSrc, wv, ['B', 'L', 'N', 'K'], act)], act, [['B', B], ['T', Lq], ['N', NH], ['K', K]], { from: 'L', to: 'T' });
    const s = b.einsum(`${p}.logits`, q, k, ['B', 'N', 'L', 'T']);
    const pr = b.unary('softmax', `${p}.probs`, s, { dim: 'T' });
    const o = b.einsum(`${p}.ctx`, pr, v, ['B', 'L', 'N', 'K']);
    const y = b.einsum(`${p}.out`, o, wo, ['B', 'L', 'M'], act);
    return b.binary('add', `${p}.res`, q_in, y);
  };

  const denseFfn = (p: string, xin: Value) => {
    const ln = b.unary('layer_norm', `${p}.ln`, xin, { dims: ['M'] });
    const wi = b.param(`${p}.wi`, w, [['M', M], ['H', H]]);
    const wo = b.param(`${p}.wo`, w, [['H', H], ['M', M]]);
    const h = b.unary('relu', `${p}.relu`, b.einsum(`${p}.h`, ln, wi, ['B', 'L', 'H'], act));
    return b.binary('add', `${p}.res`, xin, b.einsum(`${p}.out`, h, wo, ['B', 'L', 'M'], act));
  };

  const moeFfn = (p: string, xin: Value) => {
    const ln0 = b.unary('layer_norm', `${p}.ln`, xin, { dims: ['M'] });
    const inputs = b.op1('reshape', `${p}.inputs`, [ln0], act, [['G', 1], ['S', S], ['M', M]]);
    const wg = b.param(`${p}.wg`, w, [['M', M], ['E', E]]);
    // Algorithm 1: top-2 gating with capacity, per group.
    const gates = b.unary('softmax', `${p}.gates`, b.einsum(`${p}.gate_logits`, inputs, wg, ['G', 'S', 'E'], act), { dim: 'E' });
    const [top, idx] = b.op(`top_k`, [gates], [
      { name: `${p}.top_gates`, dtype: act, dims: [['G', 1], ['S', S], ['k', 2]] },
      { name: `${p}.top_experts`, dtype: 'i32', dims: [['G', 1], ['S', S], ['k', 2]] },
    ], { dim: 'E', k: 2, k_dim: 'k' }) as [Value, Value];
    const GSkE: DimList = [['G', 1], ['S', S], ['k', 2], ['E', E]];
    const mask = b.op1('one_hot', `${p}.expert_mask`, [idx], act, GSkE, { dim: 'E', size: E });
    const pos = b.unary('cumsum', `${p}.position`, mask, { dim: 'S', exclusive: true });
    const cap = b.op1('constant', `${p}.capacity`, [], act, [], { value: C, dtype: act });
    const fits = b.op1('lt', `${p}.fits`, [pos, cap], 'bool', GSkE);
    const kept = b.binary('mul', `${p}.kept`, mask, b.op1('cast', `${p}.fits_f`, [fits], act, GSkE));
    const where = b.op1('reduce_sum', `${p}.slot`, [b.binary('mul', `${p}.slot_e`, kept, pos)], act, [['G', 1], ['S', S], ['k', 2]], { dims: ['E'] });
    const slotI = b.op1('cast', `${p}.slot_i`, [where], 'i32', [['G', 1], ['S', S], ['k', 2]]);
    const slotOh = b.op1('one_hot', `${p}.slot_oh`, [slotI], act, [['G', 1], ['S', S], ['k', 2], ['C', C]], { dim: 'C', size: C });
    const weighted = b.binary('mul', `${p}.weighted`, kept, top);
    const combine = b.einsum(`${p}.combine`, weighted, slotOh, ['G', 'S', 'E', 'C']);
    const dispatch = b.op1('cast', `${p}.dispatch`, [b.op1('gt', `${p}.routed`, [combine, cap], 'bool', [['G', 1], ['S', S], ['E', E], ['C', C]])], act, [['G', 1], ['S', S], ['E', E], ['C', C]]);
    // Auxiliary load-balancing loss: mean gate x fraction routed, per expert.
    const me = b.op1('reduce_mean', `${p}.mean_gate`, [gates], act, [['G', 1], ['E', E]], { dims: ['S'] });
    const ce = b.op1('reduce_mean', `${p}.mean_routed`, [mask], act, [['G', 1], ['E', E]], { dims: ['S', 'k'] });
    b.op1('reduce_sum', `${p}.aux_loss`, [b.binary('mul', `${p}.aux_e`, me, ce)], act, [], { dims: ['G', 'E'] });
    // Algorithm 2: dispatch, all_to_all G -> E, experts, all_to_all E -> G, combine.
    const expertIn = b.einsum(`${p}.expert_in`, dispatch, inputs, ['E', 'G', 'C', 'M']);
    const a2a1 = b.collective('all_to_all', `${p}.expert_in_x`, expertIn, x, [['E', 1], ['G', D], ['C', C], ['M', M]], { split_dim: 'E', concat_dim: 'G' });
    const wi = b.param(`${p}.wi`, w, [['E', 1], ['M', M], ['H', H]], { E: x });
    const wo = b.param(`${p}.wo`, w, [['E', 1], ['H', H], ['M', M]], { E: x });
    const h = b.unary('relu', `${p}.relu`, b.einsum(`${p}.h`, a2a1, wi, ['E', 'G', 'C', 'H'], act));
    const out = b.einsum(`${p}.expert_out`, h, wo, ['E', 'G', 'C', 'M'], act);
    const a2a2 = b.collective('all_to_all', `${p}.expert_out_x`, out, x, [['E', E], ['G', 1], ['C', C], ['M', M]], { split_dim: 'G', concat_dim: 'E' });
    const y = b.einsum(`${p}.outputs`, combine, a2a2, ['G', 'S', 'M']);
    return b.binary('add', `${p}.res`, xin, b.op1('reshape', `${p}.outputs_blm`, [y], act, BLM));
  };

  const stack = (side: 'enc' | 'dec', input: Value, memory: Value | undefined) => {
    let h = input;
    for (let i = 0; i < cfg.layers / 2; i++) {
      b.line = i + 1;
      const p = `${side}.${i}`;
      h = attention(`${p}.self`, h, undefined);
      if (memory) h = attention(`${p}.cross`, h, memory);
      h = i % 2 === 1 ? moeFfn(`${p}.moe`, h) : denseFfn(`${p}.ffn`, h);
    }
    b.line = 0;
    return b.unary('layer_norm', `${side}_out`, h, { dims: ['M'] });
  };

  const enc = stack('enc', embed('src_emb', srcIds), undefined);
  const dec = stack('dec', embed('tgt_emb', tgtIds), enc);
  const logits = b.einsum('logits', dec, emb, ['B', 'L', 'V'], act);
  const logp = b.unary('log_softmax', 'log_probs', logits, { dim: 'V' });
  const onehot = b.op1('one_hot', 'label_oh', [labels], act, [['B', B], ['L', Lq], ['V', V]], { dim: 'V', size: V });
  const loss = b.op1('reduce_sum', 'loss', [b.binary('mul', 'nll', logp, onehot)], act, [], { dims: ['B', 'L', 'V'] });
  b.output(loss);
  return b.build();
}
