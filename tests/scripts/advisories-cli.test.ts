/**
 * `npm run advisories` end to end: a fixture advisory database in git (a vulnerability, an
 * informational advisory, a withdrawn one and a compiler advisory under rust/), crate records
 * and a content tree citing them; then the refusals (no --db, not a database, stale crates).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseAdvisoriesFile } from '../../scripts/lib/advisories/advisories-file.ts';
import { serializeCratesFile } from '../../scripts/lib/crates/crates-file.ts';
import { commitFiles, initRepo } from '../helpers/git-fixtures.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const advisory = (id: string, pkg: string, lines: string[], patched: string) =>
  `\`\`\`toml\n[advisory]\nid = "${id}"\npackage = "${pkg}"\ndate = "2024-01-31"\n${lines.join('\n')}\n\n[versions]\npatched = ${patched}\n\`\`\`\n\n# Title of ${id}\n`;

const COMMIT = 'c'.repeat(40);

let tmp: string;
let db: string;
let dbCommit: string;
let content: string;
let crates: string;
let out: string;

/** A content tree with one entry made from a real one, citing the given repositories at COMMIT. */
function writeEntry(repos: string[]) {
  const tikv = readFileSync('content/projects/tikv.mdx', 'utf8');
  const items = repos
    .map(
      (repo) =>
        `  - repo: ${repo}\n    role: Fixture\n    measurement:\n      commit: ${COMMIT}\n      commitDate: '2024-03-01T10:00:00+00:00'\n      files: 1\n      bytes: 14\n      lines: 1\n      codeLines: 1\n      bytesRaw: 14\n      rustShare: 100`,
    )
    .join('\n');
  rmSync(content, { recursive: true, force: true });
  mkdirSync(path.join(content, 'projects'), { recursive: true });
  writeFileSync(
    path.join(content, 'projects', 'one.mdx'),
    tikv.replace(/rustRepos:\n[\s\S]*?\nreported:/, () => `rustRepos:\n${items}\nreported:`),
  );
}

function writeCrates(at = COMMIT) {
  const record = (locked: { name: string; version: string; source: 'registry' | 'git' }[]) => ({
    commit: at,
    extracted: '2024-05-01',
    workspaces: [{ root: '', lock: { path: 'Cargo.lock', version: 4 } }],
    crates: [],
    locked,
  });
  writeFileSync(
    crates,
    serializeCratesFile({
      'fixture/a': record([
        { name: 'demo', version: '1.0.0', source: 'registry' },
        { name: 'demo', version: '2.0.0', source: 'registry' },
        { name: 'old', version: '0.1.0', source: 'git' },
      ]),
      'fixture/b': record([{ name: 'old', version: '0.1.0', source: 'registry' }]),
    }),
  );
}

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/advisories.ts', ...args], { encoding: 'utf8' });
const runAll = () => run('--db', db, '--content', content, '--crates', crates, '--out', out);

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'advisories-test-'));
  db = path.join(tmp, 'advisory-db');
  initRepo(db);
  dbCommit = commitFiles(
    db,
    {
      'crates/demo/RUSTSEC-2024-0001.md': advisory('RUSTSEC-2024-0001', 'demo', [], '[">= 1.5.0"]'),
      'crates/demo/RUSTSEC-2024-0002.md': advisory('RUSTSEC-2024-0002', 'demo', ['withdrawn = "2024-02-01"'], '[]'),
      'crates/old/RUSTSEC-2024-0003.md': advisory('RUSTSEC-2024-0003', 'old', ['informational = "unmaintained"'], '[]'),
      'rust/std/CVE-2024-0001.md': '```toml\n[advisory]\nid = "CVE-2024-0001"\n```\n# std\n',
    },
    '2024-06-01T12:00:00+02:00',
  );
  content = path.join(tmp, 'content');
  crates = path.join(tmp, 'crates.json');
  out = path.join(tmp, 'advisories.json');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run advisories', () => {
  it('writes the matches of every repository with the database commit and date', () => {
    writeEntry(['fixture/a', 'fixture/b']);
    writeCrates();
    const result = runAll();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const file = parseAdvisoriesFile(out, readFileSync(out, 'utf8'));
    expect(file.database).toMatchObject({
      commit: dbCommit,
      commitDate: '2024-06-01T12:00:00+02:00',
      advisories: 3,
      withdrawn: 1,
    });
    expect(file.repositories['fixture/a'].matches).toEqual([
      { advisory: 'RUSTSEC-2024-0001', crate: 'demo', version: '1.0.0' },
    ]);
    expect(file.repositories['fixture/b'].matches).toEqual([
      { advisory: 'RUSTSEC-2024-0003', crate: 'old', version: '0.1.0' },
    ]);
    expect(Object.keys(file.advisories)).toEqual(['RUSTSEC-2024-0001', 'RUSTSEC-2024-0003']);
    expect(file.advisories['RUSTSEC-2024-0003']).toMatchObject({
      kind: 'unmaintained',
      title: 'Title of RUSTSEC-2024-0003',
    });
    expect(result.stdout).toContain('2 advisories, 2 matches in 2 of 2 repositories');
  });

  it('changes nothing when run again on the same inputs', () => {
    const before = readFileSync(out, 'utf8');
    expect(runAll().status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('stops with exit 2, writing nothing, when crates.json is not at the cited commits', () => {
    const before = readFileSync(out, 'utf8');
    writeCrates('e'.repeat(40));
    const result = runAll();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('run `npm run crates` first');
    expect(result.stderr).toContain(`fixture/a (one): data/crates.json read it at ${'e'.repeat(40)}`);
    expect(readFileSync(out, 'utf8')).toBe(before);
    writeCrates();
  });

  it('asks for --db, and refuses a directory that is not an advisory database', () => {
    const missing = run('--content', content, '--crates', crates, '--out', out);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--db is required');
    const other = path.join(tmp, 'other');
    initRepo(other);
    commitFiles(other, { 'README.md': 'hi\n' }, '2024-06-01T12:00:00+02:00');
    const wrong = run('--db', other, '--content', content, '--crates', crates, '--out', out);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('not a RustSec advisory database');
  });
});
