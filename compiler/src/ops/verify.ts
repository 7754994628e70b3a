// Structural invariants of the IR, checked after every pass in tests (and with --verify-each).
// A failure here is a compiler bug, reported as an internal error, never as a user diagnostic.

import type { Module } from '../ir/module.js';
import { opEntry } from './registry.js';
import { typesEqual, typeToStringWithSizes } from '../ir/types.js';
import { validateSharding } from '../ir/sharding.js';
import { at } from '../util/checked.js';

/** Returns the broken invariants (empty when the module is well formed). */
export function verifyModule(m: Module): string[] {
  const problems: string[] = [];
  const defined = new Set<number>();
  const names = new Set<string>();
  const define = (id: number, name: string, where: string) => {
    if (defined.has(id)) problems.push(`${where}: value id ${id} (%${name}) defined twice`);
    if (names.has(name)) problems.push(`${where}: value name %${name} defined twice`);
    defined.add(id);
    names.add(name);
  };
  for (const v of [...m.inputs, ...m.params]) define(v.id, v.name, v.role);
  for (const v of [...m.inputs, ...m.params]) {
    if (v.sharding) {
      const [bad] = validateSharding(v.sharding, v.type, m.mesh).filter((p) => p.severity === 'error');
      if (bad && m.view === 'global') problems.push(`%${v.name}: invalid sharding: ${bad.message}`);
    }
  }
  for (const op of m.ops) {
    const where = `op ${op.kind} -> %${op.results[0]?.name ?? '?'}`;
    for (const v of op.operands) {
      if (!defined.has(v.id)) problems.push(`${where}: operand %${v.name} used before it is defined`);
    }
    const def = opEntry(op.kind);
    if (!def) {
      problems.push(`${where}: unknown op kind '${op.kind}'`);
    } else {
      const inferred = def.infer(op.operands.map((v) => v.type), op.attrs);
      if (!inferred.ok) problems.push(`${where}: signature does not hold: ${inferred.message}`);
      else if (inferred.types.length !== op.results.length) {
        problems.push(`${where}: ${op.results.length} results but the signature gives ${inferred.types.length}`);
      } else inferred.types.forEach((t, i) => {
        const have = at(op.results, i, 'results, as many as the signature gives').type;
        if (!typesEqual(t, have)) {
          problems.push(`${where}: result ${i} has type ${typeToStringWithSizes(have)} `
            + `but the signature gives ${typeToStringWithSizes(t)}`);
        }
      });
    }
    for (const r of op.results) {
      define(r.id, r.name, where);
      const s = r.sharding;
      if (s && s.dims.length !== r.type.dims.length) {
        problems.push(`${where}: sharding of %${r.name} has rank ${s.dims.length}, type has ${r.type.dims.length}`);
      }
      if (s && s.mesh !== m.mesh.name) {
        problems.push(`${where}: sharding of %${r.name} is on mesh ${s.mesh}, module on ${m.mesh.name}`);
      }
    }
  }
  for (const v of m.outputs) if (!defined.has(v.id)) problems.push(`return of undefined %${v.name}`);
  return problems;
}
