// Diagnostics from the cost model (HBM overflow): at the value they name when the program has it,
// else on the model's name.

import { allValues, costModule, type Module } from '@gshard/compiler';
import type { Diagnostic, Program, Span } from '@gshard/grammar';

export function costDiagnostics(spmd: Module | undefined, program: Program, entry: string | undefined): Diagnostic[] {
  if (!spmd) return [];
  const model = program.items.find((i) => i.kind === 'FuncDecl' && i.isModel && (!entry || i.name.name === entry));
  const at: Span = model && model.kind === 'FuncDecl' ? model.name.span : program.span;
  const spans = new Map(allValues(spmd).map((v) => [v.name, v.span]));
  return costModule(spmd, { train: false }).diagnostics.map((d) => ({
    code: d.code, severity: d.severity, message: d.message,
    span: (d.valueName ? spans.get(d.valueName) : undefined) ?? at,
  }));
}
