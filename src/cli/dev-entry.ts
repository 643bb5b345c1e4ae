/**
 * Runs the CLI from source (`node --import tsx src/cli/dev-entry.ts …`), for tests that need the
 * CLI in a separate process without a build.
 */
import { main } from './main.js';

process.exitCode = await main(process.argv);
