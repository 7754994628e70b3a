// Owns how many untimed mesh runs the benches make before timing, and why.

/**
 * Untimed mesh runs (each beside a reference run) after the checked one, before the timed reps. Measured on the
 * Transformer of bench/run.js (2 workers, per-run ms, one process): 598 628 485 415 448 ... 420 400 329 330 307 337 --
 * it settles after ~10 runs, as the workers' buffer pools and malloc arenas stop taking fresh pages (page faults per
 * run fell from 1,500-5,800 to ~500-700; ~11-20 µs each on this VM) and V8 finishes optimising the kernels. JAX's
 * timer likewise times steady steps only, after its compile and a warm-up step. The benches print the cold first run
 * and the warm-up runs beside the timed ones.
 */
export const MESH_WARMUP = 10;

/**
 * MESH_WARMUP rounds of `reference()` (synchronous, the main thread's run) then `mesh()` (its ms): the reference is
 * warmed alike (the same pools and pages settle), so mesh / reference stays fair. Returns the mesh runs' ms.
 */
export async function warmUp(reference, mesh) {
  const ms = [];
  for (let i = 0; i < MESH_WARMUP; i++) {
    reference();
    ms.push(await mesh());
  }
  return ms;
}
