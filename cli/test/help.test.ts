// `--help` for gshard and every command, `--version`, and did-you-mean for unknown options and commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gshard, ROOT } from './helpers.js';

const COMMANDS = ['check', 'compile', 'show', 'explain', 'cost', 'run', 'train', 'export', 'suggest'];

test('gshard --help lists every command with a short synopsis', () => {
  const r = gshard(['--help']);
  assert.equal(r.status, 0);
  for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  gshard ${c} `, 'm'), c);
  assert.ok(r.stdout.split('\n').every((l) => l.length <= 100), 'lines fit a terminal');
});

test('gshard <command> --help: synopsis, each option with its default, one example; exit 0', () => {
  for (const c of COMMANDS) {
    for (const flag of ['--help', '-h']) {
      const r = gshard([c, flag]);
      assert.equal(r.status, 0, `${c} ${flag}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^usage: gshard ${c} `, 'm'), c);
      assert.match(r.stdout, /^options:$/m, c);
      assert.match(r.stdout, /^ {6}--json /m, c);
      assert.match(r.stdout, new RegExp(`^example:\\n  gshard ${c} `, 'm'), c);
    }
  }
  assert.match(gshard(['compile', '--help']).stdout, /--emit STAGE .*\(default: ir\)/);
  assert.match(gshard(['run', '--help']).stdout, /--seed N .*\(default: 0\)/);
  assert.match(gshard(['export', '--help']).stdout, /-o, --output OUT/);
  // the pipeline's flags are part of every compiling command
  for (const c of COMMANDS) assert.match(gshard([c, '--help']).stdout, /--dump-after PASS/, c);
});

test('gshard --version prints the package version', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'cli', 'package.json'), 'utf8')) as { version: string }).version;
  const r = gshard(['--version']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, new RegExp(`^gshard ${version.replace(/\./g, '\\.')} `));
});

test('an unknown option or command gets a did-you-mean; exit 2', () => {
  const r = gshard(['cost', 'examples/moe_layer.gshard', '--trian']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option --trian\. Did you mean --train\?/);
  assert.match(r.stderr, /gshard cost --help/);
  const c = gshard(['explian', 'x.gshard']);
  assert.equal(c.status, 2);
  assert.match(c.stderr, /unknown command 'explian'\. Did you mean 'explain'\?/);
  assert.match(gshard(['check', 'x.gshard', '--entry']).stderr, /--entry needs a value/);
});

// `gshard --help` took 0.8 s because the dispatcher imported every command, and with them the whole
// compiler. Speed is bench's business; here: the modules --help loads statically stay light.
test('--help loads no pipeline: the static imports from the CLI entry reach no compiler pass or runtime', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s[^'"]*['"](\.[^'"]+)['"]/gm)) visit(join(file, '..', m[1]!));
  };
  visit(join(ROOT, 'compiler', 'dist', 'src', 'cli', 'entry.js'));
  const heavy = [...seen].map((f) => f.slice(join(ROOT, 'compiler', 'dist', 'src').length + 1))
    .filter((f) => /^(passes|lower|sharding|partition|cost|exec|runtime|export)\//.test(f) || f === 'pipeline.js');
  assert.deepEqual(heavy, []);
  assert.ok(seen.size < 12, [...seen].join('\n'));
});
