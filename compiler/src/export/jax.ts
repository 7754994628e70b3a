// The sharded global IR as a readable JAX script: jnp per op, NamedSharding inputs, constraints on annotations.

import { shardingOf, type Module, type Op, type Value } from '../ir/module.js';
import { opEntry } from '../ops/registry.js';
import { isExported } from '../ops/entry.js';
import { isIotaMesh, meshToString } from '../ir/mesh.js';
import { jaxTypeString } from '../ir/sharding-text.js';
import { partitionSpec, partitionSpecPython } from './export-sharding.js';
import { checkExportable, ExportError } from './stablehlo.js';
import { JNP_DTYPE, tuple, type JaxHelper } from '../emit/jax-expr.js';
import type { MatmulPrecision } from '../emit/stablehlo-ops.js';
import { at, must } from '../util/checked.js';

export interface JaxOptions {
  readonly precision: MatmulPrecision;
  readonly source?: string;
}

/** Names the script itself uses, plus Python's keywords and builtins a value name could shadow. */
const RESERVED = new Set([
  'jax', 'jnp', 'np', 'P', 'Mesh', 'NamedSharding', 'AxisType', 'Path', 'argparse', 'math', 'mesh', 'sh',
  'layer_norm', 'exclusive_cumsum', 'top_k', 'make_mesh', 'load_array', 'main', 'ARGUMENTS', 'RESULTS',
  'MESH_AXES', 'MESH_SHAPE', 'MESH_DEVICE_IDS',
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'print', 'len', 'range', 'input', 'max', 'min', 'sum',
    'abs',
]);

/** Gives each IR value a Python identifier: `combine.gates` -> `combine_gates`, unique and not reserved. */
class PyNames {
  private readonly byId = new Map<number, string>();
  private readonly used = new Set<string>(RESERVED);

  reserve(name: string): void {
    this.used.add(name);
  }

  of(v: Value): string {
    let name = this.byId.get(v.id);
    if (name) return name;
    let base = v.name.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `v_${base}`;
    name = base;
    for (let k = 1; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    this.byId.set(v.id, name);
    return name;
  }
}

/** The right-hand side for one op, from its registry entry. */
function opExpr(op: Op, arg: (i: number) => string, helpers: Map<string, JaxHelper>): string {
  const lowering = opEntry(op.kind)?.jax;
  if (!lowering || !isExported(lowering)) {
    throw new ExportError(`op '${op.kind}' (%${op.results[0]?.name ?? '?'}) has no JAX translation`);
  }
  return lowering(op, arg, helpers);
}

/** The forward model as Python: its function, the helpers it calls and the argument/result tables. */
export interface JaxModel {
  readonly fnName: string;
  readonly argNames: string[];
  /** Without `#!` and docstring: imports, mesh, ARGUMENTS, RESULTS, make_mesh, helpers, the model, load_array. */
  readonly prelude: string[];
}

/** A ARGUMENTS/RESULTS row: `(name, dtype, shape, sharding)`. */
export function jaxTableEntry(v: Value, m: Module): string {
  const shape = tuple(v.type.dims.map((d) => d.size));
  const spec = partitionSpecPython(partitionSpec(must(v.sharding, 'an exported value is sharded'), m.mesh));
  const shapeText = v.type.dims.length === 0 ? '()' : shape;
  return `    (${JSON.stringify(v.name)}, ${JNP_DTYPE[v.type.dtype]}, ${shapeText}, ${spec}),`;
}

export function jaxModel(m: Module, options: JaxOptions): JaxModel {
  checkExportable(m);
  const names = new PyNames();
  const fnName = pyFunctionName(m.name);
  names.reserve(fnName);
  const mesh = m.mesh;
  const helpers = new Map<string, JaxHelper>();
  const args = [...m.inputs, ...m.params];
  const argNames = args.map((v) => names.of(v));

  const body: string[] = [];
  for (const op of m.ops) {
    const lhs = op.results.map((r) => names.of(r)).join(', ');
    const types = op.results.map((r) => `${r.name}: ${jaxTypeString(r.type, shardingOf(r))}`).join(', ');
    body.push(`    # ${types}${op.span.start.line > 0 ? ` (line ${op.span.start.line})` : ''}`);
    body.push(`    ${lhs} = ${opExpr(op, (i) => names.of(at(op.operands, i, 'op.operands')), helpers)}`);
    for (const r of op.results) {
      if (!r.annotation) continue;
      const n = names.of(r);
      body.push(`    ${n} = jax.lax.with_sharding_constraint(${n}, ` +
        `sh${partitionSpecPython(partitionSpec(shardingOf(r), mesh)).slice(1)})`);
    }
  }
  body.push(`    return ${m.outputs.map((v) => names.of(v)).join(', ')}${m.outputs.length === 1 ? ',' : ''}`);

  const entry = (v: Value): string => jaxTableEntry(v, m);
  const axes = mesh.axes.map((a) => JSON.stringify(a.name));
  const sizes = mesh.axes.map((a) => String(a.size));
  const lines = [
    'import argparse',
    'import math',
    'from pathlib import Path',
    '',
    'import numpy as np',
    'import jax',
    'import jax.numpy as jnp',
    'from jax.sharding import AxisType, Mesh, NamedSharding, PartitionSpec as P',
    '',
  ];
  if (options.precision === 'highest') {
    lines.push('# f32 matmuls at full precision, as gshard computes them (TPUs otherwise use bf16 passes).',
      'jax.config.update("jax_default_matmul_precision", "highest")', '');
  }
  lines.push(
    `MESH_AXES = ${tuple(axes)}`,
    `MESH_SHAPE = ${tuple(sizes)}`,
    `# The device at each mesh position, ` +
      `row-major${isIotaMesh(mesh) ? ': None means jax.make_mesh chooses (physically sensible on TPU)' : ''}.`,
    `MESH_DEVICE_IDS = ${isIotaMesh(mesh) ? 'None' : `[${mesh.deviceIds.join(', ')}]`}`,
    '',
    '# (name, dtype, shape, sharding) of each argument of the model, inputs then params.',
    'ARGUMENTS = [',
    ...args.map(entry),
    ']',
    '# (name, dtype, shape, sharding) of each result.',
    'RESULTS = [',
    ...m.outputs.map(entry),
    ']',
    '',
    '',
    'def make_mesh():',
    '    n = math.prod(MESH_SHAPE)',
    '    devices = jax.devices()',
    '    if len(devices) < n:',
    '        raise SystemExit(f"the mesh needs {n} devices but jax sees {len(devices)}; on CPU set "',
    '                         f"XLA_FLAGS=--xla_force_host_platform_device_count={n}")',
    '    axis_types = (AxisType.Auto,) * len(MESH_AXES)  # Auto: with_sharding_constraint needs it',
    '    if MESH_DEVICE_IDS is None:',
    '        return jax.make_mesh(MESH_SHAPE, MESH_AXES, axis_types=axis_types, devices=devices[:n])',
    '    return Mesh(np.array([devices[i] for i in MESH_DEVICE_IDS]).reshape(MESH_SHAPE), MESH_AXES, ' +
      'axis_types=axis_types)',
    '',
    '',
  );
  for (const h of [...helpers.values()].sort((x, y) => x.order - y.order)) lines.push(h.source, '', '');
  lines.push(
    `def ${fnName}(mesh, ${argNames.join(', ')}):`,
    '    def sh(*spec):',
    '        return NamedSharding(mesh, P(*spec))',
    '',
    ...body,
    '',
    '',
    'def load_array(data_dir, name, dtype, shape):',
    '    """NAME.npy from data_dir/inputs, params or random (gshard run --save), or data_dir itself."""',
    '    for sub in ("inputs", "params", "random", "."):',
    '        path = Path(data_dir) / sub / f"{name}.npy"',
    '        if path.exists():',
    '            array = np.load(path)',
    '            if tuple(array.shape) != tuple(shape):',
    '                raise SystemExit(f"{path}: shape {array.shape}, but {name} is {shape}")',
    '            return array.astype(dtype)  # bf16 is saved as f32',
    '    raise SystemExit(f"no {name}.npy under {data_dir}")',
    '',
    '',
  );
  return { fnName, argNames, prelude: lines };
}

export function exportJax(m: Module, options: JaxOptions): string {
  const { fnName, prelude } = jaxModel(m, options);
  const mesh = m.mesh;
  const lines = [
    '#!/usr/bin/env python3',
    `"""${m.name}${options.source ? ` from ${options.source}` : ''}, exported by gshard as a JAX program.`,
    '',
    `Mesh ${meshToString(mesh)}: axes with auto axis types. Inputs and params are placed with`,
    'NamedSharding/PartitionSpec as gshard propagated them; the values annotated in the source are pinned',
    'with with_sharding_constraint; XLA infers every other sharding, as gshard did.',
    '',
    `    python3 ${m.name}.py --data DIR --out OUT [--dump-hlo FILE]`,
    '',
    'DIR holds the .npy files `gshard run --save DIR` writes (inputs/, params/, random/ or DIR itself);',
    'outputs go to OUT/outputs/NAME.npy. On CPU, fake the devices with',
    `XLA_FLAGS=--xla_force_host_platform_device_count=${mesh.deviceIds.length}. Written for jax==0.10.2 ` +
      '(docs/real-engines.md).',
    '"""',
    ...prelude,
    'def main():',
    '    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)',
    '    parser.add_argument("--data", required=True, help="directory with the input and param .npy files")',
    '    parser.add_argument("--out", required=True, help="directory to write outputs/NAME.npy into")',
    '    parser.add_argument("--dump-hlo", help="also write the compiled (partitioned) HLO text here")',
    '    args = parser.parse_args()',
    '    mesh = make_mesh()',
    '    shardings = [NamedSharding(mesh, spec) for _, _, _, spec in ARGUMENTS]',
    '    arrays = [jax.device_put(load_array(args.data, name, dtype, shape), s)',
    '              for (name, dtype, shape, _), s in zip(ARGUMENTS, shardings)]',
    `    step = jax.jit(lambda *xs: ${fnName}(mesh, *xs), in_shardings=shardings,`,
    '                   out_shardings=tuple(NamedSharding(mesh, spec) for _, _, _, spec in RESULTS))',
    '    if args.dump_hlo:',
    '        Path(args.dump_hlo).write_text(step.lower(*arrays).compile().as_text())',
    '    results = step(*arrays)',
    '    out = Path(args.out) / "outputs"',
    '    out.mkdir(parents=True, exist_ok=True)',
    '    for (name, dtype, _, _), value in zip(RESULTS, results):',
    '        host = np.asarray(value)',
    '        np.save(out / f"{name}.npy", host.astype(np.float32) if dtype == jnp.bfloat16 else host)',
    '        print(f"{name}: {host.dtype}{list(host.shape)} -> {out / (name + \'.npy\')}")',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ];
  return lines.join('\n');
}

function pyFunctionName(name: string): string {
  const base = name.replace(/[^A-Za-z0-9_]/g, '_');
  const n = /^[A-Za-z_]/.test(base) ? base : `model_${base}`;
  return RESERVED.has(n) ? `${n}_model` : n;
}
