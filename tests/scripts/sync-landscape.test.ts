/**
 * sync:landscape end to end, against the repository's landscape.yml (the copy the weekly sync
 * refreshes) and temp copies of content/, plus fixtures for the oddities and the error cases.
 * Expectations are read from those files, not typed: the weekly sync's own pull request changes
 * both. The command runs in-process through its `main`; one run is a real child process, for its
 * exit code and output as a maintainer sees them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/sync-landscape.ts';
import { indexByName, landscapeProjects } from '../../scripts/lib/landscape.ts';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { readCatalog } from '../helpers/content.ts';
import { runInProcess } from '../helpers/cli.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node = path.join(root, 'node_modules/.bin/node');
const script = path.join(root, 'scripts/sync-landscape.ts');
// The repository's copy of the CNCF landscape.yml (the entries are in sync with it).
const REAL_LANDSCAPE = path.join(root, 'data/landscape.yml');
const ODDITIES = path.join(root, 'tests/fixtures/landscape/oddities.yml');

const landscapeText = readFileSync(REAL_LANDSCAPE, 'utf8');
const items = landscapeProjects(loadYaml(landscapeText));
const byName = indexByName(items);
const { entries } = readCatalog();
/** Entries with their landscape item, in file order. */
const matched = entries.map((e) => ({ ...e, item: byName.get(e.data.landscapeName)! }));

let tmp: string;

const sync = (...args: string[]) => runInProcess('sync:landscape', main, args);

/** A temp copy of content/projects, returned as the --content dir and its files. */
function contentCopy(): { dir: string; file: (slug: string) => string; snapshot: () => Record<string, string> } {
  const dir = mkdtempSync(path.join(tmp, 'content-'));
  cpSync(path.join(root, 'content/projects'), path.join(dir, 'projects'), { recursive: true });
  const file = (slug: string) => path.join(dir, 'projects', `${slug}.mdx`);
  const snapshot = () =>
    Object.fromEntries(
      readdirSync(path.join(dir, 'projects')).map((n) => [n, readFileSync(path.join(dir, 'projects', n), 'utf8')]),
    );
  return { dir, file, snapshot };
}

/** Replaces exactly one occurrence of `from` in a file (the test fails if there is none). */
function edit(file: string, from: string | RegExp, to: string) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file} should contain ${from}`).not.toBe(text);
  writeFileSync(file, next);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The whole frontmatter line of `key` (nested keys with their indentation), as the file has it. */
function line(file: string, key: string, indent = ''): string {
  const m = new RegExp(`^${indent}${escape(key)}: .*$`, 'm').exec(readFileSync(file, 'utf8'));
  expect(m, `${file}: ${key}`).not.toBeNull();
  return m![0];
}

function changedLines(before: string, after: string): [string | undefined, string | undefined][] {
  const a = before.split('\n');
  const b = after.split('\n');
  const out: [string | undefined, string | undefined][] = [];
  // Align on the first difference and compare the rest from the end, so an inserted or
  // removed line shows up as one pair rather than shifting everything after it.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  for (let i = 0; i < Math.max(endA - start, endB - start); i++)
    out.push([start + i < endA ? a[start + i] : undefined, start + i < endB ? b[start + i] : undefined]);
  return out;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'sync-landscape-test-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("sync:landscape against the repository's landscape.yml", () => {
  it('finds the catalog in sync, as a command: exit 0, the counts on stdout, nothing on stderr', () => {
    const { dir } = contentCopy();
    const r = spawnSync(node, [script, REAL_LANDSCAPE, '--content', dir], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`(${items.length} CNCF project items)`);
    expect(r.stdout).toContain(`In sync: ${entries.length} entries match the landscape.`);
    expect(r.status).toBe(0);
  });

  it('notes http:// landscape URLs it compared as https://', async () => {
    // One item's repository written with http://, beside any the landscape has of its own.
    const target = matched.find((e) => e.item.repository?.startsWith('https://'))!;
    const at = landscapeText.indexOf(`name: ${target.data.landscapeName}\n`);
    expect(at).toBeGreaterThan(-1);
    const repo = landscapeText.indexOf('repo_url: https://', at);
    const edited = path.join(tmp, 'http-repository.yml');
    writeFileSync(
      edited,
      landscapeText.slice(0, repo) + 'repo_url: http://' + landscapeText.slice(repo + 'repo_url: https://'.length),
    );
    const expected = matched.flatMap((e) =>
      (['homepage', 'repository'] as const)
        .map(
          (field) =>
            [
              field,
              e === target && field === 'repository' ? e.item.repository!.replace(/^https:/, 'http:') : e.item[field],
            ] as const,
        )
        .filter(([, url]) => url?.startsWith('http://'))
        .map(([field, url]) => `${e.file} ${field}: ${url} → ${url!.replace(/^http:/, 'https:')}`),
    );
    const { dir } = contentCopy();
    const r = await sync(edited, '--content', dir);
    expect(r.code).toBe(0);
    for (const note of expected) expect(r.stdout).toContain(note);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('reports drift, --write fixes exactly those lines, and a second run is clean', async () => {
    const { dir, file, snapshot } = contentCopy();
    const original = snapshot();
    // Three entries, each drifted in one field: maturity, a date removed, the home page.
    const [m, d, h] = [
      matched[0],
      matched.find((e) => e !== matched[0] && e.data.dates.incubating)!,
      matched.find((e, i) => i > 0 && e.data.homepage && !e.data.dates.incubating)!,
    ];
    const other = m.data.maturity === 'sandbox' ? 'incubating' : 'sandbox';
    const dateLine = line(file(d.slug), 'incubating', '  ');
    edit(file(m.slug), new RegExp(`^maturity: ${m.data.maturity}$`, 'm'), `maturity: ${other}`);
    edit(file(d.slug), `${dateLine}\n`, '');
    const homeLine = line(file(h.slug), 'homepage');
    edit(file(h.slug), homeLine, 'homepage: https://drift.example.org/');
    const drifted = snapshot();

    const report = await sync(REAL_LANDSCAPE, '--content', dir);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(1);
    expect(report.stdout).toContain(
      `projects/${m.slug}.mdx (${m.data.name})\n  maturity: ${other} → ${m.item.maturity}\n`,
    );
    expect(report.stdout).toContain(
      `projects/${d.slug}.mdx (${d.data.name})\n  dates.incubating: (none) → ${d.item.dates.incubating} (added)\n`,
    );
    expect(report.stdout).toContain(
      `projects/${h.slug}.mdx (${h.data.name})\n  homepage: https://drift.example.org/ → ${h.data.homepage}\n`,
    );
    expect(report.stdout).toContain('Drift: 3 fields differ in 3 entries. Run with --write to update the entries.');
    expect(snapshot()).toEqual(drifted); // reporting writes nothing

    const write = await sync(REAL_LANDSCAPE, '--content', dir, '--write');
    expect(write.stderr).toBe('');
    expect(write.code).toBe(0);
    expect(write.stdout).toContain('Drift: 3 fields updated in 3 entries.');
    const fixed = snapshot();
    expect(changedLines(drifted[`${m.slug}.mdx`], fixed[`${m.slug}.mdx`])).toEqual([
      [`maturity: ${other}`, `maturity: ${m.data.maturity}`],
    ]);
    expect(changedLines(drifted[`${d.slug}.mdx`], fixed[`${d.slug}.mdx`])).toEqual([[undefined, dateLine]]);
    expect(changedLines(drifted[`${h.slug}.mdx`], fixed[`${h.slug}.mdx`])).toEqual([
      ['homepage: https://drift.example.org/', homeLine],
    ]);
    // The entries were in sync before the edits: the files are back to their exact bytes.
    expect(fixed).toEqual(original);

    const again = await sync(REAL_LANDSCAPE, '--content', dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('In sync:');
  });

  it('removes a date the landscape does not have, keeping CRLF line endings', async () => {
    const { dir, file } = contentCopy();
    const e = matched.find((x) => !x.data.dates.archived)!;
    const last = line(file(e.slug), Object.keys(e.data.dates).at(-1)!, '  ');
    const crlf = readFileSync(file(e.slug), 'utf8')
      .replace(`${last}\n`, `${last}\n  archived: '2030-01-01'\n`)
      .replaceAll('\n', '\r\n');
    writeFileSync(file(e.slug), crlf);
    const report = await sync(REAL_LANDSCAPE, '--content', dir);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('dates.archived: 2030-01-01 → (none) (removed from the landscape)');
    expect((await sync(REAL_LANDSCAPE, '--content', dir, '--write')).code).toBe(0);
    const after = readFileSync(file(e.slug), 'utf8');
    expect(after).toBe(crlf.replace("\r\n  archived: '2030-01-01'", ''));
    expect((await sync(REAL_LANDSCAPE, '--content', dir)).code).toBe(0);
  });

  it('flags a newly archived project and an entry with no landscape item', async () => {
    const { dir, file } = contentCopy();
    const archived = matched.find((e) => e.data.maturity === 'archived');
    expect(archived, 'an archived entry to un-archive').toBeDefined();
    const a = archived!;
    const renamed = matched.find((e) => e !== a)!;
    edit(file(a.slug), /^maturity: archived$/m, 'maturity: sandbox');
    edit(file(a.slug), /^ {2}archived: .*\n/m, '');
    edit(
      file(renamed.slug),
      `landscapeName: ${line(file(renamed.slug), 'landscapeName').slice('landscapeName: '.length)}`,
      `landscapeName: ${renamed.data.landscapeName} (renamed)`,
    );
    const r = await sync(REAL_LANDSCAPE, '--content', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `Newly archived \\(archived in the landscape, not in the catalog\\):\\n {2}\\S*${escape(a.slug)}\\.mdx \\(${escape(a.data.name)}\\): archived ${a.item.dates.archived}`,
      ),
    );
    expect(r.stdout).toContain('Entries with no CNCF project item of that name in the landscape:');
    expect(r.stdout).toMatch(
      new RegExp(
        `\\S*${escape(renamed.slug)}\\.mdx: landscapeName "${escape(renamed.data.landscapeName)} \\(renamed\\)"`,
      ),
    );
    // --write archives the project but cannot fix the name: still exit 1, with what is left.
    const w = await sync(REAL_LANDSCAPE, '--content', dir, '--write');
    expect(w.code).toBe(1);
    expect(w.stdout).toContain('Still to fix by hand:');
    expect(readFileSync(file(a.slug), 'utf8')).toMatch(/^maturity: archived$/m);
  });
});

describe('sync:landscape on fixtures', () => {
  function oddityContent(alphaMaturity = 'incubating'): string {
    const dir = mkdtempSync(path.join(tmp, 'odd-'));
    mkdirSync(path.join(dir, 'projects'));
    const entry = (name: string, body: string) =>
      writeFileSync(
        path.join(dir, 'projects', `${name.toLowerCase()}.mdx`),
        `---\nname: ${name}\nlandscapeName: ${name}\n${body}---\n\nProse.\n`,
      );
    entry(
      'Alpha',
      `maturity: ${alphaMaturity}\ndates:\n  accepted: '2020-01-02'\n  incubating: '2021-03-04'\nlandscape:\n  category: Runtime\n  subcategory: Container Runtime\nhomepage: https://alpha.example.org/\nrepository: https://github.com/alpha/alpha\n`,
    );
    entry(
      'Beta',
      `maturity: sandbox\ndates:\n  accepted: '2022-05-06'\nlandscape:\n  category: Runtime\n  subcategory: Container Runtime\nhomepage: https://beta.example.org/\nrepository: https://github.com/beta/beta\n`,
    );
    return dir;
  }

  it('tolerates folded scalars, quoted dates, extra typos, items without item:, null items and http URLs', async () => {
    const r = await sync(ODDITIES, '--content', oddityContent());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(2 CNCF project items)');
    expect(r.stdout).toContain('alpha.mdx homepage: http://alpha.example.org/ → https://alpha.example.org/');
    expect(r.stdout).toContain('beta.mdx repository: http://github.com/beta/beta → https://github.com/beta/beta');
    expect(r.stdout).toContain('In sync: 2 entries match the landscape.');
  });

  it('exits 2 with a clear message on a file that is not YAML, and writes nothing', async () => {
    const dir = oddityContent('sandbox');
    const bad = path.join(tmp, 'not-yaml.yml');
    writeFileSync(bad, 'landscape: [unclosed\n  - {\n');
    const before = readFileSync(path.join(dir, 'projects/alpha.mdx'), 'utf8');
    const r = await sync(bad, '--content', dir, '--write');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`sync:landscape: ${bad} is not valid YAML:`);
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(dir, 'projects/alpha.mdx'), 'utf8')).toBe(before);
  });

  it('exits 2 naming what is missing when the YAML is not a landscape', async () => {
    const dir = oddityContent('sandbox');
    const noLandscape = path.join(tmp, 'no-landscape.yml');
    writeFileSync(noLandscape, 'categories:\n  - name: Runtime\n');
    const r = await sync(noLandscape, '--content', dir, '--write');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${noLandscape} does not look like a CNCF landscape.yml: expected a top-level "landscape" key holding a list of categories`,
    );
    const nameless = path.join(tmp, 'nameless.yml');
    writeFileSync(nameless, 'landscape:\n  - subcategories: []\n');
    const r2 = await sync(nameless, '--content', dir);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('expected landscape[0] to be a category with a "name"');
    expect(readFileSync(path.join(dir, 'projects/alpha.mdx'), 'utf8')).toMatch(/^maturity: sandbox$/m);
  });

  it('exits 2 on a missing file, a non-https or unreachable URL and bad options', async () => {
    const missing = await sync(path.join(tmp, 'nope.yml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('could not read');
    const http = await sync('http://example.org/landscape.yml');
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('expected a local path or an https:// URL');
    const unreachable = await sync('https://127.0.0.1:1/landscape.yml');
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('could not fetch https://127.0.0.1:1/landscape.yml');
    const option = await sync('--frobnicate');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('sync:landscape:');
  });

  it('exits 2 when an entry frontmatter cannot be read', async () => {
    const dir = oddityContent();
    writeFileSync(path.join(dir, 'projects/broken.mdx'), '---\nname: [oops\n---\n');
    const r = await sync(ODDITIES, '--content', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.mdx: the frontmatter is not valid YAML: /);
  });
});
