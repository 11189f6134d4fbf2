/** The parts of a GitHub Actions workflow file the workflow tests read, typed. */
import { readFileSync } from 'node:fs';
import { loadYaml } from '../../src/validation/safe-yaml.ts';

export interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
export interface Job {
  needs?: string | string[];
  if?: string;
  steps: Step[];
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
}
export interface Workflow {
  on: { schedule?: { cron: string }[] } & Record<string, unknown>;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

export const readWorkflow = (file: string): Workflow => loadYaml(readFileSync(file, 'utf8')) as Workflow;

/** The step that matches, or an error naming what was looked for. */
export function findStep(steps: readonly Step[], what: string, test: (s: Step) => boolean): Step {
  const step = steps.find(test);
  if (!step) throw new Error(`no step ${what}`);
  return step;
}

/** The step with this id. */
export const stepWithId = (steps: readonly Step[], id: string): Step =>
  findStep(steps, `with id ${id}`, (s) => s.id === id);

/** The step that uses this action (`owner/name`, any pinned version). */
export const stepUsing = (steps: readonly Step[], action: string): Step =>
  findStep(steps, `using ${action}`, (s) => s.uses?.startsWith(`${action}@`) ?? false);
