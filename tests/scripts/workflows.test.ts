/** The CI and deploy workflows parse, run commands that exist, and deploy only tested code. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { describe, expect, it } from 'vitest';
import type { Job, Workflow } from '../helpers/workflow.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const scripts: Record<string, string> = JSON.parse(read('package.json')).scripts;

const workflows = {
  ci: loadYaml(read('.github/workflows/ci.yml')) as Workflow,
  deploy: loadYaml(read('.github/workflows/deploy.yml')) as Workflow,
};

const runs = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''));
const npmScripts = (wf: Workflow) =>
  runs(wf).flatMap((run) => [...run.matchAll(/\bnpm run(?: --?[a-z-]+)* ([a-z][\w:-]*)/g)].map((m) => m[1]));
const uses = (job: Job, action: string) => job.steps.find((s) => s.uses?.startsWith(`${action}@`));
const needs = (job: Job) => (Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : []);

/** The checks `.ci/run` runs through `npm test`, in order. */
const CHECKS = ['validate', 'format:check', 'lint', 'check', 'build:test', 'test:run'];

describe.each(Object.entries(workflows))('%s.yml', (_name, wf) => {
  it('only runs npm scripts that package.json defines', () => {
    const used = npmScripts(wf);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(scripts, `npm run ${name}`).toHaveProperty(name);
  });

  it('reads the repository only, unless a job asks for more', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
  });
});

describe('ci.yml', () => {
  const job = workflows.ci.jobs.test;

  it('runs on pull requests and pushes', () => {
    expect(Object.keys(workflows.ci.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('installs Node 24 with npm ci, then runs every check of .ci/run in order', () => {
    expect(uses(job, 'actions/checkout')).toBeDefined();
    expect(String(uses(job, 'actions/setup-node')?.with?.['node-version'])).toBe('24');
    expect(runs(workflows.ci).some((r) => /^npm ci\b/m.test(r))).toBe(true);
    expect(npmScripts(workflows.ci)).toEqual(CHECKS);
    expect(read('package.json')).toContain(
      '"test": "npm run setup && npm run validate && npm run format:check && npm run lint && npm run check && npm run build:test && npm run test:run"',
    );
  });

  it('validates the content as its own first step after installing, where problems become annotations', () => {
    const commands = job.steps.filter((s) => s.run).map((s) => s.run!.trim());
    expect(commands.slice(0, 2)).toEqual(['npm ci --no-audit --no-fund', 'npm run validate']);
  });

  it('provides a chromium before the browser tests run', () => {
    const index = job.steps.findIndex((s) => s.run?.includes('chromium --version'));
    expect(index).toBeGreaterThan(-1);
    expect(index).toBeLessThan(job.steps.findIndex((s) => s.run?.includes('npm run test:run')));
  });
});

describe('deploy.yml', () => {
  const { test, build, deploy } = workflows.deploy.jobs;

  it('runs on pushes to main and on demand', () => {
    expect(workflows.deploy.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
  });

  it('builds only after the test job, and deploys only after the build', () => {
    expect(npmScripts({ on: {}, jobs: { test } })).toEqual(CHECKS);
    expect(needs(build)).toEqual(['test']);
    expect(needs(deploy)).toEqual(['build']);
  });

  it('builds with withastro/action on Node 24 with npm, for the repository it runs in', () => {
    const step = uses(build, 'withastro/action');
    expect(step?.with).toMatchObject({ 'node-version': 24, 'package-manager': 'npm' });
    expect(build.env?.SITE_URL).toBe('https://${{ github.repository_owner }}.github.io');
    expect(build.env?.BASE_PATH).toContain("format('/{0}/', github.event.repository.name)");
    expect(JSON.stringify(workflows.deploy)).not.toMatch(/cncf-rust-catalog/);
  });

  it('deploys with actions/deploy-pages, with only the permissions Pages needs', () => {
    expect(uses(deploy, 'actions/deploy-pages')?.id).toBe('deployment');
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.environment).toEqual({ name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' });
  });

  it('lets one deployment finish before the next starts', () => {
    expect(workflows.deploy.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('ships public/.nojekyll so Pages serves the files as built', () => {
    expect(existsSync(path.join(ROOT, 'public/.nojekyll'))).toBe(true);
  });
});

describe('every workflow: third-party code pinned, no stored credentials, least permissions', () => {
  const all = { ...workflows, sync: loadYaml(read('.github/workflows/sync.yml')) as Workflow };
  const text = (name: string) => read(`.github/workflows/${name}.yml`);

  describe.each(Object.keys(all))('%s.yml', (name) => {
    const wf = all[name as keyof typeof all];
    const steps = Object.values(wf.jobs).flatMap((job) => job.steps);

    it('pins every action by a full commit SHA, with its version in a comment', () => {
      const lines = text(name)
        .split('\n')
        .filter((l) => /^\s*(?:- )?uses:/.test(l));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line, line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    });

    it('checks out without leaving the token in the git config', () => {
      const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
      expect(checkouts.length).toBeGreaterThan(0);
      for (const c of checkouts) expect(c.with?.['persist-credentials']).toBe(false);
    });

    it('reads only at the top; a write permission only on a job that needs it', () => {
      expect(wf.permissions).toEqual({ contents: 'read' });
      for (const [jobName, job] of Object.entries(wf.jobs)) {
        const writes = Object.entries(job.permissions ?? {})
          .filter(([, level]) => level === 'write')
          .map(([scope]) => scope);
        if (writes.length === 0) continue;
        const needs: Record<string, string[]> = {
          'sync.sync': ['contents', 'pull-requests'],
          'deploy.deploy': ['pages', 'id-token'],
        };
        expect(writes.sort(), `${name}.${jobName}`).toEqual(needs[`${name}.${jobName}`]?.sort());
      }
    });
  });
});
