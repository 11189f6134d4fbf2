/**
 * The committed safety data against the entries: data/advisories.json and data/unsafe.json
 * hold every entry repository at the commit it cites (what the build checks too), the
 * unsafe counts read the very files the line counts count, and every match names an advisory
 * the file describes for the crate a lock file of that repository resolves from crates.io.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../helpers/content.ts';
import { advisoriesFileSchema } from '../../src/schemas/advisories.ts';
import { cratesFileSchema } from '../../src/schemas/crates.ts';
import { unsafeFileSchema } from '../../src/schemas/unsafe.ts';
import { safetyRecordProblems } from '../../src/data/views/safety.ts';

const { entries } = readCatalog();
const projects = entries.map((e) => ({ slug: e.slug, name: e.data.name, rustRepos: e.data.rustRepos }));
const advisories = advisoriesFileSchema.parse(JSON.parse(readFileSync('data/advisories.json', 'utf8')));
const unsafe = unsafeFileSchema.parse(JSON.parse(readFileSync('data/unsafe.json', 'utf8')));
const crates = cratesFileSchema.parse(JSON.parse(readFileSync('data/crates.json', 'utf8')));
const repos = entries.flatMap((e) => e.data.rustRepos.map((r) => ({ slug: e.slug, ...r })));

describe('data/advisories.json and data/unsafe.json', () => {
  it('hold every entry repository at the commit it cites, and nothing else (rerun npm run advisories / unsafe)', () => {
    expect(safetyRecordProblems(projects, advisories, unsafe)).toEqual([]);
  });

  it('count unsafe code in the same files as the line counts (rerun npm run unsafe after re-measuring)', () => {
    for (const r of repos)
      expect({ files: unsafe[r.repo].files, bytes: unsafe[r.repo].bytes }, `${r.slug}: ${r.repo}`).toEqual({
        files: r.measurement.files,
        bytes: r.measurement.bytes,
      });
  });

  it('match only crates.io packages the repository locks, for advisories the file describes', () => {
    for (const [repo, record] of Object.entries(advisories.repositories)) {
      const locked = new Set(
        crates[repo].locked.filter((p) => p.source === 'registry' && !p.registry).map((p) => `${p.name}@${p.version}`),
      );
      for (const m of record.matches) {
        expect(advisories.advisories[m.advisory]?.package, `${repo} ${m.advisory}`).toBe(m.crate);
        expect(locked.has(`${m.crate}@${m.version}`), `${repo} ${m.crate}@${m.version}`).toBe(true);
      }
    }
  });

  it('describe only advisories some repository matches, none withdrawn by then', () => {
    const matched = new Set(Object.values(advisories.repositories).flatMap((r) => r.matches.map((m) => m.advisory)));
    expect(Object.keys(advisories.advisories).sort()).toEqual([...matched].sort());
    expect(advisories.database.withdrawn).toBeLessThan(advisories.database.advisories);
  });
});
