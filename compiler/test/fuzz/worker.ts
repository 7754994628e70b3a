// Worker-thread entry for a campaign: the watchdog in the parent can terminate it when an input hangs.

import { parentPort, workerData } from 'node:worker_threads';
import { runCampaign, type CampaignOptions } from './campaign.js';

const port = parentPort!;
const options = workerData as CampaignOptions;
const stats = await runCampaign(
  options,
  (index) => port.postMessage({ type: 'begin', index }),
  (found) => port.postMessage({ type: 'failure', found }),
  (index) => port.postMessage({ type: 'minimize', index }),
);
port.postMessage({ type: 'done', stats });
