// Checks a packaged .vsix: the files a user needs are there (bundles, grammar, language
// configuration, the worker files the server starts), and nothing else (no node_modules, sources,
// maps, tests, .wasm). Reads the zip's central directory itself, so it needs no dependency.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/check-vsix.mjs FILE.vsix');
  process.exit(2);
}
const zip = readFileSync(file);

/** name -> { method, compressed size, offset of the local header } from the central directory. */
function entries(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    out.set(buf.toString('utf8', p + 46, p + 46 + nameLen), { method, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function read(buf, e) {
  const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
  const data = buf.subarray(start, start + e.size);
  return (e.method === 8 ? inflateRawSync(data) : data).toString('utf8');
}

const files = entries(zip);
const names = [...files.keys()];
const problems = [];
const need = (name, why) => { if (!files.has(name)) problems.push(`missing ${name} (${why})`); };

need('extension.vsixmanifest', 'the VSIX manifest');
need('extension/package.json', 'the extension manifest');
need('extension/readme.md', 'the page users see (vsce lowercases its name)');
const manifest = JSON.parse(read(zip, files.get('extension/package.json')));
const inPackage = (rel) => `extension/${rel.replace(/^\.\//, '')}`;
need(inPackage(manifest.main), 'package.json "main"');
need('extension/dist/server.js', 'the bundled language server');
const lang = manifest.contributes?.languages?.find((l) => l.id === 'gshard');
if (!lang?.configuration) problems.push('the gshard language has no "configuration": VS Code would never activate the extension');
else need(inPackage(lang.configuration), 'language configuration');
for (const g of manifest.contributes?.grammars ?? []) need(inPackage(g.path), `grammar ${g.scopeName}`);
for (const id of ['gshard.showPartitionedProgram', 'gshard.showCostReport', 'gshard.showTensorSharding']) {
  if (!manifest.contributes?.commands?.some((c) => c.command === id)) problems.push(`command ${id} is not contributed`);
}
for (const key of ['gshard.inlayHints.enabled', 'gshard.server.nodePath']) {
  if (!manifest.contributes?.configuration?.properties?.[key]) problems.push(`setting ${key} is not contributed`);
}

// Every worker file the server starts (new URL('./x.js', <its own URL>)) must be next to it.
if (files.has('extension/dist/server.js')) {
  const server = read(zip, files.get('extension/dist/server.js'));
  for (const m of server.matchAll(/new URL\(\s*["']\.\/([\w.-]+\.js)["']/g)) {
    // The simulator's device worker is in CLI code the server links but never runs.
    if (m[1] !== 'device-worker.js') need(`extension/dist/${m[1]}`, 'a worker the server starts');
  }
}

const forbidden = [
  [/(^|\/)node_modules\//, 'dependencies must be bundled'],
  [/\.ts$/, 'TypeScript sources'],
  [/\.map$/, 'source maps'],
  [/\.wasm$/, 'wasm binaries: the server must not need them'],
  [/^extension\/(src|test|scripts)\//, 'development files'],
  [/\.vsix$/, 'an older package'],
];
for (const n of names) for (const [re, why] of forbidden) if (re.test(n)) problems.push(`unexpected ${n} (${why})`);

/**
 * Starts the packaged server alone (its dist/ files in an empty folder, no node_modules anywhere up
 * the tree) and sends `initialize`: proves that the bundles need nothing else at start, e.g. no .wasm.
 */
async function startsAlone() {
  const dir = mkdtempSync(join(tmpdir(), 'gshard-vsix-'));
  try {
    for (const n of names.filter((x) => x.startsWith('extension/dist/'))) writeFileSync(join(dir, n.slice('extension/dist/'.length)), read(zip, files.get(n)));
    const proc = spawn(process.execPath, [join(dir, 'server.js'), '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const answered = new Promise((resolve) => {
      proc.stdout.on('data', (d) => { out += d; if (out.includes('"capabilities"')) resolve(true); });
      proc.on('exit', () => resolve(false));
      setTimeout(() => resolve(false), 30000);
    });
    proc.stderr.on('data', (d) => { err += d; });
    const msg = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    proc.stdin.write(`Content-Length: ${Buffer.byteLength(msg)}\r\n\r\n${msg}`);
    const ok = await answered;
    proc.kill();
    if (!ok) problems.push(`the packaged server did not answer initialize when started alone: ${err.trim().split('\n').slice(0, 5).join(' | ') || '(no output)'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (files.has('extension/dist/server.js')) await startsAlone();

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`${file}: ${kib(statSync(file).size)}, ${names.length} files`);
for (const n of names.sort()) console.log(`  ${n}`);
if (problems.length > 0) {
  console.error(`check-vsix: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('check-vsix: ok');
