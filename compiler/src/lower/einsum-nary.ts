// Lowering of an einsum of three or more operands: pairwise einsums in the order einsum-chain.ts
// picks (the one place the order is chosen), recorded as an EinsumOrder for cost, explain and hover.

import type { Expr, Span } from '@gshard/grammar';
import type { Value } from '../ir/module.js';
import { type EinsumOrderStep, einsumSpecText, orderCostText, orderText } from '../ir/einsum-order.js';
import { contractionOrder, writtenOrderFlops } from './einsum-chain.js';
import type { CallSite } from './call-site.js';
import { at } from '../util/checked.js';

interface Spec {
  readonly inputs: readonly (readonly string[])[];
  readonly output: readonly string[];
}

/**
 * Each operand is first checked against its subscripts, so errors point at the operand; then each step
 * is a two-operand einsum named `<result>.pair<k>` (the last one is the result).
 */
export function lowerEinsumChain(s: CallSite, spec: Spec, values: readonly Value[],
  spans: readonly Span[]): Value[] | undefined {
  const sizes = new Map<string, number>();
  for (const [i, v] of values.entries()) {
    const want = at(spec.inputs, i, 'spec.inputs');
    const got = v.type.dims.map((d) => d.name);
    if (want.length !== got.length || want.some((d, k) => d !== got[k])) {
      s.ctx.error('shape-einsum',
        `einsum operand ${i + 1} has dims [${got.join(', ')}] but the subscripts say [${want.join(', ')}].`,
        spans[i] ?? s.span);
      return undefined;
    }
    for (const d of v.type.dims) sizes.set(d.name, d.size);
  }
  const size = (d: string) => sizes.get(d) ?? 1;
  const order = contractionOrder(spec.inputs, spec.output, size);
  // Terms: the operands, then each step's result, as the order numbers them.
  const terms: { dims: readonly string[]; value: Value; span: Span }[] =
    values.map((v, i) => ({ dims: at(spec.inputs, i, 'spec.inputs'), value: v, span: spans[i] ?? s.span }));
  const base = s.names[0] ?? 'einsum';
  const steps: EinsumOrderStep[] = [];
  for (const [k, st] of order.steps.entries()) {
    const [a, b] = [at(terms, st.a, 'terms'), at(terms, st.b, 'terms')];
    const final = k === order.steps.length - 1;
    const inputs: [string[], string[]] = [[...a.dims], [...b.dims]];
    const made = s.ctx.emit('einsum', [a.value, b.value], { inputs, output: [...st.out] }, s.span,
      [final ? base : `${base}.pair${k}`], [a.span, b.span]);
    if (!made) return undefined;
    const result = at(made, 0, 'einsum results');
    terms.push({ dims: st.out, value: result, span: s.span });
    steps.push({ a: a.value.name, b: b.value.name, result: result.name, inputs, output: [...st.out],
      flops: st.flops });
  }
  const recorded = {
    span: s.span, spec: einsumSpecText(spec.inputs, spec.output), operands: values.map((v) => v.name),
    result: at(terms, terms.length - 1, 'terms').value.name, steps, flops: order.flops,
    leftToRightFlops: writtenOrderFlops(spec.inputs, spec.output, size),
    ...(order.worstFlops !== undefined ? { worstFlops: order.worstFlops } : {}), search: order.search,
  };
  s.ctx.einsumOrders.push(recorded);
  s.ctx.report('shape-einsum-order', 'info', `einsum of ${values.length} operands, contracted pairwise as `
    + `${orderText(recorded, sourceLabels(s, values, spans, recorded.steps))}: ${orderCostText(recorded)}.`, s.span);
  return [at(terms, terms.length - 1, 'terms').value];
}

/**
 * Names as the source writes them, so every instance of a layer gives the same note (reported once):
 * an operand by its name at the call (`operand 2` for an expression), a step by the binding's `.pair<k>`.
 */
function sourceLabels(s: CallSite, values: readonly Value[], spans: readonly Span[],
  steps: readonly EinsumOrderStep[]): (irName: string) => string {
  const written = new Map<number, string>();
  const visit = (e: Expr) => {
    if (e.kind === 'NameRef') written.set(e.span.start.offset, e.name.name);
    else if (e.kind === 'ListLit') e.elements.forEach(visit);
  };
  for (const arg of s.call?.args ?? []) visit(arg.value);
  const labels = new Map<string, string>();
  values.forEach((v, i) => {
    if (!labels.has(v.name)) labels.set(v.name, written.get(spans[i]?.start.offset ?? -1) ?? `operand ${i + 1}`);
  });
  const base = s.names[0] ?? 'einsum';
  const binding = base.slice(base.lastIndexOf('.') + 1);
  steps.forEach((st, k) => labels.set(st.result, k === steps.length - 1 ? binding : `${binding}.pair${k}`));
  return (irName) => labels.get(irName) ?? irName;
}
