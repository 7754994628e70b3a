// Bundles the client (dist/extension.js) and the language server (dist/server.js, plus the worker
// files the server starts) with esbuild, as CommonJS for Node 20, and checks what went into them.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(here, '..');
const dist = join(here, 'dist');
const production = !process.argv.includes('--dev');

const lspEntry = join(root, 'lsp', 'dist', 'src', 'index.js');
if (!existsSync(lspEntry)) {
  console.error(`build: ${relative(here, lspEntry)} is missing: run \`npm ci\` (or \`npx tsc -b\`) at the repository root first.`);
  process.exit(1);
}
rmSync(dist, { recursive: true, force: true });

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: production, sourcemap: !production, logLevel: 'warning', metafile: true };

// The server is ESM (import.meta.url locates its worker files); as CJS, import.meta.url becomes the
// bundle's own file URL, so `new URL('./x-worker.js', import.meta.url)` finds dist/x-worker.js.
const META_URL = '__gshardImportMetaUrl';
const serverCommon = {
  ...common,
  define: { 'import.meta.url': META_URL },
  banner: { js: `const ${META_URL} = require('node:url').pathToFileURL(__filename).href;` },
  // The simulator's WASM kernels are loaded only by `gshard run` (a dynamic import); the server never
  // runs programs, so the package stays out of the bundle and no .wasm file is needed or shipped.
  external: ['@tensorflow/tfjs-backend-wasm'],
};

/** Worker files a bundle starts: `new URL('./name.js', import.meta.url)` in a source under lsp/. */
function workerPlugin(found) {
  return {
    name: 'find-workers',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        for (const m of text.matchAll(/new URL\(\s*['"]\.\/([\w.-]+)\.js['"]\s*,\s*import\.meta\.url\s*\)/g)) {
          found.set(m[1], join(dirname(args.path), `${m[1]}.js`));
        }
        return undefined; // esbuild loads the file itself
      });
    },
  };
}

const builds = [];
builds.push(await esbuild.build({ ...common, entryPoints: { extension: join(here, 'src', 'extension.ts') }, outdir: dist, external: ['vscode'] }));

const workers = new Map();
builds.push(await esbuild.build({ ...serverCommon, entryPoints: { server: join(here, 'src', 'server-main.ts') }, outdir: dist, plugins: [workerPlugin(workers)] }));

// Only the language server's own workers ship; the compiler's simulator worker (device-worker) is
// reachable from the CLI code the server links but never started by it.
const lspSrc = join(root, 'lsp', 'dist', 'src');
const shipped = [...workers].filter(([, path]) => dirname(path) === lspSrc);
for (const [name, path] of shipped) {
  builds.push(await esbuild.build({ ...serverCommon, entryPoints: { [name]: path }, outdir: dist }));
}

// What must never be in the server: the wasm runtime (it needs its .wasm files next to it).
const inputs = builds.flatMap((b) => Object.keys(b.metafile.inputs));
const wasm = inputs.filter((p) => /tfjs-backend-wasm|\.wasm$/.test(p));
if (wasm.length > 0) {
  console.error(`build: the bundles must not contain the wasm runtime, but they include:\n  ${wasm.join('\n  ')}`);
  process.exit(1);
}
for (const b of builds) {
  for (const [file, out] of Object.entries(b.metafile.outputs)) {
    if (!file.endsWith('.map')) console.log(`  ${relative(here, file).padEnd(24)} ${(out.bytes / 1024).toFixed(0).padStart(6)} KiB`);
  }
}
const skipped = [...workers.keys()].filter((n) => !shipped.some(([s]) => s === n));
if (skipped.length > 0) console.log(`  (not shipped, never started by the server: ${skipped.join(', ')})`);
