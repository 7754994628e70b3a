// Every diagnostic code, registered once with its one-line doc: the grammar's syntax codes and the
// compiler's own. A test fails when a code reported in the sources or expected by examples/errors is missing.

import { SYNTAX_CODES } from '@gshard/grammar';

/** Code -> one-line doc for the compiler's diagnostics (names, shapes, shardings, meshes, limits, cost). */
export const COMPILER_CODES = {
  'name-unresolved': 'A name used in an expression is not a binding, input or param in scope.',
  'name-unknown-dim': 'A dim name is not declared with `dim`.',
  'name-unknown-op': 'A call names neither a builtin op nor a layer.',
  'name-unknown-layer': '`repeat` names something that is not a layer.',
  'name-unknown-mesh': 'A model is placed `on` a mesh that is not declared.',
  'name-unknown-model': 'The entry model asked for (`--entry`) is not in the file.',
  'name-no-model': 'The file declares layers but no model to compile (compile, explain, cost, show).',
  'name-unknown-dtype': 'A type names a dtype other than f32, bf16, i32 or bool.',
  'name-unknown-argument': 'A named argument is not one the called op takes.',
  'name-redefined': 'Two layers or models share a name.',
  'name-dim-redefined': 'Two dims share a name.',
  'name-mesh-redefined': 'Two meshes share a name.',
  'name-recursive-layer': 'A layer calls itself, directly or through other layers.',
  'name-call-model': 'A model is called like a layer; only layers can be called.',
  'train-loss-not-scalar': 'Training needs the model\'s first result to be the scalar loss (f32[]).',
  'train-no-params': 'Training needs a model with at least one f32 or bf16 param.',
  'train-remat-model': '`remat` is written on a model; it marks layers and layer calls only.',
  'train-remat-builtin': '`remat` is written on a call of a builtin op; it marks layer calls only.',
  'shape-argument-type': "A layer call's argument type differs from the layer's declared input type.",
  'shape-binding-count': 'A binding names more or fewer values than its right side gives.',
  'shape-call-arity': 'A layer call passes more or fewer arguments than the layer takes.',
  'shape-named-argument': 'A layer call uses a named argument; layers take positional arguments only.',
  'shape-dim-cycle': 'A dim is defined in terms of itself.',
  'shape-dim-division': "A dim's integer expression divides by zero.",
  'shape-dim-not-integer': "A dim's integer expression is not a whole number.",
  'shape-dim-not-positive': "A dim's integer expression is less than 1.",
  'shape-duplicate-dim': 'One type names the same dim twice (use rename() for a second dim of that size).',
  'shape-einsum-spec': "An einsum's spec string does not parse or does not fit its operands.",
  'shape-expected-bool': 'An op argument that must be true or false is something else.',
  'shape-expected-dim': 'An op argument that must be a dim name is something else.',
  'shape-expected-string': 'An op argument that must be a string is something else.',
  'shape-expected-number': "An op argument that must be a number (pow's exponent, dropout's rate, pad_id) is " +
    "something else.",
  'shape-expected-tensor': 'A string or list stands where a tensor expression is needed.',
  'shape-expected-one-value': 'An expression giving several values stands where one is needed.',
  'shape-missing-return': 'A layer or model has no return statement.',
  'shape-repeat-count': "`repeat`'s count is less than 1.",
  'shape-repeat-signature': "`repeat`'s layer does not return what it takes, so instances cannot be chained.",
  'shape-result-count': 'A layer or model returns more or fewer values than it declares.',
  'shape-result-type': 'A returned value\'s type differs from the declared result type.',
  'shape-rms-norm': "rms_norm's operand is not floating point or lacks the normalized dim.",
  'shape-logsumexp': "logsumexp's operand is not floating point or lacks the reduced dim.",
  'shape-softmax-cross-entropy': "softmax_cross_entropy's logits are not floating point or lack the vocabulary dim.",
  'shape-cross-entropy-targets': "softmax_cross_entropy's targets are not i32 with the logits' dims but the " +
    "vocabulary's.",
  'shape-einsum-order': 'An einsum of three or more operands: the pairwise order chosen (fewest FLOPs), its FLOPs, '
    + 'left to right\'s and the worst pairing\'s (info).',
  'shape-top2-logits': "top2_gating's logits are not f32[G, S, E].",
  'shape-top2-noise': 'top2_gating with policy "random" has no noise argument.',
  'shape-top2-policy': 'top2_gating\'s policy is not "all" or "random".',
  'shape-unreachable': 'A statement after return is never used (warning).',
  'shard-annotation-conflict': 'One tensor is annotated with two different shardings.',
  'shard-assignment-not-on-mesh': "A GShard split's device assignment is not a split of the mesh's axes.",
  'shard-assignment-not-permutation': 'A GShard device assignment does not list each device once.',
  'shard-assignment-shape': 'A GShard device assignment is not a rectangular array of integers.',
  'shard-axis-reused': 'One mesh axis splits two dims of the same tensor.',
  'shard-conflict': 'Propagation met two incompatible shardings for one value and kept one (warning).',
  'shard-full-remat': 'A reshard needs an all-gather of whole dims then a slice; an annotation avoids it (warning).',
  'shard-mesh-mismatch': 'A sharding names a mesh other than the one the model runs on.',
  'shard-rank-mismatch': "An XLA tile assignment's rank does not fit the tensor's rank.",
  'shard-shardy-syntax': 'Shardy sharding text does not parse.',
  'shard-split-count': "A GShard split's partition count is not a product of leading mesh axes.",
  'shard-split-dim': 'A GShard split names a dim the tensor does not have.',
  'shard-sub-axis': 'A Shardy sub-axis is not a divisor split of its mesh axis.',
  'shard-syntax': 'Sharding annotation text does not parse.',
  'shard-uneven': 'A split dim is not a multiple of its axes\' size; shards are padded (warning).',
  'shard-unknown-axis': 'A sharding names an axis the mesh does not have.',
  'shard-unknown-dim': 'A split names a dim the tensor does not have.',
  'shard-xla-syntax': 'XLA sharding text does not parse.',
  'shard-xla-unsupported': 'An XLA sharding with no axis-based equivalent.',
  'mesh-axis-size': 'A mesh axis size is not a positive integer.',
  'mesh-chips-mismatch': "A mesh's chips grid does not hold its devices.",
  'mesh-chips-too-large': "A mesh's chips grid is larger than a TPU-v3 pod.",
  'mesh-devices-count': "A mesh's device list has a length other than the mesh's size.",
  'mesh-devices-not-permutation': "A mesh's device list does not list each device once.",
  'mesh-duplicate-axis': 'Two axes of one mesh share a name.',
  'mesh-missing': 'The file declares no mesh.',
  'mesh-no-axes': 'A mesh declares no axis.',
  'mesh-odd-cores': 'A TPU-v3 mesh has an odd number of cores (two per chip).',
  'mesh-too-large': 'A TPU-v3 mesh has more cores than a pod.',
  'limit-devices': 'A mesh has more devices than the limit (GSHARD_MAX_DEVICES).',
  'limit-dim-size': 'A dim is larger than the limit (GSHARD_MAX_DIM_SIZE).',
  'limit-expression-depth': 'An expression nests deeper than the limit (GSHARD_MAX_EXPRESSION_DEPTH).',
  'limit-file-bytes': 'The source file is larger than the limit (GSHARD_MAX_FILE_BYTES).',
  'limit-ops': 'Inlining layers gives more ops than the limit (GSHARD_MAX_OPS).',
  'limit-tensor-elements': 'A tensor has more elements than the limit (GSHARD_MAX_TENSOR_ELEMENTS).',
  'cost-global-program': 'Costing an unpartitioned program: shapes are global, not per device (warning).',
  'cost-hbm-overflow': 'A step needs more HBM per core than a TPU-v3 core has; the largest tensors are named.',
} as const satisfies Record<string, string>;

/**
 * Codes made from an op's kind: `shape-<op>` (underscores as dashes) when operand types do not fit
 * that op's signature, e.g. `shape-einsum`, `shape-layer-norm`. Keyed by the pattern.
 */
export const CODE_FAMILIES = {
  'shape-<op>': "The operands of op <op> do not fit its signature (the message says which and why).",
} as const satisfies Record<string, string>;

export const DIAGNOSTIC_CODES: Readonly<Record<string, string>> = { ...SYNTAX_CODES, ...COMPILER_CODES };

/** The code reported when an op's operand types do not fit its signature. */
export function opShapeCode(kind: string): string {
  return `shape-${kind.replace(/_/g, '-')}`;
}

/** The registered doc of a code (a family's for `shape-<op>` codes of known ops), if any. */
export function codeDoc(code: string, isOpKind: (kind: string) => boolean): string | undefined {
  const exact = DIAGNOSTIC_CODES[code];
  if (exact !== undefined) return exact;
  const op = code.startsWith('shape-') ? code.slice('shape-'.length).replace(/-/g, '_') : undefined;
  return op !== undefined && isOpKind(op) ? CODE_FAMILIES['shape-<op>'] : undefined;
  return undefined;
}

/** docs/diagnostics.md: every code with its doc, grouped by phase (a test holds the file equal to this). */
export function diagnosticsMarkdown(): string {
  const lines = [
    '# Diagnostic codes',
    '',
    'Generated from the registry (`grammar/src/codes.ts`, `compiler/src/diag/codes.ts`) by',
    '`node scripts/diagnostics-doc.js`; a test fails when this file and the registry differ.',
    'Codes are stable; message wording may change.',
  ];
  const phases = new Map<string, [string, string][]>();
  const all: [string, string][] = [...Object.entries(DIAGNOSTIC_CODES), ...Object.entries(CODE_FAMILIES)];
  for (const [code, doc] of all) {
    const phase = code.slice(0, code.indexOf('-'));
    phases.set(phase, [...(phases.get(phase) ?? []), [code, doc]]);
  }
  for (const [phase, entries] of phases) {
    lines.push('', `## ${phase}`, '', '| code | meaning |', '| --- | --- |');
    for (const [code, doc] of entries) lines.push(`| \`${code}\` | ${doc.replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}
