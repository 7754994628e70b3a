// AST -> global IR for a whole file: dims, meshes, then the entry model with layers inlined.

import type { Diagnostic, FuncDecl, Program } from '@gshard/grammar';
import type { Module } from '../ir/module.js';
import { mustMakeMesh, type Mesh } from '../ir/mesh.js';
import { unknownName } from '../diag/typos.js';
import { LowerContext, type SymbolIndex } from './context.js';
import { resolveDims } from './dims.js';
import { resolveMeshes } from './meshes.js';
import { FunctionLowering, LimitExceeded } from './functions.js';

export interface LowerOptions {
  /** Model to compile when the file has several (default: the first). */
  readonly entry?: string;
  /** Replaces the model's mesh (`--mesh`); axes keep their names. */
  readonly meshOverride?: Mesh;
  /** Replaces dim declarations' values (`--dim B=16`); dims defined from them are recomputed. */
  readonly dimOverrides?: ReadonlyMap<string, number>;
}

export interface LowerResult {
  readonly module?: Module;
  readonly diagnostics: import('@gshard/grammar').Diagnostic[];
  readonly symbols: SymbolIndex;
  readonly dims: ReadonlyMap<string, { size: number }>;
}

export function lowerProgram(program: Program, options: LowerOptions = {}): LowerResult {
  const ctx = new LowerContext();
  let checkingMesh: Mesh | undefined;
  resolveDims(program, ctx, options.dimOverrides);
  resolveMeshes(program, ctx);
  const funcs = collectFuncs(program, ctx);
  const result = (module?: Module): LowerResult =>
    ({ ...(module ? { module } : {}), diagnostics: withoutStandInCascade(ctx.diagnostics, checkingMesh),
    symbols: ctx.symbols, dims: ctx.dims });

  const models = [...funcs.values()].filter((f) => f.isModel);
  const model = options.entry ? funcs.get(options.entry) : models[0];
  if (options.entry && (!model || !model.isModel)) {
    // --entry is not in the file, so the error sits on the models there are (or the file's first line);
    // no fix, since the name to change is on the command line.
    const names = models.map((m) => m.name.name);
    const here = names.length ? `the file's models: ${names.join(', ')}` : 'the file declares no model';
    const u = unknownName(options.entry, names);
    ctx.error('name-unknown-model', `No model named '${options.entry}' (--entry); ${here}.${u.suffix}`,
      models[0]?.name.span ?? firstLine(program), u.extra);
  }
  const declaredMeshes = new Set(program.items.filter((i) => i.kind === 'MeshDecl').map((i) =>
    (i as { name: { name: string } }).name.name));
  const meshEntry = model?.mesh ? ctx.meshes.get(model.mesh.name) : ctx.meshes.values().next().value;
  if (model?.mesh && !meshEntry && !declaredMeshes.has(model.mesh.name)) {
    const u = unknownName(model.mesh.name, ctx.meshes.keys(), model.mesh.span);
    ctx.error('name-unknown-mesh', `Unknown mesh '${model.mesh.name}'.${u.suffix}`, model.mesh.span, u.extra);
  } else if (model?.mesh && meshEntry) {
    ctx.symbols.references.push(model.mesh.span, meshEntry.def);
  }
  if (declaredMeshes.size === 0 && model) {
    ctx.error('mesh-missing', 'The file declares no mesh; add one, e.g. `mesh tpu = tpu_v3 [x = 8]`.', model?.name.span
      ?? firstLine(program));
  }
  // An override keeps the declared mesh's name, so annotations and printed shardings still refer to it.
  const declared = meshEntry?.mesh;
  // The override itself when its name already matches: the cost model caches routes per Mesh object, so callers
  // that compile many variants on one mesh (suggest) share them.
  const override = options.meshOverride;
  const name = declared?.name ?? override?.name;
  const mesh = override ? (override.name === name ? override : { ...override, name: name ?? override.name }) : declared;
  // Without a usable mesh the rest of the file is still checked (names, shapes) against a
  // one-device stand-in; the error above already says what is wrong, so no module comes out.
  checkingMesh = mesh ?? ctx.meshes.values().next().value?.mesh ?? STAND_IN_MESH;
  const lowering = new FunctionLowering(ctx, checkingMesh, funcs);
  try {
    let module: Module | undefined;
    if (model && model.isModel) {
      const { inputs, outputs } = lowering.lowerModel(model);
      module = mesh ? {
        name: model.name.name, mesh, inputs, params: lowering.params, ops: ctx.ops, outputs, view: 'global',
        instances: lowering.userPaths(), temporaries: ctx.temporaries, ...einsumOrdersOf(ctx),
      } : undefined;
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

/** The einsum orders of the model's own ops (layers checked standalone made others, whose ops were dropped). */
function einsumOrdersOf(ctx: LowerContext): Pick<Module, 'einsumOrders'> {
  if (ctx.einsumOrders.length === 0) return {};
  const made = new Set(ctx.ops.flatMap((op) => op.results.map((r) => r.name)));
  return { einsumOrders: ctx.einsumOrders.filter((o) => made.has(o.result)) };
}

function collectFuncs(program: Program, ctx: LowerContext): Map<string, FuncDecl> {
  const funcs = new Map<string, FuncDecl>();
  for (const item of program.items) {
    if (item.kind !== 'FuncDecl') continue;
    const prior = funcs.get(item.name.name);
    if (prior) {
      ctx.error('name-redefined', `${item.isModel ? 'Model' : 'Layer'} ${item.name.name} is defined twice.`,
        item.name.span, {
        name: item.name.name, related: [{ message: 'first defined here', span: prior.name.span }],
      });
      continue;
    }
    if (item.isModel && item.remat) {
      ctx.error('train-remat-model', `remat marks a layer (or a layer call) whose activations the backward pass `
        + `recomputes; model ${item.name.name} is the whole step, so there is nothing to recompute it from. `
        + `Mark its layers or their calls instead.`, item.remat);
    }
    funcs.set(item.name.name, item);
    ctx.symbols.definitions.push({ kind: item.isModel ? 'model' : 'layer', name: item.name.name, span: item.name.span,
      declSpan: item.span });
  }
  return funcs;
}

const STAND_IN_MESH: Mesh = mustMakeMesh({ name: '(no mesh)', kind: 'plain', axes: [{ name: '_', size: 1 }] });

/**
 * Against the stand-in mesh every axis an annotation names is unknown; the mesh's own error (over
 * the device limit, missing, malformed) already says why, so those follow-on errors are dropped.
 */
function withoutStandInCascade(diagnostics: Diagnostic[], checkingMesh: Mesh | undefined): Diagnostic[] {
  return checkingMesh === STAND_IN_MESH ? diagnostics.filter((d) => d.code !== 'shard-unknown-axis') : diagnostics;
}

function firstLine(program: Program) {
  const start = program.span.start;
  return { start, end: { offset: start.offset + 1, line: start.line, col: start.col + 1 } };
}
