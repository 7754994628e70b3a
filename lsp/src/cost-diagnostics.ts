// Diagnostics from the cost model (HBM overflow and friends) once it is exported by the compiler;
// they have no source span of their own, so they sit on the model's name.

import * as compiler from '@gshard/compiler';
import type { Module } from '@gshard/compiler';
import type { Diagnostic, Program, Span } from '@gshard/grammar';

interface CostDiagnosticLike { code: string; severity: 'error' | 'warning' | 'info'; message: string; span?: Span }
type CostFn = (m: Module, options?: object) => { diagnostics: readonly CostDiagnosticLike[] };

const costModule = (compiler as unknown as Record<string, unknown>)['costModule'] as CostFn | undefined;

export function costDiagnostics(spmd: Module | undefined, program: Program, entry: string | undefined): Diagnostic[] {
  if (!costModule || !spmd) return [];
  const model = program.items.find((i) => i.kind === 'FuncDecl' && i.isModel && (!entry || i.name.name === entry));
  const at: Span = model && model.kind === 'FuncDecl' ? model.name.span : program.span;
  return costModule(spmd).diagnostics
    .filter((d) => d.code !== 'cost-global-program')
    .map((d) => ({ code: d.code, severity: d.severity, message: d.message, span: d.span ?? at }));
}
