// Operator precedence for the flat `operand (op operand)*` lists the parser collects: `* /` bind
// tighter than `+ -`, all left associative, built iteratively so long chains cannot overflow.

import type { IToken } from 'chevrotain';

export type Op = '+' | '-' | '*' | '/';

const precedence = (op: string): number => (op === '+' || op === '-' ? 1 : 2);

/**
 * The left-associative tree of `operands[0] ops[0] operands[1] ...`. Undefined when any operand is
 * missing or the counts disagree (a parse the error recovery cut short).
 */
export function climb<E>(
  operands: readonly (E | undefined)[],
  ops: readonly IToken[],
  make: (op: Op, lhs: E, rhs: E) => E,
): E | undefined {
  if (operands.length === 0 || operands.length !== ops.length + 1) return undefined;
  for (const o of operands) if (o === undefined) return undefined;
  if (ops.length === 0) return operands[0];
  const values = [operands[0] as E];
  const pending: Op[] = [];
  // Each pending op has its two operands on `values` (one more value than pending ops throughout).
  const reduce = (op: Op) => {
    const rhs = values.pop() as E;
    const lhs = values.pop() as E;
    values.push(make(op, lhs, rhs));
  };
  ops.forEach((token, i) => {
    const op = token.image as Op;
    for (let top = pending.at(-1); top !== undefined && precedence(top) >= precedence(op); top = pending.at(-1)) {
      reduce(top);
      pending.pop();
    }
    pending.push(op);
    values.push(operands[i + 1] as E);
  });
  for (let top = pending.pop(); top !== undefined; top = pending.pop()) reduce(top);
  return values[0];
}
