// Operator precedence for the flat `operand (op operand)*` lists the parser collects: `* /` bind
// tighter than `+ -`, all left associative, built iteratively so long chains cannot overflow.

import type { IToken } from 'chevrotain';

export type Op = '+' | '-' | '*' | '/';

const precedence = (op: string): number => (op === '+' || op === '-' ? 1 : 2);

/**
 * The left-associative tree of `operands[0] ops[0] operands[1] ...`. Undefined when any operand is
 * missing or the counts disagree (a parse the error recovery cut short).
 */
export function climb<E>(operands: readonly (E | undefined)[], ops: readonly IToken[], make: (op: Op, lhs: E, rhs: E) => E): E | undefined {
  if (operands.length === 0 || operands.length !== ops.length + 1) return undefined;
  for (const o of operands) if (o === undefined) return undefined;
  if (ops.length === 0) return operands[0];
  const values = [operands[0] as E];
  const pending: Op[] = [];
  const reduce = () => {
    const rhs = values.pop()!;
    const lhs = values.pop()!;
    values.push(make(pending.pop()!, lhs, rhs));
  };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!.image as Op;
    while (pending.length > 0 && precedence(pending[pending.length - 1]!) >= precedence(op)) reduce();
    pending.push(op);
    values.push(operands[i + 1] as E);
  }
  while (pending.length > 0) reduce();
  return values[0];
}
