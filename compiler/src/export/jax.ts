// The sharded global IR as a readable JAX script: jax.numpy per op, NamedSharding inputs, with_sharding_constraint on annotations.

import type { Module, Op, Value } from '../ir/module.js';
import { attrNumber, attrString, attrStrings } from '../ir/ops.js';
import type { DType } from '../ir/types.js';
import { isIotaMesh, meshToString } from '../ir/mesh.js';
import { jaxTypeString } from '../ir/sharding-text.js';
import { partitionSpec, partitionSpecPython } from './export-sharding.js';
import { checkExportable, ExportError } from './stablehlo.js';
import type { MatmulPrecision } from './stablehlo-ops.js';

export interface JaxOptions {
  readonly precision: MatmulPrecision;
  readonly source?: string;
}

const JNP_DTYPE: Readonly<Record<DType, string>> = { f32: 'jnp.float32', bf16: 'jnp.bfloat16', i32: 'jnp.int32', bool: 'jnp.bool_' };

/** Names the script itself uses, plus Python's keywords and builtins a value name could shadow. */
const RESERVED = new Set([
  'jax', 'jnp', 'np', 'P', 'Mesh', 'NamedSharding', 'AxisType', 'Path', 'argparse', 'math', 'mesh', 'sh',
  'layer_norm', 'exclusive_cumsum', 'top_k', 'make_mesh', 'load_array', 'main', 'ARGUMENTS', 'RESULTS',
  'MESH_AXES', 'MESH_SHAPE', 'MESH_DEVICE_IDS',
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'print', 'len', 'range', 'input', 'max', 'min', 'sum', 'abs',
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

const dimsOf = (v: Value): string[] => v.type.dims.map((d) => d.name);
const axisOf = (v: Value, dim: string): number => dimsOf(v).indexOf(dim);
const tuple = (xs: readonly (number | string)[]): string => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`);

/** Python float literal for a constant. */
function pyNumber(v: number, dtype: DType): string {
  if (dtype === 'bool') return v !== 0 ? 'True' : 'False';
  if (dtype === 'i32') return String(Math.trunc(v));
  if (Number.isNaN(v)) return 'float("nan")';
  if (!Number.isFinite(v)) return v > 0 ? 'float("inf")' : 'float("-inf")';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/**
 * `expr` (with dims `from`) laid out as `to`: a transpose into the target's relative order, then
 * `[:, None, :]` indexing for the dims it lacks. Scalars broadcast by themselves.
 */
function alignPy(expr: string, from: readonly string[], to: readonly string[]): string {
  if (from.length === 0 || (from.length === to.length && from.every((d, i) => d === to[i]))) return expr;
  const order = to.filter((d) => from.includes(d));
  let out = expr;
  if (order.some((d, i) => d !== from[i])) out = `jnp.transpose(${out}, ${tuple(order.map((d) => from.indexOf(d)))})`;
  if (order.length === to.length) return out;
  return `${out}[${to.map((d) => (from.includes(d) ? ':' : 'None')).join(', ')}]`;
}

/** Subscripts for jnp.einsum: the dim names themselves when all are single letters, else letters in order of appearance. */
function einsumSubscripts(inputs: readonly (readonly string[])[], output: readonly string[]): string {
  const all = [...inputs.flat(), ...output];
  const letters = new Map<string, string>();
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const single = all.every((d) => /^[A-Za-z]$/.test(d));
  for (const d of all) if (!letters.has(d)) letters.set(d, single ? d : alphabet[letters.size]!);
  if (letters.size > alphabet.length) throw new ExportError(`an einsum with ${letters.size} distinct dims exceeds jnp.einsum's 52 letters`);
  const term = (t: readonly string[]): string => t.map((d) => letters.get(d)!).join('');
  return `${inputs.map(term).join(',')}->${term(output)}`;
}

const BINOP: Record<string, string> = { add: '+', sub: '-', mul: '*', div: '/' };
const UNARY: Record<string, string> = { exp: 'jnp.exp', log: 'jnp.log', tanh: 'jnp.tanh', relu: 'jax.nn.relu' };

/** The right-hand side for one op (tuples for ops with two results); which helpers it needs. */
function opExpr(op: Op, arg: (i: number) => string, helpers: Set<string>): string {
  const x = op.operands[0]!;
  const r = op.results[0]!;
  switch (op.kind) {
    case 'einsum': {
      const inputs = op.operands.map(dimsOf);
      return `jnp.einsum(${JSON.stringify(einsumSubscripts(inputs, attrStrings(op.attrs, 'output')))}, ${op.operands.map((_, i) => arg(i)).join(', ')})`;
    }
    case 'add': case 'sub': case 'mul': case 'div': case 'max': case 'lt': case 'gt': {
      const a = alignPy(arg(0), dimsOf(op.operands[0]!), dimsOf(r));
      const b = alignPy(arg(1), dimsOf(op.operands[1]!), dimsOf(r));
      if (op.kind === 'max') return `jnp.maximum(${a}, ${b})`;
      if (op.kind === 'lt' || op.kind === 'gt') return `(${a} ${op.kind === 'lt' ? '<' : '>'} ${b}).astype(jnp.float32)`;
      return `${a} ${BINOP[op.kind]} ${b}`;
    }
    case 'exp': case 'log': case 'tanh': case 'relu': return `${UNARY[op.kind]}(${arg(0)})`;
    case 'neg': return `-${arg(0)}`;
    case 'gelu': return `jax.nn.gelu(${arg(0)}, approximate=True)`;
    case 'cast': {
      const to = attrString(op.attrs, 'to') as DType;
      return to === 'bool' ? `${arg(0)} != 0` : `${arg(0)}.astype(${JNP_DTYPE[to]})`;
    }
    case 'softmax': case 'log_softmax':
      return `jax.nn.${op.kind}(${arg(0)}, axis=${axisOf(x, attrString(op.attrs, 'dim'))})`;
    case 'layer_norm':
      helpers.add('layer_norm');
      return `layer_norm(${arg(0)}, axis=${tuple(attrStrings(op.attrs, 'dims').map((d) => axisOf(x, d)))})`;
    case 'reduce_sum': case 'reduce_mean': case 'reduce_max': {
      const fn = { reduce_sum: 'jnp.sum', reduce_mean: 'jnp.mean', reduce_max: 'jnp.max' }[op.kind];
      return `${fn}(${arg(0)}, axis=${tuple(attrStrings(op.attrs, 'dims').map((d) => axisOf(x, d)))})`;
    }
    case 'transpose': return `jnp.transpose(${arg(0)}, ${tuple(attrStrings(op.attrs, 'order').map((d) => axisOf(x, d)))})`;
    case 'reshape': return `jnp.reshape(${arg(0)}, ${tuple(r.type.dims.map((d) => d.size))})`;
    case 'rename': return `${arg(0)}  # dim ${attrString(op.attrs, 'from')} is now called ${attrString(op.attrs, 'to')}`;
    case 'one_hot': return `jax.nn.one_hot(${arg(0)}, ${attrNumber(op.attrs, 'size')}, dtype=jnp.float32)`;
    case 'cumsum': {
      const axis = axisOf(x, attrString(op.attrs, 'dim'));
      if (op.attrs['exclusive'] !== true) return `jnp.cumsum(${arg(0)}, axis=${axis})`;
      helpers.add('exclusive_cumsum');
      return `exclusive_cumsum(${arg(0)}, axis=${axis})`;
    }
    case 'argmax': return `jnp.argmax(${arg(0)}, axis=${axisOf(x, attrString(op.attrs, 'dim'))}).astype(jnp.int32)`;
    case 'top_k':
      helpers.add('top_k');
      return `top_k(${arg(0)}, ${attrNumber(op.attrs, 'k')}, axis=${axisOf(x, attrString(op.attrs, 'dim'))})`;
    case 'gather': {
      const axis = axisOf(x, attrString(op.attrs, 'dim'));
      const table = axis === 0 ? arg(0) : `jnp.moveaxis(${arg(0)}, ${axis}, 0)`;
      return `jnp.take(${table}, ${arg(1)}, axis=0, mode="clip")`;
    }
    case 'constant': {
      const dtype = (attrString(op.attrs, 'dtype') || 'f32') as DType;
      return `${JNP_DTYPE[dtype]}(${pyNumber(attrNumber(op.attrs, 'value'), dtype)})`;
    }
    default:
      throw new ExportError(`op '${op.kind}' (%${r.name}) has no JAX translation`);
  }
}

const HELPERS: Record<string, string> = {
  layer_norm: `def layer_norm(x, axis, eps=1e-6):
    """(x - mean) / sqrt(var + eps) over axis, biased variance, no scale or bias: gshard's layer_norm."""
    centered = x - jnp.mean(x, axis=axis, keepdims=True)
    return centered * jax.lax.rsqrt(jnp.mean(centered * centered, axis=axis, keepdims=True) + eps)`,
  exclusive_cumsum: `def exclusive_cumsum(x, axis):
    """Prefix sums that start at 0: element i sums the elements before i along axis."""
    pad = [(0, 0, 0)] * x.ndim
    pad[axis] = (1, -1, 0)  # shift by one: a zero in front, the last element dropped (exact, unlike cumsum - x)
    return jnp.cumsum(jax.lax.pad(x, jnp.zeros((), x.dtype), pad), axis=axis)`,
  top_k: `def top_k(x, k, axis):
    """The k largest along axis (ties: lower index first), k taking axis's place; values and int32 indices."""
    values, indices = jax.lax.top_k(jnp.moveaxis(x, axis, -1), k)
    return jnp.moveaxis(values, -1, axis), jnp.moveaxis(indices, -1, axis).astype(jnp.int32)`,
};

export function exportJax(m: Module, options: JaxOptions): string {
  checkExportable(m);
  const names = new PyNames();
  names.reserve(pyFunctionName(m.name));
  const mesh = m.mesh;
  const helpers = new Set<string>();
  const args = [...m.inputs, ...m.params];
  const argNames = args.map((v) => names.of(v));

  const body: string[] = [];
  for (const op of m.ops) {
    const lhs = op.results.map((r) => names.of(r)).join(', ');
    const types = op.results.map((r) => `${r.name}: ${jaxTypeString(r.type, r.sharding!)}`).join(', ');
    body.push(`    # ${types}${op.span.start.line > 0 ? ` (line ${op.span.start.line})` : ''}`);
    body.push(`    ${lhs} = ${opExpr(op, (i) => names.of(op.operands[i]!), helpers)}`);
    for (const r of op.results) {
      if (!r.annotation) continue;
      const n = names.of(r);
      body.push(`    ${n} = jax.lax.with_sharding_constraint(${n}, sh${partitionSpecPython(partitionSpec(r.sharding!, mesh)).slice(1)})`);
    }
  }
  body.push(`    return ${m.outputs.map((v) => names.of(v)).join(', ')}${m.outputs.length === 1 ? ',' : ''}`);

  const entry = (v: Value): string => {
    const shape = tuple(v.type.dims.map((d) => d.size));
    return `    (${JSON.stringify(v.name)}, ${JNP_DTYPE[v.type.dtype]}, ${v.type.dims.length === 0 ? '()' : shape}, ${partitionSpecPython(partitionSpec(v.sharding!, mesh))}),`;
  };
  const axes = mesh.axes.map((a) => JSON.stringify(a.name));
  const sizes = mesh.axes.map((a) => String(a.size));
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
    `XLA_FLAGS=--xla_force_host_platform_device_count=${mesh.deviceIds.length}. Written for jax==0.10.2 (docs/real-engines.md).`,
    '"""',
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
    `# The device at each mesh position, row-major${isIotaMesh(mesh) ? ': None means jax.make_mesh chooses (physically sensible on TPU)' : ''}.`,
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
    '    return Mesh(np.array([devices[i] for i in MESH_DEVICE_IDS]).reshape(MESH_SHAPE), MESH_AXES, axis_types=axis_types)',
    '',
    '',
  );
  for (const h of Object.keys(HELPERS)) if (helpers.has(h)) lines.push(HELPERS[h]!, '', '');
  lines.push(
    `def ${pyFunctionName(m.name)}(mesh, ${argNames.join(', ')}):`,
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
    `    step = jax.jit(lambda *xs: ${pyFunctionName(m.name)}(mesh, *xs), in_shardings=shardings,`,
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
  );
  return lines.join('\n');
}

function pyFunctionName(name: string): string {
  const base = name.replace(/[^A-Za-z0-9_]/g, '_');
  const n = /^[A-Za-z_]/.test(base) ? base : `model_${base}`;
  return RESERVED.has(n) ? `${n}_model` : n;
}
