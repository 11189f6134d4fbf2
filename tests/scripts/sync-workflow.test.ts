/** The weekly landscape sync workflow parses, and the commands it runs exist. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workflow = loadYaml(readFileSync(path.join(root, '.github/workflows/sync.yml'), 'utf8')) as any;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const steps: any[] = workflow.jobs.sync.steps;
const runs = steps.map((s) => s.run).filter((r): r is string => typeof r === 'string');
const stepUsing = (action: string) => steps.find((s) => typeof s.uses === 'string' && s.uses.startsWith(`${action}@`));

describe('.github/workflows/sync.yml', () => {
  it('runs weekly and on demand', () => {
    const cron: string = workflow.on.schedule[0].cron;
    const fields = cron.split(/\s+/);
    expect(fields).toHaveLength(5);
    expect(fields[2]).toBe('*'); // any day of the month …
    expect(fields[3]).toBe('*'); // … any month …
    expect(fields[4]).toMatch(/^[0-6]$/); // … on one weekday
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('checks out, sets up Node 24 and installs with npm ci', () => {
    expect(stepUsing('actions/checkout')).toBeDefined();
    expect(String(stepUsing('actions/setup-node').with['node-version'])).toBe('24');
    expect(runs.some((r) => /^npm ci\b/m.test(r))).toBe(true);
  });

  it('downloads the live landscape.yml once, over https only, and uses that one file for every step', () => {
    expect(workflow.env.LANDSCAPE_URL).toBe('https://raw.githubusercontent.com/cncf/landscape/master/landscape.yml');
    const downloads = runs.filter((r) => /\b(curl|wget)\b/.test(r));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toContain("--proto '=https' --proto-redir '=https'");
    expect(downloads[0]).toContain('--output "$RUNNER_TEMP/landscape.yml"');
    const check = steps.find((s) => s.id === 'check');
    expect(check.run).toContain('npm run --silent sync:landscape -- "$RUNNER_TEMP/landscape.yml"');
    const write = steps.find((s) => s.id === 'write');
    expect(write.if).toBe("steps.check.outputs.code == '1'");
    expect(write.run).toContain(
      'sync:landscape -- "$RUNNER_TEMP/landscape.yml" --write --pr-body "$RUNNER_TEMP/body.md"',
    );
    expect(write.run).toContain('cp "$RUNNER_TEMP/landscape.yml" data/landscape.yml');
    // No step reads the URL again after the download.
    expect(runs.filter((r) => r.includes('$LANDSCAPE_URL'))).toEqual(downloads);
    const pr = stepUsing('peter-evans/create-pull-request');
    expect(pr.if).toBe("steps.check.outputs.code == '1'");
    expect(pr.with['add-paths']).toContain('content/projects/*.mdx');
  });

  it('validates the content before any tool reads it, and writes only in the job that needs it', () => {
    const validate = steps.findIndex((s) => s.run === 'npm run validate');
    const firstSync = steps.findIndex((s) => typeof s.run === 'string' && s.run.includes('sync:landscape'));
    expect(validate).toBeGreaterThan(-1);
    expect(validate).toBeLessThan(firstSync);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.sync.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
  });

  it('fails on an error (exit code above 1) and when an entry needs a person', () => {
    expect(steps.find((s) => s.id === 'check').run).toMatch(/if \[ "\$code" -gt 1 \]; then exit "\$code"; fi/);
    const last = steps.at(-1);
    expect(last.if).toBe("steps.write.outputs.code == '1'");
    expect(last.run).toContain('exit 1');
  });

  it('only runs npm scripts that exist, whose files exist', () => {
    const used = runs.flatMap((r) => [...r.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]));
    expect(used).toContain('sync:landscape');
    for (const name of used) {
      expect(pkg.scripts, `npm script ${name}`).toHaveProperty(name);
      const file = /node (scripts\/\S+\.ts)/.exec(pkg.scripts[name])?.[1];
      if (file) expect(existsSync(path.join(root, file)), file).toBe(true);
    }
  });
});
