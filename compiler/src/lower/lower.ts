// AST -> global IR for a whole file: dims, meshes, then the entry model with layers inlined.

import type { FuncDecl, Program } from '@gshard/grammar';
import type { Module } from '../ir/module.js';
import type { Mesh } from '../sharding/mesh.js';
import { suggestionSuffix } from '../diag/typos.js';
import { LowerContext, type SymbolIndex } from './context.js';
import { resolveDims } from './dims.js';
import { resolveMeshes } from './meshes.js';
import { FunctionLowering, LimitExceeded } from './functions.js';

export interface LowerOptions {
  /** Model to compile when the file has several (default: the first). */
  readonly entry?: string;
  /** Replaces the model's mesh (`--mesh`); axes keep their names. */
  readonly meshOverride?: Mesh;
}

export interface LowerResult {
  readonly module?: Module;
  readonly diagnostics: import('@gshard/grammar').Diagnostic[];
  readonly symbols: SymbolIndex;
  readonly dims: ReadonlyMap<string, { size: number }>;
}

export function lowerProgram(program: Program, options: LowerOptions = {}): LowerResult {
  const ctx = new LowerContext();
  resolveDims(program, ctx);
  resolveMeshes(program, ctx);
  const funcs = collectFuncs(program, ctx);
  const result = (module?: Module): LowerResult => ({ ...(module ? { module } : {}), diagnostics: ctx.diagnostics, symbols: ctx.symbols, dims: ctx.dims });

  const models = [...funcs.values()].filter((f) => f.isModel);
  const model = options.entry ? funcs.get(options.entry) : models[0];
  if (options.entry && (!model || !model.isModel)) {
    ctx.error('name-unknown-model', `No model named '${options.entry}'.${suggestionSuffix(options.entry, models.map((m) => m.name.name))}`, program.span);
  }
  const meshEntry = model?.mesh ? ctx.meshes.get(model.mesh.name) : ctx.meshes.values().next().value;
  if (model?.mesh && !meshEntry) {
    ctx.error('name-unknown-mesh', `Unknown mesh '${model.mesh.name}'.${suggestionSuffix(model.mesh.name, ctx.meshes.keys())}`, model.mesh.span);
  } else if (model?.mesh && meshEntry) {
    ctx.symbols.references.push({ span: model.mesh.span, def: meshEntry.def });
  }
  // An override keeps the declared mesh's name, so annotations and printed shardings still refer to it.
  const mesh = options.meshOverride ? { ...options.meshOverride, name: meshEntry?.mesh.name ?? options.meshOverride.name } : meshEntry?.mesh;
  if (!mesh) {
    if (ctx.meshes.size === 0 && !program.items.some((i) => i.kind === 'MeshDecl')) {
      ctx.error('mesh-missing', 'The file declares no mesh; add one, e.g. `mesh tpu = tpu_v3 [x = 8]`.', model?.name.span ?? program.span);
    }
    return result();
  }
  const lowering = new FunctionLowering(ctx, mesh, funcs);
  try {
    let module: Module | undefined;
    if (model && model.isModel) {
      const { inputs, outputs } = lowering.lowerModel(model);
      module = { name: model.name.name, mesh, inputs, params: lowering.params, ops: ctx.ops, outputs, view: 'global' };
    } else if (!options.entry) {
      ctx.error('name-no-model', 'The file has no model; add `model main(...) { ... }` that calls your layers.', program.span.start.offset === program.span.end.offset ? program.span : firstLine(program));
    }
    // Layers are checked on their own too, so problems in layers the model never calls show up.
    for (const f of funcs.values()) if (!f.isModel) lowering.checkStandalone(f);
    const clean = !ctx.diagnostics.some((d) => d.severity === 'error');
    return result(clean ? module : undefined);
  } catch (e) {
    if (e instanceof LimitExceeded) return result();
    throw e;
  }
}

function collectFuncs(program: Program, ctx: LowerContext): Map<string, FuncDecl> {
  const funcs = new Map<string, FuncDecl>();
  for (const item of program.items) {
    if (item.kind !== 'FuncDecl') continue;
    const prior = funcs.get(item.name.name);
    if (prior) {
      ctx.error('name-redefined', `${item.isModel ? 'Model' : 'Layer'} ${item.name.name} is defined twice.`, item.name.span, {
        related: [{ message: 'first defined here', span: prior.name.span }],
      });
      continue;
    }
    funcs.set(item.name.name, item);
    ctx.symbols.definitions.push({ kind: item.isModel ? 'model' : 'layer', name: item.name.name, span: item.name.span, declSpan: item.span });
  }
  return funcs;
}

function firstLine(program: Program) {
  const start = program.span.start;
  return { start, end: { offset: start.offset + 1, line: start.line, col: start.col + 1 } };
}
