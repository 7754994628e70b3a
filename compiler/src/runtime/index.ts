// The runtime's public surface for the interpreter and mesh: named-dim arrays, kernels, collectives, .npy, wasm.
export * from './ndarray.js';
export * from './wasm-backend.js';
export { holdResident, residentWeightBytes } from './resident.js';
export * from './collectives.js';
export * from './npy.js';
export * from './kernels/einsum.js';
export * from './kernels/elementwise.js';
export * from './kernels/normalize.js';
export * from './kernels/reduce.js';
export * from './kernels/shape.js';
export * from './kernels/indexing.js';
export * from './kernels/select.js';
export * from './kernels/scan.js';
export * from './kernels/spmd.js';
export { permuteData, isIdentityLayout } from './kernels/permute.js';
export * from './kernels/broadcast.js';
export * from './kernels/math.js';
export * from './kernels/dropout.js';
