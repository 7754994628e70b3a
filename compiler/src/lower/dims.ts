// Named dims: evaluates `dim X = <integer expression>` declarations, in any order, with cycle checks.

import type { DimDecl, IntExpr, Program } from '@gshard/grammar';
import { unknownName } from '../diag/typos.js';
import { LIMITS, limitMessage } from '../limits.js';
import type { LowerContext } from './context.js';
import { at, got } from '../util/checked.js';

/**
 * Fills ctx.dims from the program's dim declarations; reports every problem. `overrides` (from
 * `--dim`) replace declared values; dims defined in terms of them are evaluated with the new sizes.
 */
export function resolveDims(program: Program, ctx: LowerContext,
  overrides: ReadonlyMap<string, number> = new Map()): void {
  const decls = new Map<string, DimDecl>();
  for (const item of program.items) {
    if (item.kind !== 'DimDecl') continue;
    const prior = decls.get(item.name.name);
    if (prior) {
      ctx.error('name-dim-redefined', `Dim ${item.name.name} is defined twice.`, item.name.span, {
        name: item.name.name, related: [{ message: `first defined here`, span: prior.name.span }],
      });
      continue;
    }
    decls.set(item.name.name, item);
    ctx.symbols.definitions.push({ kind: 'dim', name: item.name.name, span: item.name.span, declSpan: item.span });
  }
  for (const [name, size] of overrides) {
    if (!decls.has(name)) {
      // no span of the source names it: no fix, only the name and a did-you-mean
      const u = unknownName(name, decls.keys());
      ctx.error('name-unknown-dim', `--dim ${name}=${size}: the file declares no dim ${name}.${u.suffix}`,
        fileStart(program), u.extra);
    }
  }
  const given = [...overrides].filter(([n]) => decls.has(n)).map(([n, v]) => `${n}=${v}`).join(' --dim ');
  const state = new Map<string, 'busy' | 'done' | 'failed'>();
  const visit = (name: string): number | undefined => {
    const decl = got(decls, name, 'decls');
    const s = state.get(name);
    if (s === 'done') return got(ctx.dims, name, 'ctx.dims').size;
    if (s === 'failed') return undefined;
    if (s === 'busy') {
      ctx.error('shape-dim-cycle', `Dim ${name} is defined in terms of itself.`, decl.name.span);
      state.set(name, 'failed');
      return undefined;
    }
    state.set(name, 'busy');
    const override = overrides.get(name);
    if (override !== undefined) {
      const ok = checkDimSize(override, `Dim ${name} (--dim ${name}=${override})`, decl.name.span, ctx);
      state.set(name, ok ? 'done' : 'failed');
      if (ok) ctx.dims.set(name, { size: override, span: decl.name.span });
      return ok ? override : undefined;
    }
    const before = ctx.diagnostics.length;
    const value = evalInt(decl.value, ctx, (ref, span) => {
      if (!decls.has(ref)) {
        const u = unknownName(ref, decls.keys(), span);
        ctx.error('name-unknown-dim', `Unknown dim '${ref}'.${u.suffix}`, span, u.extra);
        return undefined;
      }
      return visit(ref);
    });
    if (state.get(name) === 'failed' || value === undefined || !checkDimSize(value, `Dim ${name}`, decl.value.span,
      ctx)) {
      state.set(name, 'failed');
      if (given) nameDerived(ctx, before, name, given);
      return undefined;
    }
    ctx.dims.set(name, { size: value, span: decl.name.span });
    state.set(name, 'done');
    return value;
  };
  for (const name of decls.keys()) visit(name);
}

/** Positive integer within the dim-size limit; reports otherwise. */
export function checkDimSize(value: number, what: string, span: import('@gshard/grammar').Span,
  ctx: LowerContext): boolean {
  if (!Number.isInteger(value)) {
    ctx.error('shape-dim-not-integer', `${what} must be a whole number but evaluates to ${value}.`, span);
    return false;
  }
  if (value < 1) {
    ctx.error('shape-dim-not-positive', `${what} must be at least 1 but evaluates to ${value}.`, span);
    return false;
  }
  if (value > LIMITS.dimSize.value) {
    ctx.error('limit-dim-size', `${what}: ${limitMessage(LIMITS.dimSize, value)}`, span);
    return false;
  }
  return true;
}

/**
 * Evaluates an integer expression exactly; `lookup` resolves dim names. Division must be exact
 * (a non-integer result is reported where it happens).
 */
export function evalInt(expr: IntExpr, ctx: LowerContext,
  lookup: (name: string, span: import('@gshard/grammar').Span) => number | undefined, depth = 0): number | undefined {
  if (depth > LIMITS.expressionDepth.value) {
    ctx.error('limit-expression-depth',
      `This integer expression is too deep: ${limitMessage(LIMITS.expressionDepth, depth)} Use intermediate dims.`,
      expr.span);
    return undefined;
  }
  switch (expr.kind) {
    case 'NumberLit':
      if (!expr.isInteger || !Number.isSafeInteger(expr.value)) {
        ctx.error('shape-dim-not-integer', `Expected a whole number but found ${expr.text}.`, expr.span);
        return undefined;
      }
      return expr.value;
    case 'DimRef':
      return lookup(expr.name.name, expr.name.span);
    case 'IntBinary': {
      const a = evalInt(expr.lhs, ctx, lookup, depth + 1);
      const b = evalInt(expr.rhs, ctx, lookup, depth + 1);
      if (a === undefined || b === undefined) return undefined;
      switch (expr.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/':
          if (b === 0) {
            ctx.error('shape-dim-division', `Division by zero.`, expr.span);
            return undefined;
          }
          if (a % b !== 0) {
            ctx.error('shape-dim-not-integer', `${a} / ${b} is not a whole number (${(a / b).toFixed(3)}).`, expr.span);
            return undefined;
          }
          return a / b;
      }
    }
  }
}

/** Evaluates an integer expression against the resolved dims (used after resolveDims). */
export function evalWithDims(expr: IntExpr, ctx: LowerContext): number | undefined {
  return evalInt(expr, ctx, (name, span) => {
    const d = ctx.dims.get(name);
    if (d) return d.size;
    ctx.unknownDim(name, span);
    return undefined;
  });
}

/** Errors in a derived dim's expression after `--dim` say which dim and which sizes were given. */
function nameDerived(ctx: LowerContext, from: number, name: string, given: string): void {
  for (let i = from; i < ctx.diagnostics.length; i++) {
    const d = at(ctx.diagnostics, i, 'ctx.diagnostics');
    if (d.severity !== 'error') continue;
    const named = d.message.startsWith(`Dim ${name} `) ? d.message : `Dim ${name}: ${d.message}`;
    ctx.diagnostics[i] = { ...d, message: `${named} (with --dim ${given})` };
  }
}

function fileStart(program: Program): import('@gshard/grammar').Span {
  const start = program.span.start;
  return { start, end: { offset: start.offset + 1, line: start.line, col: start.col + 1 } };
}
