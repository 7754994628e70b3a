// Usage lines of the commands whose modules are loaded lazily (run, export), kept here so that
// listing the commands does not load the wasm runtime or the exporters.

import { PIPELINE_USAGE } from './pipeline-flags.js';
import { TRAIN_USAGE } from './train-flags.js';

export const RUN_USAGE =
  'gshard run FILE [--mesh SPEC] [--seed N] [--inputs DIR [--generate-missing]] [--save DIR [--force]] [--json] ' +
  '[--workers N] [--profile] [--entry MODEL]' +
  ` ${PIPELINE_USAGE}`;

export const EXPORT_USAGE =
  'gshard export FILE --format stablehlo|jax [--shardings shardy|gspmd] [-o OUT] [--manifest OUT.json] [--mesh ' +
    'SPEC] [--entry MODEL]' +
  ` [--precision highest|default] [--train ${TRAIN_USAGE}] ${PIPELINE_USAGE}`;
