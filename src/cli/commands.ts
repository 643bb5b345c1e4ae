/** Every command the CLI knows, in the order `hrflow --help` lists them. */
import { DOCS_COMMANDS } from './commands/docs-commands.js';
import { ENGINE_COMMANDS } from './commands/engine-commands.js';
import { initCommand } from './commands/init-command.js';
import { PROJECT_COMMANDS } from './commands/project-commands.js';
import { policyCommand, serveCommand } from './commands/serve-command.js';
import type { CommandDefinition } from './context.js';
import { sandboxCommand } from './sandbox-command.js';
import { syncCommand } from './sync-command.js';

export const COMMANDS: readonly CommandDefinition[] = [
  initCommand,
  syncCommand,
  ...ENGINE_COMMANDS,
  ...PROJECT_COMMANDS,
  ...DOCS_COMMANDS,
  sandboxCommand,
  serveCommand,
  policyCommand,
];
