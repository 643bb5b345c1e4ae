/** `hrflow init [dir]`: a new project with the standard layout and one working model. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { HrflowError } from '../../core/errors.js';
import type { CommandContext, CommandDefinition } from '../context.js';

/** The files of a new project; `{{name}}` is replaced by the project name. */
const SCAFFOLD: Record<string, string> = {
  'hrflow.config.yaml': `# yaml-language-server: $schema=./node_modules/hrflow/schemas/hrflow-config.schema.json
name: {{name}}
catalog: hr_prod
default_target: dev

targets:
  dev:
    adapter: duckdb
    path: target/hr_prod.duckdb
    threads: 2

vars:
  min_group_size: 5

models:
  bronze:
    +schema: bronze
    +materialized: view
  silver:
    +schema: silver
    +materialized: table
  gold:
    +schema: gold
    +materialized: table
`,
  'models/bronze/stg_departments.sql': `select * from {{ ref('departments') }}
`,
  'models/silver/department.sql': `select
  department_id,
  trim(department_name) as department_name
from {{ ref('stg_departments') }}
`,
  'models/silver/schema.yml': `version: 2
models:
  - name: department
    description: One row per department.
    columns:
      - name: department_id
        data_tests: [unique, not_null]
      - name: department_name
        data_tests: [not_null]
`,
  'seeds/departments.csv': `department_id,department_name
1,Engineering
2,People
3, Sales
`,
  'models/gold/.gitkeep': '',
  'macros/.gitkeep': '',
  'tests/.gitkeep': '',
  'sources/.gitkeep': '',
  '.gitignore': `target/
*.duckdb
*.duckdb.wal
`,
};

export const initCommand: CommandDefinition = (program, invokeCommand) => {
  program
    .command('init')
    .argument('[dir]', 'where to create the project', '.')
    .option('--name <name>', 'project name (default: the folder name)')
    .description('create a new hrflow project')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      await invokeCommand(cmd, ({ io, logger }: CommandContext) => {
        const root = resolve(io.cwd, dir);
        const name = (cmd.opts<{ name?: string }>().name ?? basename(root))
          .replace(/[^A-Za-z0-9_]/g, '_')
          .replace(/^(\d)/, '_$1');
        if (
          existsSync(join(root, 'hrflow.config.yaml')) ||
          (existsSync(root) && readdirSync(root).some((f) => !f.startsWith('.')))
        ) {
          throw new HrflowError('usage-invalid', `${root} is not empty`, {
            hint: 'Run hrflow init in an empty folder, or pass a new folder name: hrflow init my_project',
          });
        }
        for (const [path, content] of Object.entries(SCAFFOLD)) {
          const abs = join(root, path);
          mkdirSync(join(abs, '..'), { recursive: true });
          writeFileSync(abs, content.replace(/\{\{name\}\}/g, name));
        }
        logger.info('init', `created project '${name}' in ${root}`);
        io.stdout(`Next: cd ${dir} && hrflow build\n`);
        return Promise.resolve({ failures: 0 });
      });
    });
};
