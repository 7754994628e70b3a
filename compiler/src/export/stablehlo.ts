// The sharded global IR as a StableHLO module in generic op syntax, with Shardy or GSPMD shardings.

import { shardingOf, type Module, type Value } from '../ir/module.js';
import { meshSize, meshToString } from '../ir/mesh.js';
import { jaxTypeString } from '../ir/sharding-text.js';
import { shardyMesh } from '../sharding/shardy-text.js';
import { argShardingAttr, gspmdAttr, shardyAttr, type ShardingForm } from './export-sharding.js';
import { MlirBuilder, elemOf, tensorText, type SSA, type TType } from '../emit/mlir-builder.js';
import { StableHloEmitter, type Named } from '../emit/stablehlo-emit.js';
import type { Lowering, MatmulPrecision } from '../emit/stablehlo-ops.js';
import { opEntry } from '../ops/registry.js';
import { isExported } from '../ops/entry.js';

export interface StableHloOptions {
  readonly shardings: ShardingForm;
  readonly precision: MatmulPrecision;
  /** The source file, named in the header comment. */
  readonly source?: string;
}

export { ExportError } from '../emit/export-error.js';
import { ExportError } from '../emit/export-error.js';
import { at as checkedAt, got } from '../util/checked.js';

export function typeOfValue(v: Value): TType {
  return { shape: v.type.dims.map((d) => d.size), elem: elemOf(v.type.dtype) };
}

/** `@name`, quoted when it is not a bare MLIR identifier. */
function symbol(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$.]*$/.test(name) ? `@${name}` : `@${JSON.stringify(name)}`;
}

/** The entry's StableHLO lowering; undefined for an unknown op or one only the per-device program has. */
function stableHloLowering(kind: string): Lowering | undefined {
  const lowering = opEntry(kind)?.stablehlo;
  return lowering && isExported(lowering) ? lowering : undefined;
}

/** Checks what every exporter needs: the global program, with a sharding on every value. */
export function checkExportable(m: Module): void {
  if (m.view !== 'global') {
    throw new ExportError('export works on the global (sharded) program, not the per-device one');
  }
  for (const v of [...m.inputs, ...m.params, ...m.ops.flatMap((o) => o.results)]) {
    if (!v.sharding) throw new ExportError(`value %${v.name} has no sharding: run sharding propagation before export`);
  }
  for (const op of m.ops) {
    if (!stableHloLowering(op.kind)) {
      throw new ExportError(`op '${op.kind}' (%${op.results[0]?.name ?? '?'}) has no StableHLO lowering`);
    }
  }
}

/**
 * Arguments are the model's inputs then its params, each with its propagated sharding; results are
 * the model's outputs with theirs. Intermediate values the user annotated get a constraint (Shardy
 * `sdy.sharding_constraint`, or GSPMD's `@Sharding` custom call), exactly where JAX's
 * `with_sharding_constraint` would put one; XLA infers the rest, as our propagation did.
 */
export function exportStableHlo(m: Module, options: StableHloOptions): string {
  checkExportable(m);
  const mesh = m.mesh;
  const form = options.shardings;
  const body = new MlirBuilder('    ');
  const e = new StableHloEmitter(body);
  const env = new Map<number, Named>();
  const dimsOf = (v: Value): string[] => v.type.dims.map((d) => d.name);

  const args = [...m.inputs, ...m.params].map((v) => {
    const ssa: SSA = { name: body.reserve(v.name), type: typeOfValue(v) };
    env.set(v.id, { ssa, dims: dimsOf(v) });
    const info = `jax.arg_info = ${JSON.stringify(v.name)}`;
    return `${ssa.name}: ${tensorText(ssa.type)} {${info}, ${argShardingAttr(shardingOf(v), mesh, form)}}`;
  });

  for (const op of m.ops) {
    const operands = op.operands.map((v) => got(env, v.id, 'env'));
    const resultsText = op.results.map((r) => `${r.name}: ${jaxTypeString(r.type, shardingOf(r))}`).join(', ');
    const at = op.span.start.line > 0 ? ` (line ${op.span.start.line})` : '';
    body.comment(`${resultsText} = ${op.kind}(${op.operands.map((v) => v.name).join(', ')})${at}`);
    const start = body.lines.length;
    // checkExportable (run first) found a lowering for every op
    const produced = stableHloLowering(op.kind)!({ e, precision: options.precision }, op, operands);
    op.results.forEach((r, i) => {
      let named = checkedAt(produced, i, 'produced');
      // Give the value its IR name when this op created it (a rename passes its operand through).
      if (/^%[0-9]+$/.test(named.ssa.name) && body.lines.slice(start).some((l) => l.includes(`${named.ssa.name} = `))) {
        named = { ...named, ssa: { ...named.ssa, name: body.renameResult(start, named.ssa.name, r.name) } };
      }
      if (r.annotation) named = { ...named, ssa: constrain(body, named.ssa, r, form, mesh) };
      env.set(r.id, named);
    });
  }

  const results = m.outputs.map((v) => got(env, v.id, 'env').ssa);
  body.lines.push(`    "func.return"(${results.map((r) => r.name).join(', ')}) : ` +
    `(${results.map((r) => tensorText(r.type)).join(', ')}) -> ()`);
  const resultDecls = m.outputs.map((v) =>
    `${tensorText(typeOfValue(v))} {jax.result_info = ${JSON.stringify(v.name)}, ` +
      `${argShardingAttr(shardingOf(v), mesh, form)}}`);

  const header = [
    `// ${m.name}${options.source ? ` from ${options.source}` : ''}, exported by gshard: StableHLO in MLIR's ` +
      `generic op syntax`,
    `// with ${form === 'shardy' ? 'Shardy (sdy) shardings' : 'GSPMD (mhlo.sharding) shardings'} on mesh ` +
      `${meshToString(mesh)}.`,
    '// Arguments: the inputs, then the params. Text has no compatibility guarantee: compile it with the pinned',
    '// jax/jaxlib version in docs/real-engines.md.',
  ];
  const lines = [
    ...header,
    `module ${symbol(m.name)} attributes {mhlo.num_partitions = ${meshSize(mesh)} : i32, mhlo.num_replicas = 1 : ` +
      `i32} {`,
  ];
  if (form === 'shardy') {
    lines.push(`  "sdy.mesh"() <{mesh = #sdy.mesh${shardyMesh(mesh)}, sym_name = ${JSON.stringify(mesh.name)}}> : ` +
      `() -> ()`);
  }
  lines.push(`  func.func public @main(${args.join(', ')}) -> (${resultDecls.join(', ')}) {`);
  lines.push(...body.lines);
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** The annotated value pinned to its sharding: an identity op XLA's partitioner must respect. */
function constrain(b: MlirBuilder, x: SSA, v: Value, form: ShardingForm, mesh: Module['mesh']): SSA {
  const name = `${v.name}.sharded`;
  if (form === 'shardy') {
    return b.one({ op: 'sdy.sharding_constraint', operands: [x], result: x.type,
      props: [`sharding = ${shardyAttr(shardingOf(v), mesh)}`], name });
  }
  return b.one({
    op: 'stablehlo.custom_call', operands: [x], result: x.type, name,
    props: ['backend_config = ""', 'call_target_name = "Sharding"'],
      attrs: [`mhlo.sharding = ${gspmdAttr(shardingOf(v), mesh)}`],
  });
}
