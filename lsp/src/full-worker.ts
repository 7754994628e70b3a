// Worker-thread entry: runs the slow stages off the main thread so hover and typing stay responsive.

import { parentPort } from 'node:worker_threads';
import { fullAnalysis } from './full-analysis.js';

parentPort?.on('message', (req: { id: number; text: string }) => {
  try {
    parentPort!.postMessage({ id: req.id, result: fullAnalysis(req.text) });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
