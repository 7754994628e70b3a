// Owns `gshard train --save DIR`: the feeds and the run's tensors as .npy under inputs/, params/
// (initial), grads/ (first step), final/ (after the last step), optimizer/ (state after it), the
// reference's grads and final params under reference/, and manifest.json naming every file's dims.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { feedDir, npyWriter, type SavedFile } from './inputs.js';
import type { TrainReport } from './train-run.js';

export function saveTraining(dir: string, r: TrainReport, info: Record<string, unknown>): SavedFile[] {
  const files: SavedFile[] = [];
  const write = npyWriter(dir, files);
  const state = new Set(r.state.map((t) => t.name));
  for (const f of r.feeds) {
    if (state.has(f.value.name)) continue; // written after the run, under optimizer/
    write(feedDir(f.kind), f.value.name, f.array);
  }
  for (const t of r.grads) { write('grads', t.name, t.mesh); write('reference/grads', t.name, t.reference); }
  for (const t of r.final) { write('final', t.name, t.mesh); write('reference/final', t.name, t.reference); }
  // optimizer/ is there even when the optimizer keeps no state (SGD), so the layout is the same for all
  mkdirSync(join(dir, 'optimizer'), { recursive: true });
  for (const t of r.state) { write('optimizer', t.name, t.mesh); write('reference/optimizer', t.name, t.reference); }
  const manifest = {
    ...info, optimizer: r.optimizer, steps: r.steps.length, equal: r.equal, maxRelError: r.maxRelError,
    losses: r.steps.map((s) => s.loss), referenceLosses: r.steps.map((s) => s.referenceLoss), files,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}
