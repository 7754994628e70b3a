// `gshard cost` as a user reads it: repeats folded, per-layer params, --html writes the page instead of the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gshard, ROOT } from './helpers.js';

// The encoder-only 600B model (`repeat 18` pairs), as examples/gshard_600b.gshard was before it became the paper's
// encoder-decoder row.
const BIG = 'cli/test/fixtures/pairs_600b.gshard';

function tableRows(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('-----'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('TOTAL'));
  return lines.slice(start + 1, end);
}

test('cost: the 18 repeats of pair fold into a few rows named as a user types them, marked ×N', () => {
  const r = gshard(['cost', BIG]);
  assert.equal(r.status, 0, r.stderr);
  const rows = tableRows(r.stdout);
  assert.ok(rows.length <= 8, `${rows.length} rows:\n${rows.join('\n')}`);
  assert.match(r.stdout, /^pair\[0-17\]\.attention\[0\] ×18 /m);
  assert.match(r.stdout, /^pair\[0-17\]\.ffn ×18 /m);
});

test('cost: every layer with params shows their MiB (it printed 0.0)', () => {
  const r = gshard(['cost', BIG]);
  const ffn = tableRows(r.stdout).find((l) => l.startsWith('pair[0-17].ffn'))!;
  const cells = ffn.trim().split(/\s+/);
  const paramsMiB = Number(cells[cells.length - 2]);
  // ffn holds wi and wo (64 MiB per device)
  assert.ok(paramsMiB > 0, ffn);
  const json = JSON.parse(gshard(['cost', BIG, '--json']).stdout) as { layers: { paramBytes: number; path?: string }[]; memory: { paramBytes: number } };
  const total = json.layers.reduce((s, l) => s + l.paramBytes, 0);
  assert.equal(total, json.memory.paramBytes, 'the layers\' params add up to the total');
  assert.equal(json.layers[0]!.path, 'pair[0].attention[0]');
});

test('cost --html: writes the page and prints only where; the legend lists only collectives that occur; the chart is folded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gshard-cost-'));
  const out = join(dir, 'c.html');
  const r = gshard(['cost', BIG, '--html', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `wrote ${out}\n`);
  const html = readFileSync(out, 'utf8');
  const legend = html.slice(html.indexOf('<h2>Time per layer</h2>'), html.indexOf('<svg'));
  assert.match(legend, /all_to_all/);
  for (const absent of ['all_gather', 'reduce_scatter', 'collective_permute']) assert.doesNotMatch(legend, new RegExp(absent));
  assert.match(html, /pair\[0-17\]\.attention\[0\] ×18/);
  assert.ok((html.match(/text-anchor="end">pair/g) ?? []).length <= 6);
});

test('one formatBytes and one Levenshtein in the sources', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.ts')) files.push(p);
    }
  };
  for (const pkg of ['grammar', 'compiler', 'lsp', 'cli']) walk(join(ROOT, pkg, 'src'));
  const count = (re: RegExp) => files.filter((f) => re.test(readFileSync(f, 'utf8'))).map((f) => f.slice(ROOT.length + 1));
  assert.deepEqual(count(/function formatBytes\b/), ['compiler/src/diag/format.ts']);
  assert.deepEqual(count(/prev\[j - 1\]! \+/), ['compiler/src/diag/typos.ts']);
});
