/**
 * sync:landscape end to end: the real CLI in a child process, against the real landscape.yml
 * and temp copies of content/, plus fixtures for the oddities and the error cases.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node = path.join(root, 'node_modules/.bin/node');
const script = path.join(root, 'scripts/sync-landscape.ts');
// The repository's copy of the CNCF landscape.yml (the entries are in sync with it).
const REAL_LANDSCAPE = path.join(root, 'data/landscape.yml');
const ODDITIES = path.join(root, 'tests/fixtures/landscape/oddities.yml');

let tmp: string;

function sync(...args: string[]) {
  const r = spawnSync(node, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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

describe('sync:landscape against the real landscape.yml', () => {
  it('finds the catalog in sync', () => {
    const { dir } = contentCopy();
    const count = readdirSync(path.join(dir, 'projects')).filter((n) => n.endsWith('.mdx')).length;
    const r = sync(REAL_LANDSCAPE, '--content', dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('(255 CNCF project items)');
    expect(r.stdout).toContain(`In sync: ${count} entries match the landscape.`);
    expect(r.code).toBe(0);
  });

  it('notes http:// landscape URLs it compared as https://', () => {
    const { dir } = contentCopy();
    const r = sync(REAL_LANDSCAPE, '--content', dir);
    expect(r.stdout).toContain(
      'drasi.mdx repository: http://github.com/drasi-project/drasi-platform → https://github.com/drasi-project/drasi-platform',
    );
  });

  it('reports drift, --write fixes exactly those lines, and a second run is clean', () => {
    const { dir, file, snapshot } = contentCopy();
    const original = snapshot();
    edit(file('chaos-mesh'), /^maturity: incubating$/m, 'maturity: sandbox');
    edit(file('wasmcloud'), /^ {2}incubating: '2024-11-08'\n/m, '');
    edit(file('tikv'), /^homepage: https:\/\/tikv\.org$/m, 'homepage: https://tikv.example.org/');
    const drifted = snapshot();

    const report = sync(REAL_LANDSCAPE, '--content', dir);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(1);
    expect(report.stdout).toMatch(/projects\/chaos-mesh\.mdx \(Chaos Mesh\)\n {2}maturity: sandbox → incubating\n/);
    expect(report.stdout).toMatch(
      /projects\/wasmcloud\.mdx \(wasmCloud\)\n {2}dates\.incubating: \(none\) → 2024-11-08 \(added\)\n/,
    );
    expect(report.stdout).toMatch(
      /projects\/tikv\.mdx \(TiKV\)\n {2}homepage: https:\/\/tikv\.example\.org\/ → https:\/\/tikv\.org\n/,
    );
    expect(report.stdout).toContain('Drift: 3 fields differ in 3 entries. Run with --write to update the entries.');
    expect(snapshot()).toEqual(drifted); // reporting writes nothing

    const write = sync(REAL_LANDSCAPE, '--content', dir, '--write');
    expect(write.stderr).toBe('');
    expect(write.code).toBe(0);
    expect(write.stdout).toContain('Drift: 3 fields updated in 3 entries.');
    const fixed = snapshot();
    expect(changedLines(drifted['chaos-mesh.mdx'], fixed['chaos-mesh.mdx'])).toEqual([
      ['maturity: sandbox', 'maturity: incubating'],
    ]);
    expect(changedLines(drifted['wasmcloud.mdx'], fixed['wasmcloud.mdx'])).toEqual([
      [undefined, "  incubating: '2024-11-08'"],
    ]);
    expect(changedLines(drifted['tikv.mdx'], fixed['tikv.mdx'])).toEqual([
      ['homepage: https://tikv.example.org/', 'homepage: https://tikv.org'],
    ]);
    // The entries were in sync before the edits: the files are back to their exact bytes.
    expect(fixed).toEqual(original);

    const again = sync(REAL_LANDSCAPE, '--content', dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('In sync:');
  });

  it('removes a date the landscape does not have, keeping CRLF line endings', () => {
    const { dir, file } = contentCopy();
    const crlf = readFileSync(file('tikv'), 'utf8')
      .replace(/^( {2}graduated: .*)$/m, "$1\n  archived: '2030-01-01'")
      .replaceAll('\n', '\r\n');
    writeFileSync(file('tikv'), crlf);
    const report = sync(REAL_LANDSCAPE, '--content', dir);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('dates.archived: 2030-01-01 → (none) (removed from the landscape)');
    expect(sync(REAL_LANDSCAPE, '--content', dir, '--write').code).toBe(0);
    const after = readFileSync(file('tikv'), 'utf8');
    expect(after).toBe(crlf.replace("\r\n  archived: '2030-01-01'", ''));
    expect(sync(REAL_LANDSCAPE, '--content', dir).code).toBe(0);
  });

  it('flags a newly archived project and an entry with no landscape item', () => {
    const { dir, file } = contentCopy();
    edit(file('xline'), /^maturity: archived$/m, 'maturity: sandbox');
    edit(file('xline'), /^ {2}archived: .*\n/m, '');
    edit(file('akri'), /^landscapeName: Akri$/m, 'landscapeName: Akri (renamed)');
    const r = sync(REAL_LANDSCAPE, '--content', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /Newly archived \(archived in the landscape, not in the catalog\):\n {2}\S*xline\.mdx \(Xline\): archived 2025-09-19/,
    );
    expect(r.stdout).toMatch(
      /Entries with no CNCF project item of that name in the landscape:\n {2}\S*akri\.mdx: landscapeName "Akri \(renamed\)"/,
    );
    // --write archives Xline but cannot fix the name: still exit 1, with what is left.
    const w = sync(REAL_LANDSCAPE, '--content', dir, '--write');
    expect(w.code).toBe(1);
    expect(w.stdout).toContain('Still to fix by hand:');
    expect(readFileSync(file('xline'), 'utf8')).toMatch(/^maturity: archived$/m);
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

  it('tolerates folded scalars, quoted dates, extra typos, items without item:, null items and http URLs', () => {
    const r = sync(ODDITIES, '--content', oddityContent());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(2 CNCF project items)');
    expect(r.stdout).toContain('alpha.mdx homepage: http://alpha.example.org/ → https://alpha.example.org/');
    expect(r.stdout).toContain('beta.mdx repository: http://github.com/beta/beta → https://github.com/beta/beta');
    expect(r.stdout).toContain('In sync: 2 entries match the landscape.');
  });

  it('exits 2 with a clear message on a file that is not YAML, and writes nothing', () => {
    const dir = oddityContent('sandbox');
    const bad = path.join(tmp, 'not-yaml.yml');
    writeFileSync(bad, 'landscape: [unclosed\n  - {\n');
    const before = readFileSync(path.join(dir, 'projects/alpha.mdx'), 'utf8');
    const r = sync(bad, '--content', dir, '--write');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`sync:landscape: ${bad} is not valid YAML:`);
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(dir, 'projects/alpha.mdx'), 'utf8')).toBe(before);
  });

  it('exits 2 naming what is missing when the YAML is not a landscape', () => {
    const dir = oddityContent('sandbox');
    const noLandscape = path.join(tmp, 'no-landscape.yml');
    writeFileSync(noLandscape, 'categories:\n  - name: Runtime\n');
    const r = sync(noLandscape, '--content', dir, '--write');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${noLandscape} does not look like a CNCF landscape.yml: expected a top-level "landscape" key holding a list of categories`,
    );
    const nameless = path.join(tmp, 'nameless.yml');
    writeFileSync(nameless, 'landscape:\n  - subcategories: []\n');
    const r2 = sync(nameless, '--content', dir);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('expected landscape[0] to be a category with a "name"');
    expect(readFileSync(path.join(dir, 'projects/alpha.mdx'), 'utf8')).toMatch(/^maturity: sandbox$/m);
  });

  it('exits 2 on a missing file, a non-https or unreachable URL and bad options', () => {
    const missing = sync(path.join(tmp, 'nope.yml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('could not read');
    const http = sync('http://example.org/landscape.yml');
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('expected a local path or an https:// URL');
    const unreachable = sync('https://127.0.0.1:1/landscape.yml');
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('could not fetch https://127.0.0.1:1/landscape.yml');
    const option = sync('--frobnicate');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('sync:landscape:');
  });

  it('exits 2 when an entry frontmatter cannot be read', () => {
    const dir = oddityContent();
    writeFileSync(path.join(dir, 'projects/broken.mdx'), '---\nname: [oops\n---\n');
    const r = sync(ODDITIES, '--content', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.mdx: the frontmatter is not valid YAML: /);
  });
});
