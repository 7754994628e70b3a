// Runs analyze() on one text in a child node process with a time limit: for regression tests of
// hangs and stack overflows, which must be observed with a main thread's stack and must not freeze the suite.

import { spawnSync } from 'node:child_process';

export interface IsolatedResult {
  /** Finished within the time limit and printed its report. */
  readonly finished: boolean;
  readonly threw?: string;
  readonly codes: string[];
  readonly messages: string[];
  readonly stderr: string;
}

const analysisUrl = new URL('../../src/analysis.js', import.meta.url).href;

const SCRIPT = `
import { analyze } from ${JSON.stringify(analysisUrl)};
let text = '';
for await (const c of process.stdin) text += c;
try {
  const a = analyze(text);
  console.log(JSON.stringify({ codes: a.diagnostics.map((d) => d.code), messages: a.diagnostics.map((d) => d.message) }));
} catch (e) {
  console.log(JSON.stringify({ threw: String(e && e.stack || e).split('\\n').slice(0, 6).join('\\n'), codes: [], messages: [] }));
}
`;

export function analyzeIsolated(text: string, timeoutMs: number): IsolatedResult {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { input: text, timeout: timeoutMs, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = r.stdout?.trim().split('\n').pop();
  if (r.error || r.signal || !line) return { finished: false, codes: [], messages: [], stderr: `${r.error?.message ?? r.signal ?? ''} ${r.stderr ?? ''}`.trim() };
  const parsed = JSON.parse(line) as { threw?: string; codes: string[]; messages: string[] };
  return { finished: true, ...parsed, stderr: r.stderr };
}
