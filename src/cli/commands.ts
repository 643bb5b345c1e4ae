/** Every command the CLI knows, in the order `hrflow --help` lists them. */
import type { CommandDefinition } from './context.js';
import { syncCommand } from './sync-command.js';

export const COMMANDS: readonly CommandDefinition[] = [syncCommand];
