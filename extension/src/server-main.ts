// Entry of the bundled language server (dist/server.js): the same start as `gshard lsp --stdio`.

import { startServer } from '../../lsp/dist/src/index.js';

startServer(process.argv.slice(2));
