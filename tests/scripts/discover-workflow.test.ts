/** The weekly discover workflow parses, runs commands that exist and asks only for what it needs. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readWorkflow, stepUsing, stepWithId } from '../helpers/workflow.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workflow = readWorkflow(path.join(root, '.github/workflows/discover.yml'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const job = workflow.jobs.discover;
const steps = job.steps;
const runs = steps.map((s) => s.run).filter((r): r is string => typeof r === 'string');

describe('.github/workflows/discover.yml', () => {
  it('runs weekly and on demand', () => {
    const fields = String(workflow.on.schedule?.[0].cron).split(/\s+/);
    expect(fields).toHaveLength(5);
    expect(fields.slice(2, 4)).toEqual(['*', '*']);
    expect(fields[4]).toMatch(/^[0-6]$/);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('reads the repository only, and may write issues only in its one job', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(workflow.jobs)).toEqual(['discover']);
    expect(job.permissions).toEqual({ contents: 'read', issues: 'write' });
  });

  it('pins every action to a commit and does not keep the checkout credentials', () => {
    const used = steps.filter((s) => s.uses);
    expect(used.length).toBeGreaterThan(0);
    for (const s of used) expect(s.uses, s.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    expect(stepUsing(steps, 'actions/checkout').with?.['persist-credentials']).toBe(false);
    expect(String(stepUsing(steps, 'actions/setup-node').with?.['node-version'])).toBe('24');
  });

  it('runs discover over the live landscape with the API first and clones, failing on exit 2', () => {
    const step = stepWithId(steps, 'discover');
    expect(step.run).toContain('npm run --silent discover -- --landscape "$RUNNER_TEMP/landscape.yml"');
    for (const flag of ['--github', '--clone', '--repos', '--write']) expect(step.run).toContain(flag);
    expect(step.env?.GITHUB_TOKEN).toBe('${{ github.token }}');
    expect(step.run).toMatch(/if \[ "\$code" -gt 1 \]; then exit "\$code"; fi/);
  });

  it('opens (or comments on) an issue with the GitHub CLI when discover finds something', () => {
    const issue = steps[steps.length - 1];
    expect(issue.if).toBe("steps.discover.outputs.code == '1'");
    expect(issue.env?.GH_TOKEN).toBe('${{ github.token }}');
    expect(issue.run).toContain('gh issue create');
    expect(issue.run).toContain('gh issue comment');
  });

  it('posts the body discover fenced itself, and prints the report with workflow commands stopped', () => {
    const step = steps.find((s) => s.id === 'discover');
    if (!step?.run) throw new Error('the workflow has no discover step that runs a command');
    expect(step.run).toContain('--issue-body "$RUNNER_TEMP/body.md"');
    const issue = steps[steps.length - 1];
    // No fence written around outside text in shell: a name could close it.
    expect(issue.run).not.toContain('```');
    expect(issue.run).not.toContain('report.txt');
    expect(issue.run).toContain('--body-file "$RUNNER_TEMP/body.md"');
    const lines = step.run.split('\n').map((l: string) => l.trim());
    const cat = lines.indexOf('cat "$RUNNER_TEMP/report.txt"');
    expect(lines[cat - 1]).toBe('echo "::stop-commands::$stop"');
    expect(lines[cat + 1]).toBe('echo "::$stop::"');
  });

  it('only runs npm scripts that exist, whose files exist', () => {
    const used = [
      ...new Set(runs.flatMap((r) => [...r.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]))),
    ];
    expect(used).toEqual(['discover']);
    for (const name of used) {
      expect(pkg.scripts).toHaveProperty(name);
      const file = /node (scripts\/\S+\.ts)/.exec(pkg.scripts[name])?.[1];
      expect(file && existsSync(path.join(root, file)), file).toBe(true);
    }
  });
});
