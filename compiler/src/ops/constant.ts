// constant: a scalar literal of a dtype (numbers in the source lower to it).

import type { Attrs } from '../ir/module.js';
import { type DType, type TensorType, tensorType } from '../ir/types.js';
import { scalar } from '../runtime/index.js';
import { resultOf, type Lowering } from '../emit/stablehlo-ops.js';
import { JNP_DTYPE, pyNumber } from '../emit/jax-expr.js';
import type { OpEntry } from './entry.js';
import { notDifferentiable } from './grad-support.js';
import { attrNumber, attrString, ok, type InferResult } from './signature.js';
import { freeWork } from './work.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';

function inferConstant(_operands: readonly TensorType[], attrs: Attrs): InferResult {
  const dtype = attrString(attrs, 'dtype') as DType;
  return ok(tensorType(dtype || 'f32', []));
}

const constantHlo: Lowering = (cx, op) => {
  const { type } = resultOf(op);
  return [{ ssa: cx.e.splat(attrNumber(op.attrs, 'value'), type), dims: [] }];
};

const dtypeOf = (a: Attrs): DType => (attrString(a, 'dtype') || 'f32') as DType;

export const CONSTANT_OPS = {
  constant: {
    name: 'constant', doc: 'A scalar constant `value` of `dtype`.', family: 'constant', tier: 0,
    infer: inferConstant,
    rule: () => ({ factors: [], operands: [], results: [[]] }),
    work: freeWork,
    fusion: () => 'none',
    kernel: (op) => [scalar(attrNumber(op.attrs, 'value'), dtypeOf(op.attrs))],
    collective: null,
    stablehlo: constantHlo,
    jax: (op) => `${JNP_DTYPE[dtypeOf(op.attrs)]}(${pyNumber(attrNumber(op.attrs, 'value'), dtypeOf(op.attrs))})`,
    splitNormalization: null,
    training: { saves: 'none', product: 'none', differentiable: 'none' },
    gradient: notDifferentiable('a literal: nothing to differentiate'),
    surface: { form: 'none' },
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
  } satisfies OpEntry & { name: 'constant' },
} as const;
