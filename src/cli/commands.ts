/** Every command the CLI knows, in the order `hrflow --help` lists them. */
import { ENGINE_COMMANDS } from './commands/engine-commands.js';
import { initCommand } from './commands/init-command.js';
import { PROJECT_COMMANDS } from './commands/project-commands.js';
import type { CommandDefinition } from './context.js';

export const COMMANDS: readonly CommandDefinition[] = [
  initCommand,
  ...ENGINE_COMMANDS,
  ...PROJECT_COMMANDS,
];
