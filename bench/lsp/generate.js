// Generates a valid .gshard model of about N lines (dims, a mesh, many layers and a model calling them) for bench/lsp.
export function generateModel(lines = 2000) {
  const head = [
    'mesh pod = tpu_v3 [data = 4, model = 4]',
    'dim B = 8',
    'dim S = 128',
    'dim M = 256',
    'dim H = 1024',
    '',
  ];
  const layer = (i) => [
    `// layer ${i}: a feed-forward block with a residual`,
    `layer ffn_${i}(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] {`,
    '  param wi: f32[M, H] @ [_, model]',
    '  param wo: f32[H, M] @ [model, _]',
    '  param scale: f32[M] @ replicate',
    '  h = relu(einsum("BSM,MH->BSH", x, wi)) @ [data, _, model]',
    '  g = gelu(einsum("BSM,MH->BSH", x, wi)) * 0.5 + h',
    '  y = einsum("BSH,HM->BSM", g, wo)',
    '  n = layer_norm(x + y, [M]) * scale',
    '  return n',
    '}',
    '',
  ];
  const perLayer = layer(0).length + 1; // + one call line in the model
  const n = Math.max(1, Math.floor((lines - head.length - 4) / perLayer));
  const out = [...head];
  for (let i = 0; i < n; i++) out.push(...layer(i));
  out.push('model main(x: f32[B, S, M] @ [data, _, _]) -> f32[B, S, M] on pod {');
  out.push('  a0 = ffn_0(x)');
  for (let i = 1; i < n; i++) out.push(`  a${i} = ffn_${i}(a${i - 1})`);
  out.push(`  return a${n - 1}`, '}', '');
  return out.join('\n');
}
