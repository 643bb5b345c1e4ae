import { afterEach, describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import { tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';
import { loadSettings } from './settings.js';

let project: TempProject | undefined;
afterEach(() => project?.remove());

function withSandbox(block: string): string {
  return `name: demo
catalog: hr_prod
targets:
  dev:
    adapter: duckdb
    path: target/hr_prod.duckdb
    sandbox:
${block}`;
}

describe('a target’s sandbox block', () => {
  it('defaults the seed and leaves the date to the day of the run', () => {
    project = tempProject({ 'hrflow.config.yaml': withSandbox('      employees: 50\n') });
    expect(loadSettings({ projectDir: project.root }).target.sandbox).toEqual({
      seed: 42,
      employees: 50,
    });
  });

  it('pins the company to as_of', () => {
    project = tempProject({
      'hrflow.config.yaml': withSandbox("      seed: 7\n      as_of: '2026-06-30'\n"),
    });
    expect(loadSettings({ projectDir: project.root }).target.sandbox).toEqual({
      seed: 7,
      asOf: '2026-06-30',
    });
  });

  it('names the file and line of an as_of that is not a day', () => {
    project = tempProject({
      'hrflow.config.yaml': withSandbox("      as_of: 'last tuesday'\n"),
    });
    const root = project.root;
    let caught: unknown;
    try {
      loadSettings({ projectDir: root });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HrflowError);
    const error = caught as HrflowError;
    expect(error.code).toBe('config-invalid');
    expect(error.location).toMatchObject({
      file: 'hrflow.config.yaml',
      line: 8,
      yamlPath: 'targets.dev.sandbox.as_of',
    });
  });
});
