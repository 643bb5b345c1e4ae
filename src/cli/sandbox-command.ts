/**
 * `hrflow sandbox`: runs the Greenhouse and Workday simulators until interrupted and prints the
 * environment (URLs and credentials) a source spec needs, one `NAME=value` line each on stdout.
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import { HrflowError } from '../core/errors.js';
import { parseFaultSpec } from '../sandbox/fault-spec.js';
import { sandboxEnvironment, startSandbox } from '../sandbox/index.js';
import type { SandboxOptions } from '../sandbox/index.js';
import type { CliIo, CommandDefinition, CommandContext, CommandOutcome } from './context.js';

export interface SandboxCommandOptions {
  readonly port?: number;
  readonly seed?: string;
  readonly employees?: number;
  readonly candidates?: number;
  readonly asOf?: string;
  readonly faults?: string;
  readonly groundTruth?: string;
  readonly webhookUrl?: string;
}

export const sandboxCommand: CommandDefinition = (program, invoke) => {
  program
    .command('sandbox')
    .description('run the Greenhouse and Workday simulators until Ctrl-C')
    .addOption(
      new Option(
        '--port <n>',
        'Greenhouse port; Workday listens on the next one (0: any free ports)',
      ).argParser(port),
    )
    .addOption(new Option('--seed <seed>', 'seed of the synthetic company').default('42'))
    .addOption(new Option('--employees <n>', 'active employees').argParser(count))
    .addOption(new Option('--candidates <n>', 'candidate records').argParser(count))
    .addOption(new Option('--as-of <date>', "the company's present (default: today)"))
    .addOption(
      new Option(
        '--faults <spec>',
        'faults, e.g. 429=0.05,storm=10,5xx=0.02,latency=200,reset=0.01,truncate=0.01,token-expiry=500,drift=0.02',
      ),
    )
    .addOption(new Option('--ground-truth <file>', 'write the ground truth to this JSON file'))
    .addOption(
      new Option('--webhook-url <url>', 'send Greenhouse webhooks here when the company changes'),
    )
    .action(async (options: SandboxCommandOptions, command: Command) => {
      await invoke(command, (context) => runSandbox(options, context, untilInterrupted()));
    });
};

/** Starts the sandbox, prints its environment, and serves until `stop` resolves. */
export async function runSandbox(
  options: SandboxCommandOptions,
  context: CommandContext,
  stop: Promise<void>,
): Promise<CommandOutcome> {
  const faults = options.faults ? parseFaultSpec(options.faults) : undefined;
  const port = options.port ?? 0;
  const sandboxOptions: SandboxOptions = {
    seed: options.seed ?? '42',
    ...(options.employees === undefined ? {} : { employees: options.employees }),
    ...(options.candidates === undefined ? {} : { candidates: options.candidates }),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    logger: context.logger,
    greenhouse: {
      port,
      ...(faults ? { faults: faults.greenhouse } : {}),
      ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
    },
    workday: { port: port === 0 ? 0 : port + 1, ...(faults ? { faults: faults.workday } : {}) },
  };
  const sandbox = await startSandbox(sandboxOptions);
  try {
    if (options.groundTruth) await sandbox.writeGroundTruth(options.groundTruth);
    printEnvironment(context.io, sandboxEnvironment(sandbox));
    context.logger.info(
      'sandbox-ready',
      `sandbox ready; advance with POST ${sandbox.greenhouse.origin}/_sandbox/advance; Ctrl-C stops it`,
    );
    await stop;
  } finally {
    await sandbox.close();
  }
  return { failures: 0 };
}

function printEnvironment(io: CliIo, environment: Readonly<Record<string, string>>): void {
  io.stdout(
    Object.entries(environment)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65534) {
    throw new HrflowError(
      'usage-invalid',
      `--port must be a port number from 0 to 65534, got '${value}'`,
    );
  }
  return n;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new HrflowError('usage-invalid', `expected a positive whole number, got '${value}'`);
  }
  return n;
}
