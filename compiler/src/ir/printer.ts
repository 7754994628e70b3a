// The canonical textual IR: one line per input, param and op; parsed back by text-parser.ts.
//
//   module @moe_layer on @tpu = tpu_v3 [x = 16] chips [2, 4] view global {
//     input %inputs: f32[G=16, S=32, M=32] @ [x, _, _] annotated loc(12:19-12:25)
// %logits: f32[G=16, S=32, E=16] @ [x, _, _] = einsum(%inputs, %wg) {"inputs":[...],"output":[...]} loc(16:12-16:45)
//     return %outputs, %aux
//   }

import type { Span } from '@gshard/grammar';
import type { Module, Op, Value, Attrs } from './module.js';
import { typeToStringWithSizes } from './types.js';
import { meshToString } from './mesh.js';
import { shardingToText } from './sharding-text.js';

export interface PrintOptions {
  /** Print `loc(...)` source positions (golden tests usually leave them out). */
  readonly locations?: boolean;
}

export function printModule(m: Module, options: PrintOptions = {}): string {
  const lines = [`module @${m.name} on @${m.mesh.name} = ${meshToString(m.mesh)} view ${m.view} {`];
  for (const v of m.inputs) lines.push(`  input ${valueDecl(v)}${loc(v.span, options)}`);
  for (const v of m.params) lines.push(`  param ${valueDecl(v)}${loc(v.span, options)}`);
  for (const op of m.ops) lines.push(`  ${printOp(op, options)}`);
  lines.push(`  return ${m.outputs.map((v) => `%${v.name}`).join(', ')}`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function printOp(op: Op, options: PrintOptions = {}): string {
  const results = op.results.map(valueDecl).join(', ');
  const operands = op.operands.map((v) => `%${v.name}`).join(', ');
  const attrs = Object.keys(op.attrs).length > 0 ? ` ${printAttrs(op.attrs)}` : '';
  const reason = op.reason ? `  // ${op.reason}` : '';
  return `${results} = ${op.kind}(${operands})${attrs}${loc(op.span, options)}${reason}`;
}

function valueDecl(v: Value): string {
  const sharding = v.sharding ? ` @ ${shardingToText(v.sharding)}${v.annotation ? ' annotated' : ''}` : '';
  return `%${v.name}: ${typeToStringWithSizes(v.type)}${sharding}`;
}

/** Attributes as one JSON object with sorted keys, so the text is canonical. */
export function printAttrs(attrs: Attrs): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(attrs).sort()) sorted[k] = attrs[k];
  return JSON.stringify(sorted);
}

function loc(span: Span, options: PrintOptions): string {
  if (options.locations === false) return '';
  return ` loc(${span.start.line}:${span.start.col}-${span.end.line}:${span.end.col})`;
}
