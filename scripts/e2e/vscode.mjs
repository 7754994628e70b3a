// Drives a real VS Code (code-server, with the .vsix installed) in headless Chromium: opens
// examples/moe_layer.gshard and checks what a user sees. Prints one line per check and a summary.
// usage: node vscode.mjs URL WORKSPACE ARTIFACTS_DIR PLAYWRIGHT_DIR
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, workspace, artifacts, playwrightDir] = process.argv.slice(2);
if (!playwrightDir) {
  console.error('usage: node vscode.mjs URL WORKSPACE ARTIFACTS_DIR PLAYWRIGHT_DIR');
  process.exit(2);
}
// playwright-core lives in the e2e tool folder, not in the repository's dependencies.
const { chromium } = createRequire(join(playwrightDir, 'package.json'))('playwright-core');
mkdirSync(artifacts, { recursive: true });

const t0 = Date.now();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const results = [];
// Checks the shell script ran before starting code-server (packaging, grammar tests): `1|name` lines.
for (const line of (process.env.E2E_PRIOR ?? '').split('\n').filter(Boolean)) {
  const [ok, name] = [line.slice(0, 1) === '1', line.slice(2)];
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
}
async function check(name, fn) {
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    log(`PASS ${name}${detail ? `: ${detail}` : ''}`);
  } catch (e) {
    results.push({ name, ok: false });
    log(`FAIL ${name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

const FILE = 'moe_layer.gshard';
const ED = `.monaco-editor[data-uri$="${FILE}"]`; // other .monaco-editor instances exist (chat, panels)
const VIEW = '.monaco-editor[data-uri^="gshard-view:"]';

/** The rendered lines of an editor, top to bottom (they are absolutely positioned; spaces are NBSP). */
const linesOf = (page, editor) => page.$$eval(`${editor} .view-lines .view-line`, (els) => els
  .map((e) => ({ top: parseFloat(e.style.top), text: e.textContent ?? '' }))
  .sort((a, b) => a.top - b.top).map((x) => x.text.replace(/\u00a0/g, ' ')));

/** Screen point of the middle of `word` on the first source line whose text matches `line`. */
const pointOf = (page, line, word) => page.evaluate(([ed, lineSrc, w]) => {
  const re = new RegExp(lineSrc);
  const row = [...document.querySelectorAll(`${ed} .view-lines .view-line`)].find((l) => re.test((l.textContent ?? '').replace(/\u00a0/g, ' ')));
  if (!row) return null;
  const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    const i = n.data.indexOf(w);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i + Math.floor(w.length / 2));
    r.setEnd(n, i + Math.floor(w.length / 2) + 1);
    const b = r.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }
  return null;
}, [ED, line, word]);

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
let page;
try {
  page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  // A loaded machine (CI) can take a minute to serve the workbench.
  page.setDefaultTimeout(60000);
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 180000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 180000 });
  log('workbench loaded');

  // Open the file from the explorer (Quick Open was flaky while search was still indexing).
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'examples' }).first().click({ timeout: 60000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first().click({ timeout: 30000 });
  await page.waitForSelector(`${ED} .view-lines`, { timeout: 30000 });
  log('editor open');

  await check('syntax colouring from the TextMate grammar', async () => {
    // Tokens of different scopes get different classes (mtk1, mtk2, ...); one class would mean no grammar.
    await page.waitForFunction((ed) => {
      const row = [...document.querySelectorAll(`${ed} .view-lines .view-line`)].find((l) => /^model moe_layer/.test((l.textContent ?? '').replace(/\u00a0/g, ' ')));
      return row && new Set([...row.querySelectorAll('span[class*="mtk"]')].map((s) => s.className)).size >= 3;
    }, ED, { timeout: 30000 });
    return 'the model line has at least 3 token colours';
  });

  // Inlay hints come after the server's full analysis, so they also tell that the server is up.
  await check('inlay hints show inferred shardings in the editor lines', async () => {
    await page.waitForFunction((ed) => [...document.querySelectorAll(`${ed} .view-lines .view-line`)]
      .some((l) => /logits: f32\[G@x, S, E\]/.test((l.textContent ?? '').replace(/\u00a0/g, ' '))), ED, { timeout: 120000 });
    const line = (await linesOf(page, ED)).find((l) => l.includes('logits:'));
    return JSON.stringify(line?.trim());
  });

  await check('code lenses show the cost of the model', async () => {
    const lens = page.locator(`${ED} .codelens-decoration`, { hasText: 'FLOP' }).first();
    await lens.waitFor({ timeout: 30000 });
    return JSON.stringify((await lens.innerText()).slice(0, 90));
  });

  await check('hover on a tensor shows its inferred sharding', async () => {
    const pt = await pointOf(page, 'einsum\\("GSM,ME->GSE"', 'logits');
    if (!pt) throw new Error('no "logits" on screen');
    await page.mouse.move(pt.x - 3, pt.y);
    await page.mouse.move(pt.x, pt.y);
    const hover = page.locator('.monaco-hover .rendered-markdown').first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    const text = await hover.innerText();
    if (!/f32\[G@x, S, E\]/.test(text)) throw new Error(`hover text lacks f32[G@x, S, E]: ${JSON.stringify(text.slice(0, 300))}`);
    if (!/inferred/.test(text)) throw new Error(`hover text does not say where the sharding came from: ${JSON.stringify(text.slice(0, 300))}`);
    await page.screenshot({ path: join(artifacts, 'vscode-hover.png') });
    return JSON.stringify(text.split('\n').slice(0, 4).join(' | '));
  });
  await page.keyboard.press('Escape');

  await check('command "GShard: Show partitioned program" opens the SPMD program beside the source', async () => {
    await runCommand(page, 'GShard: Show partitioned program');
    await page.waitForFunction((v) => [...document.querySelectorAll(`${v} .view-lines .view-line`)]
      .some((l) => /module @moe_layer on @tpu .* view local/.test((l.textContent ?? '').replace(/\u00a0/g, ' '))), VIEW, { timeout: 60000 });
    const header = (await linesOf(page, VIEW))[0]?.trim() ?? '';
    // Only visible lines are rendered: go to the end of the program, where the collectives are.
    await page.locator(`${VIEW} .view-lines`).first().click();
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(500);
    const lines = await linesOf(page, VIEW);
    const a2a = lines.filter((l) => / = all_to_all\(/.test(l)).length;
    // GShard's MoE layer: exactly two AllToAlls in the forward pass (dispatch and combine).
    if (a2a !== 2) throw new Error(`expected 2 all_to_all ops at the end of the program, saw ${a2a} in ${lines.length} lines`);
    const lines0 = [header];
    return `${lines0[0]?.slice(0, 70)}…; ${a2a} all_to_all ops`;
  });

  await check('command "GShard: Show sharding of tensor at cursor" draws the tiles', async () => {
    const pt = await pointOf(page, 'einsum\\("GSM,ME->GSE"', 'logits');
    if (!pt) throw new Error('no "logits" on screen');
    await page.mouse.click(pt.x, pt.y);
    await page.keyboard.press('Escape');
    await runCommand(page, 'GShard: Show sharding of tensor at cursor');
    const tiles = `${VIEW}[data-uri*="tiles"]`;
    await page.waitForFunction((v) => [...document.querySelectorAll(`${v} .view-lines .view-line`)]
      .some((l) => /┌/.test(l.textContent ?? '')), tiles, { timeout: 60000 });
    const lines = await linesOf(page, tiles);
    if (!lines.some((l) => /logits: f32\[G@x, S, E\]/.test(l))) throw new Error(`no "logits: f32[G@x, S, E]" in ${JSON.stringify(lines.slice(0, 3))}`);
    return `${lines.length} lines, first ${JSON.stringify(lines[0])}`;
  });

  await check('command "GShard: Show cost report" shows the cost page', async () => {
    await runCommand(page, 'GShard: Show cost report');
    // The page is in a webview: nested iframes; look for its heading in any frame.
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      for (const f of page.frames()) {
        const h1 = await f.evaluate(() => document.querySelector('h1')?.textContent ?? null).catch(() => null);
        const h2 = await f.evaluate(() => [...document.querySelectorAll('h2')].map((h) => h.textContent).join(' | ')).catch(() => '');
        if (h1 === 'moe_layer') return `h1 ${JSON.stringify(h1)}; ${h2}`;
      }
      await page.waitForTimeout(500);
    }
    throw new Error('no frame with the cost page heading "moe_layer"');
  });

  await check('the Outline view lists the mesh and dims (document symbols)', async () => {
    await page.locator('.pane-header', { hasText: 'Outline' }).first().click();
    // The outline list is virtualized and its pane small: only its first rows exist in the DOM.
    const rows = page.locator('.pane:has(.pane-header:has-text("Outline")) .monaco-list-row');
    await rows.filter({ hasText: /^\s*G\s*dim/ }).first().waitFor({ timeout: 30000 });
    const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    if (!texts.some((t) => /^tpu ?tpu_v3/.test(t))) throw new Error(`no mesh tpu in the outline: ${JSON.stringify(texts)}`);
    return JSON.stringify(texts.slice(0, 6));
  });

  await check('an error typed into the file appears in the Problems panel', async () => {
    // Refer to a tensor that does not exist: `wg)` -> `wq)` at the end of the gating einsum's line.
    const pt = await pointOf(page, 'einsum\\("GSM,ME->GSE"', 'logits');
    if (!pt) throw new Error('no "logits" on screen');
    await page.mouse.click(pt.x, pt.y);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('q');
    await page.waitForSelector(`${ED} .squiggly-error`, { timeout: 30000 });
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 20000 });
    const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.innerText.replace(/\n/g, ' | ')));
    if (!rows.some((r) => /wq/.test(r))) throw new Error(`no problem about wq: ${JSON.stringify(rows)}`);
    await page.screenshot({ path: join(artifacts, 'vscode-problems.png') });
    return JSON.stringify(rows.slice(0, 3));
  });
} catch (e) {
  results.push({ name: 'the workbench and the file open', ok: false });
  log(`FAIL the workbench and the file open: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
} finally {
  // On failure, what the screen showed at the end is the first thing to look at.
  if (page && results.some((r) => !r.ok)) await page.screenshot({ path: join(artifacts, 'vscode-failure.png') }).catch(() => {});
  await browser.close();
}
const passed = results.filter((r) => r.ok).length;
console.log(`e2e: ${passed} passed, ${results.length - passed} failed`);
process.exit(results.length > 0 && passed === results.length ? 0 : 1);
