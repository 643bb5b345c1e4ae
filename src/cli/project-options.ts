/** How every command loads the project: the global options, the environment, connector sources. */
import type { LoadOptions } from '../engine/project/load-project.js';
import { connectorSourceProvider } from '../pipeline/connector-sources.js';
import type { GlobalOptions } from './context.js';

export function projectLoadOptions(globals: GlobalOptions, env: NodeJS.ProcessEnv): LoadOptions {
  return {
    projectDir: globals.projectDir,
    ...(globals.target ? { target: globals.target } : {}),
    ...(globals.vars ? { vars: globals.vars } : {}),
    ...(globals.threads ? { threads: globals.threads } : {}),
    env,
    sourceProviders: [connectorSourceProvider],
  };
}
