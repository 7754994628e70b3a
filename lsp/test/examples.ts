// Reads the repository's example models for tests (the files users open first).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function example(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url)), 'utf8');
}
