#!/usr/bin/env node
// Writes docs/diagnostics.md from the diagnostic code registry (run after `npx tsc -b`).
import { writeFileSync } from 'node:fs';
import { diagnosticsMarkdown } from '../compiler/dist/src/diag/codes.js';

writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), diagnosticsMarkdown());
