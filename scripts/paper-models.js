#!/usr/bin/env node
// Writes GShard's Table 1/3 models as .gshard files: examples/paper/*.gshard, examples/gshard_600b.gshard (2048E-36L).
//
// The files are the source of truth (bench/paper.js and `gshard cost` read them); this script only keeps the seven
// in step with each other. `node scripts/paper-models.js --check` exits 1 when a committed file differs.
// Structure (GShard §2, App. A.2; reference §5.1): a Transformer encoder-decoder, L/2 encoder and L/2 decoder layers,
// every other FFN a top-2 MoE with one expert per core, tokens gated in G = 1024 groups as Lingvo's config has it
// (S = 1024 tokens at 1M tokens; at least one group per core: G = 2048, S = 2048 at 2048 cores), a shared
// vocabulary softmax. Figures not in the paper are marked [assumption] in the files.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MI = 2 ** 20;

/**
 * Rows of GShard Table 3 (+ the 1T model, not timed in the paper). `paper`: measured steps/s. `remat`: the paper
 * rematerialised the layers of this model (§5: remat took 28 % of the cycles at 36L, 34 % at 60L, none at 12L/24L),
 * so the file writes `remat repeat` and the training program recomputes each layer pair in the backward pass.
 */
export const ROWS = [
  { id: 'moe_128e_36l', name: 'MoE(128E, 36L)', cores: 128, layers: 36, tokens: MI, act: 'f32', paper: 0.67,
    remat: true },
  { id: 'moe_128e_12l', name: 'MoE(128E, 12L)', cores: 128, layers: 12, tokens: MI, act: 'f32', paper: 2.16,
    remat: false },
  { id: 'moe_512e_36l', name: 'MoE(512E, 36L)', cores: 512, layers: 36, tokens: MI, act: 'f32', paper: 1.05,
    remat: true },
  { id: 'moe_512e_12l', name: 'MoE(512E, 12L)', cores: 512, layers: 12, tokens: MI, act: 'f32', paper: 3.28,
    remat: false },
  { id: 'moe_2048e_36l', name: 'MoE(2048E, 36L)', cores: 2048, layers: 36, tokens: 4 * MI, act: 'f32', paper: 0.72,
    remat: true },
  { id: 'moe_2048e_12l', name: 'MoE(2048E, 12L)', cores: 2048, layers: 12, tokens: 4 * MI, act: 'f32', paper: 2.15,
    remat: false },
  { id: 'moe_2048e_60l_bf16', name: 'MoE(2048E, 60L) bf16 act.', cores: 2048, layers: 60, tokens: 4 * MI, act: 'bf16',
    remat: true },
];

/** Where a row's model lives: the 600B row is the repository's headline example itself. */
export function fileOf(row) {
  return row.id === 'moe_2048e_36l' ? 'examples/gshard_600b.gshard' : `examples/paper/${row.id}.gshard`;
}

export const SEQ = 256;       // [assumption] tokens per sentence, source and target
export const VOCAB = 32000;   // [assumption] shared wordpiece vocabulary
// Gating groups per batch in Lingvo's GShard config (E=512, G=1024, C=4: S = 1024 tokens at 1M tokens).
export const GROUPS = 1024;

/**
 * Tokens per gating group. Lingvo's config fixes the number of groups, G = 1024 (1024 tokens each for the 1M-token
 * batches at 128 and 512 cores). G is split over the cores, so it cannot be below the core count: the 4M-token batch
 * on 2048 cores has G = 2048 groups of S = 2048 tokens (one per core, as the paper's §3.2 sketch has it).
 * [interpretation: the paper does not give S at 2048 cores; with S = 1024 there, see docs/cost-model.md]
 */
export function groupSize(row) {
  return row.tokens / Math.max(GROUPS, row.cores);
}

/** Lingvo's capacity: floor(2S/E), then up to a multiple of 4, at least 4. */
export function capacity(groupSize, experts) {
  const c = Math.floor((2 * groupSize) / experts);
  return Math.max(4, Math.ceil(c / 4) * 4);
}

export function source(row) {
  const D = row.cores;
  const B = row.tokens / SEQ;
  const S = groupSize(row);
  const C = capacity(S, D);
  const a = row.act;
  const bf = a === 'bf16';
  const w = (n) => (bf ? `cast(${n}, bf16)` : n);
  const f32 = (n) => (bf ? `cast(${n}, f32)` : n);
  const model = row.id === 'moe_2048e_36l' ? 'gshard_600b' : row.id;
  const measured = row.paper ? `${row.paper} steps/s measured` : 'the 1T model, not timed';
  const dtypes = bf ? 'Activations in bf16 (f32 weights cast for the matmuls, gating in f32 as Lingvo does).'
    : 'Weights and activations in f32 (matmuls at XLA\'s default precision).';
  const groups = D > GROUPS ? `, at least one per core (G = ${D})` : '';
  const tgt = bf ? 'cast(gather(emb, tgt), bf16)' : 'gather(emb, tgt)';
  // Signatures on one line: the examples are kept in the printer's canonical form (a test checks it).
  const decIn = `x: ${a}[B, L, M], enc: ${a}[B, L, M], mask: ${a}[L, T]`;
  const decOut = `${a}[B, L, M], ${a}[B, L, M], ${a}[L, T]`;
  const ids = (n) => `${n}: i32[B, L] @ split(B, ${D})`;
  // Remat marks the repeats (each layer pair recomputed in training); inference ignores it. The note is a trailing
  // comment so that every other line keeps its number.
  const remat = row.remat ? 'remat ' : '';
  const share = row.layers === 60 ? 34 : 28; // §5's remat share of the cycles
  const rematNote = row.remat ? ` // remat: as the paper trained ${row.layers}L (§5: ${share} % of the cycles)`
    : ` // no remat: the paper trained ${row.layers}L without it (§5)`;
  const modelIn = `${ids('src')}, ${ids('tgt')}, ${ids('labels')}, causal_mask: ${a}[L, T] @ replicate`;
  return `// GShard ${row.name} (Lepikhin et al., 2020, Tables 1 and 3: ${measured}),
// on ${D} TPU-v3 cores. A multilingual translation Transformer, ${row.layers / 2} encoder and ${row.layers / 2} decoder layers;
// every other FFN is a top-2 mixture of ${D} experts (one per core); ${row.tokens / MI}M tokens per batch
// (${B} sentence pairs of ${SEQ}). ${dtypes}
// The annotations are the paper's: the batch and the token groups split over the cores, expert weights
// split along E, every other weight replicated. Written by scripts/paper-models.js; costed by bench/paper.js.
// Far too big to run here; it is used for sharding propagation, partitioning and the cost model.

mesh tpu = tpu_v3 [x = ${D}]

dim B = ${B} // sentence pairs per batch
dim L = ${SEQ} // tokens per sentence, source and target [assumption: not in the paper]
dim T = L // the key/value sequence dim of attention
dim M = 1024 // model dim
dim N = 16 // attention heads
dim K = 128 // dim per head (d_kv)
dim H = 8192 // FFN and expert hidden dim
dim V = ${VOCAB} // shared vocabulary [assumption: not in the paper; 32k wordpieces as in Google's multilingual NMT]
dim E = ${D} // experts per MoE layer, one per core
dim S = ${S} // tokens per gating group: Lingvo's G = 1024 groups${groups}
dim G = B * L / S // token groups
dim C = ${C} // expert capacity per group: 2S/E = ${(2 * S) / D}, Lingvo's rounding (a multiple of 4, at least 4)

// Self-attention of the encoder: every token sees every token of its sentence.
layer attention(x: ${a}[B, L, M]) -> ${a}[B, L, M] {
  param ln_scale: f32[M] @ replicate
  param wq: f32[M, N, K] @ replicate
  param wk: f32[M, N, K] @ replicate
  param wv: f32[M, N, K] @ replicate
  param wo: f32[N, K, M] @ replicate
  xn = layer_norm(x, M) * ${w('ln_scale')}
  q = einsum("BLM,MNK->BLNK", xn, ${w('wq')})
  k = rename(einsum("BLM,MNK->BLNK", xn, ${w('wk')}), L, T)
  v = rename(einsum("BLM,MNK->BLNK", xn, ${w('wv')}), L, T)
  logits = einsum("BLNK,BTNK->BNLT", q, k) * 0.08838835 // 1 / sqrt(K)
  probs = softmax(logits, T)
  context = einsum("BNLT,BTNK->BLNK", probs, v)
  return x + einsum("BLNK,NKM->BLM", context, ${w('wo')})
}

// Causal self-attention of the decoder. The language has no iota/select yet, so the causal mask is a model
// input (0 on and below the diagonal, -1e9 above), added to the logits; it costs one [L, T] read per layer.
layer causal_attention(x: ${a}[B, L, M], mask: ${a}[L, T]) -> ${a}[B, L, M] {
  param ln_scale: f32[M] @ replicate
  param wq: f32[M, N, K] @ replicate
  param wk: f32[M, N, K] @ replicate
  param wv: f32[M, N, K] @ replicate
  param wo: f32[N, K, M] @ replicate
  xn = layer_norm(x, M) * ${w('ln_scale')}
  q = einsum("BLM,MNK->BLNK", xn, ${w('wq')})
  k = rename(einsum("BLM,MNK->BLNK", xn, ${w('wk')}), L, T)
  v = rename(einsum("BLM,MNK->BLNK", xn, ${w('wv')}), L, T)
  logits = einsum("BLNK,BTNK->BNLT", q, k) * 0.08838835 + mask
  probs = softmax(logits, T)
  context = einsum("BNLT,BTNK->BLNK", probs, v)
  return x + einsum("BLNK,NKM->BLM", context, ${w('wo')})
}

// Decoder attention to the encoder's output (keys and values from the source sentence).
layer cross_attention(x: ${a}[B, L, M], enc: ${a}[B, L, M]) -> ${a}[B, L, M] {
  param ln_scale: f32[M] @ replicate
  param wq: f32[M, N, K] @ replicate
  param wk: f32[M, N, K] @ replicate
  param wv: f32[M, N, K] @ replicate
  param wo: f32[N, K, M] @ replicate
  xn = layer_norm(x, M) * ${w('ln_scale')}
  src = rename(enc, L, T)
  q = einsum("BLM,MNK->BLNK", xn, ${w('wq')})
  k = einsum("BTM,MNK->BTNK", src, ${w('wk')})
  v = einsum("BTM,MNK->BTNK", src, ${w('wv')})
  logits = einsum("BLNK,BTNK->BNLT", q, k) * 0.08838835
  probs = softmax(logits, T)
  context = einsum("BNLT,BTNK->BLNK", probs, v)
  return x + einsum("BLNK,NKM->BLM", context, ${w('wo')})
}

layer ffn(x: ${a}[B, L, M]) -> ${a}[B, L, M] {
  param ln_scale: f32[M] @ replicate
  param wi: f32[M, H] @ replicate
  param wo: f32[H, M] @ replicate
  xn = layer_norm(x, M) * ${w('ln_scale')}
  h = relu(einsum("BLM,MH->BLH", xn, ${w('wi')}))
  return x + einsum("BLH,HM->BLM", h, ${w('wo')})
}

// The MoE FFN (GShard Algorithm 2): G groups of S tokens, top-2 gating, two all-to-alls.
// The load-balancing loss \`aux\` is not carried through the repeat stack.
layer moe_ffn(x: ${a}[B, L, M]) -> ${a}[B, L, M] {
  param ln_scale: f32[M] @ replicate
  param wg: f32[M, E] @ replicate
  param wi: f32[E, M, H] @ split(E, ${D})
  param wo: f32[E, H, M] @ split(E, ${D})
  xn = layer_norm(x, M) * ${w('ln_scale')}
  inputs = reshape(xn, [G, S, M])
  logits = einsum("GSM,ME->GSE", inputs, ${w('wg')})
  combine, dispatch, aux = top2_gating(${f32('logits')}, E, C)
  expert_inputs = einsum("GSEC,GSM->EGCM", ${bf ? 'cast(dispatch, bf16)' : 'dispatch'}, inputs)
  h = relu(einsum("EGCM,EMH->EGCH", expert_inputs, ${w('wi')}))
  expert_outputs = einsum("EGCH,EHM->GECM", h, ${w('wo')})
  outputs = einsum("GSEC,GECM->GSM", ${bf ? 'cast(combine, bf16)' : 'combine'}, expert_outputs)
  return x + reshape(outputs, [B, L, M])
}

// Two encoder layers: the first with a dense FFN, the second with the MoE.
layer encoder_pair(x: ${a}[B, L, M]) -> ${a}[B, L, M] {
  y = ffn(attention(x))
  return moe_ffn(attention(y))
}

// Two decoder layers; the encoder output and the mask pass through unchanged so that \`repeat\` can chain them.
layer decoder_pair(${decIn}) -> (${decOut}) {
  y = ffn(cross_attention(causal_attention(x, mask), enc))
  return moe_ffn(cross_attention(causal_attention(y, mask), enc)), enc, mask
}

// The shared vocabulary embeds source and target tokens and scores the decoder's output (softmax cross-entropy).
model ${model}(${modelIn}) -> f32[] on tpu {
  param emb: f32[V, M] @ replicate
  x = ${bf ? 'cast(gather(emb, src), bf16)' : 'gather(emb, src)'}
  enc = layer_norm(${remat}repeat ${row.layers / 4} encoder_pair(x), M)${rematNote}
  dec, e, m = ${remat}repeat ${row.layers / 4} decoder_pair(${tgt}, enc, causal_mask)
  logits = einsum("BLM,VM->BLV", ${f32('layer_norm(dec, M)')}, emb)
  return neg(reduce_mean(log_softmax(logits, V) * one_hot(labels, V), [B, L, V]))
}
`;
}

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  mkdirSync(join(ROOT, 'examples/paper'), { recursive: true });
  for (const row of ROWS) {
    const path = join(ROOT, fileOf(row));
    const text = source(row);
    let old = '';
    try { old = readFileSync(path, 'utf8'); } catch { /* new file */ }
    if (old === text) continue;
    if (check) {
      console.error(`stale: ${fileOf(row)}`);
      stale++;
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${fileOf(row)}`);
    }
  }
  if (stale) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
