/**
 * `hrflow serve [--port] [--host]`, `hrflow serve hash-password` and
 * `hrflow policy check --user <name>`.
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import { HrflowError } from '../../core/errors.js';
import { hashPassword } from '../../serve/auth/password.js';
import { checkPolicies } from '../../serve/policy-check.js';
import { startServer } from '../../serve/server.js';
import type { CommandContext, CommandDefinition } from '../context.js';

export const serveCommand: CommandDefinition = (program, invokeCommand) => {
  const serve = program
    .command('serve')
    .description('serve dashboards and the API, own the warehouse, run schedules and webhooks')
    .addOption(new Option('-p, --port <port>', 'TCP port (overrides serve.port)').argParser(port))
    .addOption(new Option('--host <address>', 'address to listen on (overrides serve.host)'))
    .action(async (_o: unknown, cmd: Command) => {
      await invokeCommand(cmd, (context) => runServe(cmd.opts<ServeFlags>(), context));
    });

  serve
    .command('hash-password')
    .description('read a password on stdin and print its hash for serve.auth.users')
    .action(async (_o: unknown, cmd: Command) => {
      await invokeCommand(cmd, async ({ io }) => {
        const password = (await readStdin()).replace(/\r?\n$/, '');
        if (password.length < 8) {
          throw new HrflowError('usage-invalid', 'the password must have at least 8 characters', {
            hint: 'Pipe it in: printf %s "$PASSWORD" | hrflow serve hash-password',
          });
        }
        io.stdout(`${await hashPassword(password)}\n`);
        return { failures: 0 };
      });
    });
};

export const policyCommand: CommandDefinition = (program, invokeCommand) => {
  program
    .command('policy')
    .description('governance policies of hrflow serve')
    .command('check')
    .description('print what one user may see of each table')
    .requiredOption('--user <name>', 'a user from serve.auth.users')
    .action(async (_o: unknown, cmd: Command) => {
      await invokeCommand(cmd, async ({ io, globals, logger }) => {
        const report = await checkPolicies({
          projectDir: globals.projectDir,
          ...(globals.target ? { target: globals.target } : {}),
          ...(globals.vars ? { vars: globals.vars } : {}),
          env: io.env,
          user: cmd.opts<{ user: string }>().user,
          logger,
        });
        io.stdout(`${report}\n`);
        return { failures: 0 };
      });
    });
};

interface ServeFlags {
  readonly port?: number;
  readonly host?: string;
}

async function runServe(flags: ServeFlags, { io, globals, logger }: CommandContext) {
  const server = await startServer({
    projectDir: globals.projectDir,
    ...(globals.target ? { target: globals.target } : {}),
    ...(globals.vars ? { vars: globals.vars } : {}),
    ...(flags.port !== undefined ? { port: flags.port } : {}),
    ...(flags.host ? { host: flags.host } : {}),
    env: io.env,
    logger,
  });
  io.stderr(`hrflow serve: ${server.url}  (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      logger.info('serve-stopping', `${signal}: finishing the running job and closing`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve();
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  await server.close();
  logger.info('serve-stopped', 'stopped; the warehouse is closed');
  return { failures: 0 };
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new HrflowError('usage-invalid', `--port must be 0 to 65535, got '${value}'`);
  }
  return n;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
