// Public entry of @gshard/grammar: the only file other packages import from.
export * from './diagnostic.js';
export type * from './ast.js';
