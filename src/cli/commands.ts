/** Every command the CLI knows, in the order `hrflow --help` lists them. */
import type { CommandDefinition } from './context.js';
import { sandboxCommand } from './sandbox-command.js';

export const COMMANDS: readonly CommandDefinition[] = [sandboxCommand];
