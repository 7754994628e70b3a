// Source texts for the LSP tests, and `<|>` cursor markers (Langium's convention) turned into positions.

export const MOE = `mesh tpu = tpu_v3 [x = 16]
dim G = 16
dim S = 32
dim M = 32
dim E = 16
dim H = 64
dim C = 2 * S / E

model moe_layer(inputs: f32[G, S, M] @ split(G, 16)) on tpu {
  param wg: f32[M, E] @ replicate
  param wi: f32[E, M, H]
  param wo: f32[E, H, M]
  logits = einsum("GSM,ME->GSE", inputs, wg)
  combine, dispatch, aux = top2_gating(logits, E, C)
  expert_inputs = einsum("GSEC,GSM->EGCM", dispatch, inputs) @ split(E, 16)
  h = relu(einsum("EGCM,EMH->EGCH", expert_inputs, wi))
  expert_outputs = einsum("EGCH,EHM->GECM", h, wo)
  outputs = einsum("GSEC,GECM->GSM", combine, expert_outputs)
  return outputs, aux
}
`;

/** A Megatron-style MLP with a repeated layer: instances, layer lenses, axis uses. */
export const MLP = `mesh pod = tpu_v3 [data = 4, model = 4]
dim B = 8
dim S = 16
dim M = 32
dim H = 128

// a feed-forward block with a residual
layer ffn(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] {
  param wi: f32[M, H] @ [_, model]
  param wo: f32[H, M] @ [model, _]
  h = relu(einsum("BSM,MH->BSH", x, wi))
  y = x + einsum("BSH,HM->BSM", h, wo)
  return y
}

model main(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] on pod {
  y = repeat 2 ffn(x)
  return y
}
`;

/** Splits `<|>` markers out of `marked`; returns the text and each marker's LSP position. */
export function cursors(marked: string): { text: string; at: { line: number; character: number }[] } {
  const at: { line: number; character: number }[] = [];
  let text = '';
  const parts = marked.split('<|>');
  parts.forEach((part, i) => {
    text += part;
    if (i < parts.length - 1) {
      const lines = text.split('\n');
      at.push({ line: lines.length - 1, character: lines[lines.length - 1]!.length });
    }
  });
  return { text, at };
}

/** The LSP position of the `n`th occurrence (0-based) of `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, n = 0, shift = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= n; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`'${needle}' (#${n}) not in text`);
  }
  offset += shift;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

let counter = 0;
export const freshUri = (name = 'doc') => `file:///tmp/gshard-test/${name}-${++counter}.gshard`;

/**
 * A model of `n` feed-forward layers called in a chain (about 9 lines each), big enough that the
 * slow stages take a while. `last` replaces the annotations of the last layer's two params.
 */
export function chainOfLayers(n: number, last?: { wi: string; wo: string }): string {
  const layer = (i: number) => {
    const a = i === n - 1 && last ? last : { wi: '[_, model]', wo: '[model, _]' };
    return `layer ffn_${i}(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] {
  param wi: f32[M, H] @ ${a.wi}
  param wo: f32[H, M] @ ${a.wo}
  h = relu(einsum("BSM,MH->BSH", x, wi))
  y = x + einsum("BSH,HM->BSM", h, wo)
  return y
}
`;
  };
  const calls = Array.from({ length: n - 1 }, (_, i) => `  a${i + 1} = ffn_${i + 1}(a${i})\n`).join('');
  return 'mesh pod = tpu_v3 [data = 4, model = 4]\ndim B = 8\ndim S = 16\ndim M = 32\ndim H = 128\n\n' +
    Array.from({ length: n }, (_, i) => layer(i)).join('\n') +
    `\nmodel main(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] on pod {\n  a0 = ffn_0(x)\n${calls}  return a${n - 1}\n}\n`;
}
