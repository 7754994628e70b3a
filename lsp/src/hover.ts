// Hover: on a tensor (input, param, binding) its sharded type, per-device shape and bytes, origin
// and tiles (in training mode a param also its gradient's sharding, origin and reduction); on an op its
// signature and the collectives inserted there; on a dim or axis its size and uses.

import {
  BUILTINS, builtinSignature, einsumOrderEntries, meshToString, orderCostText, reductionWords, type Module,
  type SymbolDef,
} from '@gshard/compiler';
import type { Call, FuncDecl, Program } from '@gshard/grammar';
import type { Hover } from 'vscode-languageserver/node';
import { callAt } from './ast-walk.js';
import { formatCount, toRange } from './convert.js';
import type { DocModel } from './doc-model.js';
import { describeCollective, describeValue } from './describe.js';
import { opFlops } from './costs.js';

export function hover(model: DocModel, program: Program, offset: number, partitioned: boolean): Hover | null {
  const hit = model.symbolAt(offset);
  const call = callAt(program, offset);
  if (call?.onCallee && (!hit || hit.def.kind === 'layer')) {
    const text = opHover(model, call.call, partitioned, program);
    if (text) return { contents: { kind: 'markdown', value: text }, range: toRange(call.call.callee.span) };
  }
  if (!hit) return null;
  const value = symbolHover(model, hit.def, program);
  return { contents: { kind: 'markdown', value }, range: toRange(hit.span) };
}

function symbolHover(model: DocModel, def: SymbolDef, program: Program): string {
  const uses = model.occurrences(def).length - 1;
  const usesText = `${uses} use${uses === 1 ? '' : 's'}`;
  switch (def.kind) {
    case 'input': case 'param': case 'binding': return valueHover(model, def, program);
    case 'dim': {
      const size = model.analysis.front.lowered.dims.get(def.name)?.size;
      return `**dim \`${def.name}\`** = ${size ?? '(unknown)'}\n\n${usesText}`;
    }
    case 'axis': {
      const module = model.module;
      const size = module && module.mesh.name === def.scope
        ? module.mesh.axes.find((a) => a.name === def.name)?.size
        : undefined;
      const sizeText = size ?? axisSizeFromSource(program, def);
      return `**mesh axis \`${def.name}\`** of mesh \`${def.scope ?? '?'}\`: size ${sizeText ?? '(unknown)'}\n\n` +
        `${usesText} in annotations`;
    }
    case 'mesh': {
      const m = model.module?.mesh;
      return `**mesh \`${def.name}\`**${m && m.name === def.name ? ` = ${meshToString(m)}` : ''}\n\n${usesText}`;
    }
    case 'layer': case 'model': {
      const f = program.items.find((i): i is FuncDecl => i.kind === 'FuncDecl' && i.name.name === def.name);
      const inputs = f ? `(${f.inputs.map((i) => i.name.name).join(', ')})` : '';
      return `**${def.kind} \`${def.name}\`**${inputs}\n\n${usesText}`;
    }
  }
}

function valueHover(model: DocModel, def: SymbolDef, program: Program): string {
  const title = `**\`${def.name}\`**: ${def.kind}${def.scope ? ` in \`${def.scope}\`` : ''}`;
  const values = model.valuesOf(def);
  const module = model.module;
  const first = values[0];
  if (!first || !module) {
    return `${title}\n\n${declaredType(program, def) ?? 'no type: the file does not compile up to here'}`;
  }
  const parts = [title, '', describeValue(first, module)];
  // training mode: the param's gradient (one per instance; the first instance's, as above)
  const grad = def.kind === 'param'
    ? model.enrichment?.training?.gradients.find((g) => g.param === first.name)
    : undefined;
  if (grad) {
    parts.push('', `**gradient** \`${grad.type}\`: ${grad.origin}`,
      ...reductionWords(grad).map((r) => `- reduction: ${r}`));
  }
  if (values.length > 1) {
    const names = values.map((v) => `\`${v.name}\``);
    const more = values.length > 6 ? ', …' : '';
    parts.push('', `${values.length} instances (shown: \`${first.name}\`): ${names.slice(0, 6).join(', ')}${more}`);
  }
  return parts.join('\n');
}

/** The type written in the source for an input or param, for files that do not compile. */
function declaredType(program: Program, def: SymbolDef): string | undefined {
  for (const item of program.items) {
    if (item.kind !== 'FuncDecl' || item.name.name !== def.scope) continue;
    const decls = [...item.inputs, ...item.body.flatMap((s) => (s.kind === 'ParamDecl' ? [s] : []))];
    const d = decls.find((x) => x.name.span.start.offset === def.span.start.offset);
    if (d) {
      return '```gshard\n' + `${d.type.dtype.name}[${d.type.dims.map((x) => x.name).join(', ')}]` +
        '\n```\n(declared; sharding not known while the file has errors)';
    }
  }
  return undefined;
}

function axisSizeFromSource(program: Program, def: SymbolDef): number | undefined {
  for (const item of program.items) {
    if (item.kind !== 'MeshDecl' || item.name.name !== def.scope) continue;
    const axis = item.axes.find((a) => a.name.name === def.name);
    if (axis?.size.kind === 'NumberLit') return axis.size.value;
  }
  return undefined;
}

function opHover(model: DocModel, call: Call, partitioned: boolean, program: Program): string | undefined {
  const name = call.callee.name;
  const builtin = BUILTINS.get(name);
  const layer = program.items.find((i): i is FuncDecl => i.kind === 'FuncDecl' && i.name.name === name);
  if (!builtin && !layer) return undefined;
  const head = builtin
    ? `**op \`${name}\`** — \`${builtinSignature(builtin)}\`\n\n${builtin.doc}`
    // layer is set when builtin is not (checked above)
    : `**layer \`${name}\`**(${(layer?.inputs ?? []).map((i) => i.name.name).join(', ')})`;
  const parts = [head];
  const spec = call.args[0]?.value;
  if (name === 'einsum' && spec?.kind === 'StringLit') parts.push(`\nHere: \`${spec.value}\``);
  if (name === 'einsum' && model.module) parts.push(...contractionOrder(model.module, call));
  const ops = model.opsWithin(call.span);
  const flops = ops.reduce((n, op) => n + opFlops(op), 0);
  if (ops.length > 0) {
    parts.push(`\n${formatCount(flops, 'FLOP')} (global) in ${ops.length} IR op${ops.length === 1 ? '' : 's'}`);
  }
  if (!model.partitioned) {
    parts.push(`\nCollectives: ${partitioned ? 'none (the partitioner did not run)' : 'not partitioned yet'}`);
  } else {
    const colls = model.collectivesWithin(call.span);
    parts.push(colls.length === 0 ? '\nCollectives: none — this op runs without communication'
      : `\nCollectives inserted here:\n${colls.map((c) => `- ${describeCollective(c)}`).join('\n')}`);
  }
  return parts.join('\n');
}

/** An einsum of three or more operands: the pairwise order lowering chose, as `gshard cost` reports it. */
function contractionOrder(module: Module, call: Call): string[] {
  const { line, col } = call.span.start;
  const e = einsumOrderEntries(module).find((x) => x.line === line && x.col === col);
  if (!e) return [];
  const steps = e.steps.map((s, i) => `${i + 1}. \`(${s.a}·${s.b})->${s.result} [${s.spec}]\` ${s.flops} FLOPs`);
  return [`\nContraction order (fewest FLOPs; global): ${orderCostText(e)}`, ...steps];
}
