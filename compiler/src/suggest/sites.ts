// Annotation sites of a file: the model's inputs and every parameter (where a GShard user annotates), with the
// source spans a plan rewrites, and the IR values each one becomes after lowering.

import type { FuncDecl, Program } from '@gshard/grammar';
import type { Module, Value } from '../ir/module.js';
import { DTYPE_BYTES } from '../ir/types.js';

export interface Site {
  /** Unique: `moe_ffn.wi`, `model.x`. */
  readonly key: string;
  /** The layer or model that declares it. */
  readonly owner: string;
  readonly name: string;
  readonly kind: 'input' | 'param';
  /** Dim names as written. */
  readonly dims: readonly string[];
  /** The `@ ...` text as written, with its offsets; absent when the declaration has none. */
  readonly annotation?: { readonly start: number; readonly end: number; readonly text: string };
  /** Where an annotation is inserted when there is none: the end of the declared type. */
  readonly insertAt: number;
  readonly declStart: number;
  readonly declEnd: number;
}

/** A site with the values it became: one per layer instance for a layer's param, one for a model input or param. */
export interface BoundSite extends Site {
  readonly values: readonly Value[];
  /** Dim sizes, from the lowered type. */
  readonly sizes: readonly number[];
  readonly dtypeBytes: number;
  /** The file's annotation as a choice (one axis per dim at most, nothing pending), when it has one like that. */
  readonly written?: readonly (string | null)[];
}

function siteOf(text: string, owner: string, isModel: boolean, kind: 'input' | 'param',
  decl: FuncDecl['inputs'][number] | Extract<FuncDecl['body'][number], { kind: 'ParamDecl' }>): Site {
  const a = decl.annotation;
  const base = {
    key: `${isModel ? 'model' : owner}.${decl.name.name}`, owner, name: decl.name.name, kind,
    dims: decl.type.dims.map((d) => d.name), insertAt: decl.type.span.end.offset,
    declStart: decl.span.start.offset, declEnd: decl.span.end.offset,
  };
  if (!a) return base;
  const start = a.span.start.offset;
  const end = a.span.end.offset;
  return { ...base, annotation: { start, end, text: text.slice(start, end) } };
}

/**
 * Every param of every layer and model, and the inputs of models (layer inputs carry what the caller passes;
 * annotations written on them stay as the user wrote them). Source order.
 */
export function findSites(program: Program, text: string): Site[] {
  const sites: Site[] = [];
  for (const item of program.items) {
    if (item.kind !== 'FuncDecl') continue;
    const owner = item.name.name;
    if (item.isModel) for (const input of item.inputs) sites.push(siteOf(text, owner, true, 'input', input));
    for (const s of item.body) if (s.kind === 'ParamDecl') sites.push(siteOf(text, owner, item.isModel, 'param', s));
  }
  return sites;
}

/**
 * The sites the lowered module uses, with their values: a param value belongs to the declaration whose span holds
 * the value's span; a model input is found by name. Sites of layers the model never calls are dropped.
 */
export function bindSites(sites: readonly Site[], module: Module): BoundSite[] {
  const bound: BoundSite[] = [];
  for (const site of sites) {
    const values = site.kind === 'input'
      ? module.inputs.filter((v) => v.name === site.name && v.span.start.offset >= site.declStart
        && v.span.start.offset <= site.declEnd)
      : module.params.filter((v) => v.span.start.offset >= site.declStart && v.span.end.offset <= site.declEnd);
    const first = values[0];
    if (!first) continue;
    const a = first.annotation;
    const simple = a && a.unreduced.length === 0 && a.dims.every((d) => d.axes.length <= 1);
    const written = simple ? a.dims.map((d) => d.axes[0] ?? null) : undefined;
    bound.push({
      ...site, values, sizes: first.type.dims.map((d) => d.size), dtypeBytes: DTYPE_BYTES[first.type.dtype],
      ...(written ? { written } : {}),
    });
  }
  return bound;
}
