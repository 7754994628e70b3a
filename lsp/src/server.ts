// Wires the LSP connection to the features: capabilities, document sync, scheduling and one guarded
// handler per request. No handler may take the server down: failures are logged and answered empty.

import {
  CodeLensRefreshRequest, InlayHintRefreshRequest, LSPErrorCodes, ResponseError, SemanticTokensRefreshRequest,
  TextDocuments, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from './documents.js';
import { BackgroundAnalyzer } from './background.js';
import { Salvages } from './salvages.js';
import { collect, toLspDiagnostic } from './diagnostics.js';
import { docModel } from './doc-model.js';
import { DEFAULT_SCHEDULE, Scheduler, type ScheduleOptions } from './scheduler.js';
import { hover } from './hover.js';
import { hoverLatest } from './hover-latest.js';
import { inlayHints } from './inlay-hints.js';
import { codeLenses, isCostMode, type CostMode } from './code-lens.js';
import { completions } from './completion.js';
import { signatureHelp } from './signature-help.js';
import { definition, documentSymbols, prepareRename, references, rename } from './navigation.js';
import { LEGEND, semanticTokens } from './semantic-tokens.js';
import { format } from './formatting.js';
import { foldingRanges } from './folding.js';
import { codeActions } from './code-actions.js';
import { rematFix } from './remat-fix.js';
import { Suggestions } from './suggestions.js';
import { suggestionAction } from './suggestion.js';
import { registerCommands } from './commands.js';
import { trace } from './trace.js';

/** `costMode`: what code lenses cost, the forward pass or the training step (`gshard.costMode`). */
interface Settings { inlayHints: boolean; costMode: CostMode }

export function serve(connection: Connection): void {
  const texts = new TextDocuments(TextDocument);
  const store = new DocumentStore();
  const settings: Settings = { inlayHints: true, costMode: 'forward' };
  let schedule: ScheduleOptions = DEFAULT_SCHEDULE;
  let refresh = { inlay: false, lens: false, tokens: false };

  const log = (what: string, e: unknown) =>
    connection.console.error(`gshard-lsp: ${what} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  /** Errors meant for the client: a user-facing rename error, or "the document changed meanwhile". */
  const forClient = (e: unknown) => {
    const code = e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined;
    return code === -32602 || code === LSPErrorCodes.ContentModified;
  };
  /** A handler's exception: rethrown when meant for the client, else logged and answered with `fallback`. */
  const failed = <R>(name: string, fallback: R, e: unknown): R => {
    if (forClient(e)) throw e;
    log(name, e);
    return fallback;
  };
  /** Runs a handler; an exception is logged and answered with `fallback`. */
  const guard = <P, R>(name: string, fallback: R, fn: (p: P) => R) => (p: P): R => {
    try { return fn(p); } catch (e) { return failed(name, fallback, e); }
  };
  /** `guard` for a handler that may wait (for a broken file's salvage) without holding up other messages. */
  const guardAsync = <P, R>(name: string, fallback: R, fn: (p: P) => Promise<R>) => async (p: P): Promise<R> => {
    try { return await fn(p); } catch (e) { return failed(name, fallback, e); }
  };

  let background: BackgroundAnalyzer | undefined;
  let suggestions: Suggestions | undefined;
  const salvages = new Salvages(store, () => background, log);

  const publish = (uri: string, version: number, ds: Parameters<typeof collect>[0]) => {
    void connection.sendDiagnostics({ uri, version, diagnostics: collect(ds).map((d) => toLspDiagnostic(d, uri)) });
  };
  const checkNow = (uri: string) => {
    trace('check-start', store.version(uri) ?? -1);
    const doc = store.checked(uri);
    trace('check-end', store.version(uri) ?? -1);
    if (doc && doc.version === store.version(uri)) publish(uri, doc.version, doc.result.diagnostics);
    trace('published-fast', store.version(uri) ?? -1);
    salvages.start(uri); // a broken file: the worker salvages it before hover and hints ask
  };
  const analyzeWhenIdle = async (uri: string) => {
    const text = store.text(uri);
    const version = store.version(uri);
    if (text === undefined || version === undefined || !background) return;
    let result;
    const train = settings.costMode === 'train';
    try { result = await background.analyze(uri, text, train); } catch { return; } // superseded by a newer text
    trace('full-arrived', version);
    // the document moved on meanwhile
    if (!store.setFull(uri, version, result)) { trace('full-stale', version); return; }
    salvages.wake(uri);
    const checked = store.checked(uri);
    const ds = result.enrichment.diagnostics.map((d) => {
      const fix = checked ? rematFix(d, checked.result) : undefined;
      return fix ? { ...d, fix } : d;
    });
    publish(uri, version, ds);
    // A clean file: search for a better sharding in its own worker (the code action reads the result).
    if (!ds.some((d) => d.severity === 'error')) suggestions?.request(uri, version, text);
    if (refresh.inlay) void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => {});
    if (refresh.lens) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => {});
    if (refresh.tokens) void connection.sendRequest(SemanticTokensRefreshRequest.type).catch(() => {});
    trace('published-full', version);
  };
  const scheduler = new Scheduler(
    { get debounceMs() { return schedule.debounceMs; }, get idleMs() { return schedule.idleMs; } },
    (uri) => { try { checkNow(uri); } catch (e) { log('checking', e); } },
    (uri) => { analyzeWhenIdle(uri).catch((e) => log('full analysis', e)); },
  );

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as {
      inlayHints?: boolean; debounceMs?: number; idleMs?: number; worker?: boolean; costMode?: unknown;
    };
    if (opts.inlayHints === false) settings.inlayHints = false;
    if (isCostMode(opts.costMode)) settings.costMode = opts.costMode;
    background = new BackgroundAnalyzer(opts.worker !== false);
    suggestions = new Suggestions(opts.worker !== false, log);
    schedule = {
      debounceMs: opts.debounceMs ?? DEFAULT_SCHEDULE.debounceMs, idleMs: opts.idleMs ?? DEFAULT_SCHEDULE.idleMs,
    };
    const ws = params.capabilities.workspace;
    refresh = {
      inlay: !!ws?.inlayHint?.refreshSupport, lens: !!ws?.codeLens?.refreshSupport,
      tokens: !!ws?.semanticTokens?.refreshSupport,
    };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['@', '[', ',', ' ', '(', ':'] },
        signatureHelpProvider: { triggerCharacters: ['(', ','] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        semanticTokensProvider: { legend: LEGEND, full: true },
        documentFormattingProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
      },
      serverInfo: { name: 'gshard-lsp', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(guard('configuration', undefined, (p) => {
    type Settings = { gshard?: { inlayHints?: { enabled?: boolean }; costMode?: unknown } } | undefined;
    const s = (p.settings as Settings)?.gshard;
    if (s?.inlayHints?.enabled !== undefined) settings.inlayHints = s.inlayHints.enabled;
    if (refresh.inlay) void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => {});
    if (isCostMode(s?.costMode) && s.costMode !== settings.costMode) {
      settings.costMode = s.costMode;
      // the lenses of open documents read the other cost now: analyse them again (lenses refresh on arrival)
      for (const doc of texts.all()) analyzeWhenIdle(doc.uri).catch((e) => log('full analysis', e));
      if (refresh.lens) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => {});
    }
  }));

  texts.onDidOpen(guard('open', undefined, (e) => {
    store.set(e.document.uri, e.document.version, e.document.getText());
    scheduler.changed(e.document.uri, true);
  }));
  texts.onDidChangeContent(guard('change', undefined, (e) => {
    if (store.version(e.document.uri) === e.document.version) return; // the open event already did this one
    trace('change', e.document.version);
    store.set(e.document.uri, e.document.version, e.document.getText());
    background?.cancel(e.document.uri);
    suggestions?.cancel(e.document.uri);
    salvages.wake(e.document.uri); // requests waiting on the old version answer now
    salvages.start(e.document.uri); // still broken, most likely: salvage it while this thread checks it
    scheduler.changed(e.document.uri);
  }));
  texts.onDidClose(guard('close', undefined, (e) => {
    scheduler.closed(e.document.uri);
    background?.cancel(e.document.uri);
    suggestions?.cancel(e.document.uri);
    store.delete(e.document.uri);
    salvages.closed(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  }));

  /** The text document as it is (never salvaged), for features that read only its own text and AST. */
  const ownView = (uri: string) => {
    const doc = texts.get(uri);
    const r = store.own(uri);
    if (!doc || !r) return undefined;
    return { doc, program: r.checked.result.front.program, model: docModel(r.analysis, r.enrichment) };
  };
  /**
   * The text document, its analysis for hover-like features, and the model over it. On a broken
   * file that is its salvage, which may still be in the making: then this waits for it, and if the
   * document changes first, answers ContentModified (the request's positions are of a gone version).
   */
  const view = async (uri: string) => {
    const doc = texts.get(uri);
    const version = store.version(uri);
    if (!doc || version === undefined) return undefined;
    const r = await salvages.readable(uri, version);
    if (!r) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed before the answer was ready');
    const program = r.checked.result.front.program;
    return { doc, full: r.full, analysis: r.analysis, model: docModel(r.analysis, r.enrichment), program };
  };

  connection.onHover(guardAsync('hover', null, async (p) => {
    const doc = texts.get(p.textDocument.uri);
    // Never waits for a check or salvage of a newer version: the last good analysis answers meanwhile.
    const latest = doc ? hoverLatest(store, p.textDocument.uri, doc, p.position) : null;
    if (latest !== undefined) return latest;
    const v = await view(p.textDocument.uri); // nothing analysed yet: the first analysis it is
    return v ? hover(v.model, v.program, v.doc.offsetAt(p.position), v.full) : null;
  }));
  connection.languages.inlayHint.on(guardAsync('inlayHint', [], async (p) => {
    if (!settings.inlayHints) return [];
    const v = await view(p.textDocument.uri);
    return v ? inlayHints(v.model, v.analysis.front.program, p.range) : [];
  }));
  connection.onCodeLens(guard('codeLens', [], (p) => {
    const v = ownView(p.textDocument.uri);
    // Costs of a salvaged (partial) program would mislead: lenses read the file as it is.
    return v ? codeLenses(v.model, v.program, settings.costMode) : [];
  }));
  connection.onCompletion(guardAsync('completion', [], async (p) => {
    const v = await view(p.textDocument.uri);
    if (!v) return [];
    const offset = v.doc.offsetAt(p.position);
    const linePrefix = v.doc.getText({ start: { line: p.position.line, character: 0 }, end: p.position });
    return completions(v.model, v.program, offset, linePrefix);
  }));
  connection.onSignatureHelp(guard('signatureHelp', null, (p) => {
    const v = ownView(p.textDocument.uri);
    return v ? signatureHelp(v.doc.getText(), v.doc.offsetAt(p.position), v.program) : null;
  }));
  connection.onDefinition(guardAsync('definition', null, async (p) => {
    const v = await view(p.textDocument.uri);
    return v ? definition(v.model, p.textDocument.uri, v.doc.offsetAt(p.position)) : null;
  }));
  connection.onReferences(guardAsync('references', [], async (p) => {
    const v = await view(p.textDocument.uri);
    return v ? references(v.model, p.textDocument.uri, v.doc.offsetAt(p.position), p.context.includeDeclaration) : [];
  }));
  connection.onPrepareRename(guardAsync('prepareRename', null, async (p) => {
    const v = await view(p.textDocument.uri);
    return v ? prepareRename(v.model, v.doc.offsetAt(p.position)) : null;
  }));
  connection.onRenameRequest(guardAsync('rename', null, async (p) => {
    const v = await view(p.textDocument.uri);
    return v ? rename(v.model, p.textDocument.uri, v.doc.offsetAt(p.position), p.newName) : null;
  }));
  connection.onDocumentSymbol(guard('documentSymbol', [], (p) => {
    const v = ownView(p.textDocument.uri);
    return v ? documentSymbols(v.program) : [];
  }));
  connection.languages.semanticTokens.on(guard('semanticTokens', { data: [] }, (p) => {
    const v = ownView(p.textDocument.uri);
    return v ? semanticTokens(v.doc.getText(), v.model) : { data: [] };
  }));
  connection.onDocumentFormatting(guard('formatting', [], (p) => {
    const doc = texts.get(p.textDocument.uri);
    return doc ? format(doc.getText()) : [];
  }));
  connection.onFoldingRanges(guard('folding', [], (p) => {
    const v = ownView(p.textDocument.uri);
    return v ? foldingRanges(v.program) : [];
  }));
  connection.onCodeAction(guard('codeAction', [], (p) => {
    const v = ownView(p.textDocument.uri);
    const s = v ? suggestions?.get(p.textDocument.uri, v.doc.version) : undefined;
    return [...codeActions(p), ...(v && s ? suggestionAction(s, v.doc, v.program, p.range) : [])];
  }));

  registerCommands(connection, (uri) => texts.get(uri));
  connection.onShutdown(() => { scheduler.dispose(); background?.dispose(); suggestions?.dispose(); });
  texts.listen(connection);
  connection.listen();
}
