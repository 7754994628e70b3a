// Worker-thread entry: runs the slow stages off the main thread so hover and typing stay responsive.

import { parentPort } from 'node:worker_threads';
import { plainSpans } from '@gshard/grammar';
import { fullAnalysis } from './full-analysis.js';

parentPort?.on('message', (req: { id: number; text: string }) => {
  try {
    // Spans are lazy (offsets + a line index) and a structured clone would drop their positions.
    parentPort!.postMessage({ id: req.id, result: plainSpans(fullAnalysis(req.text)) });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
