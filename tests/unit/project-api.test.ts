/** The per-project files and their index: the project's object of projects.json as it is, plus its history and crates. */
import { describe, expect, it } from 'vitest';
import { EXPORT_VERSION, projectsExport } from '../../src/data/exports/exports.ts';
import { projectCrates, projectFile, projectsIndex } from '../../src/data/exports/project-api.ts';
import type { CratesExport } from '../../src/data/exports/crates-export.ts';
import type { ProjectHistory } from '../../src/schemas/history.ts';
import { project } from '../helpers/fixtures.ts';

const urls = {
  home: 'https://example.org/base/',
  project: (slug: string) => `https://example.org/base/projects/${slug}/`,
  logo: (file: string) => `https://example.org/base/logos/${file}`,
};
const doc = projectsExport({
  projects: [project('alpha'), project('beta', { unmeasuredRepos: [{ repo: 'beta/big', reason: 'too large' }] })],
  sources: [],
  generated: '2026-12-07T00:00:00Z',
  urls,
});
const crates: CratesExport = {
  extracted: null,
  repositories: [
    {
      repo: 'alpha/alpha',
      project: 'alpha',
      commit: 'a'.repeat(40),
      extracted: '2026-12-01',
      crates: [],
      lockedPackages: 3,
      notes: [],
    },
    {
      repo: 'beta/beta',
      project: 'beta',
      commit: 'b'.repeat(40),
      extracted: '2026-12-01',
      crates: [],
      lockedPackages: 1,
      notes: [],
    },
  ],
  shared: [
    {
      name: 'tokio',
      projects: 2,
      direct: 1,
      usedBy: [
        { project: 'alpha', direct: true, versions: ['1.0.0'] },
        { project: 'beta', direct: false, versions: ['1.1.0'] },
      ],
      url: 'https://example.org/base/crates/tokio/',
    },
    { name: 'serde', projects: 1, direct: 1, usedBy: [{ project: 'beta', direct: true, versions: [] }], url: null },
  ],
  families: [],
};

describe('projectFile', () => {
  it('is the object of projects.json unchanged, then history and the crates of that project only', () => {
    const history = { id: 'alpha', repos: [] } as unknown as ProjectHistory;
    const file = projectFile(doc.projects[0], history, crates);
    const { history: h, crates: c, ...rest } = file;
    expect(rest).toEqual(doc.projects[0]);
    expect(Object.keys(file).slice(0, -2)).toEqual(Object.keys(doc.projects[0]));
    expect(h).toBe(history);
    expect(c.repositories.map((r) => r.repo)).toEqual(['alpha/alpha']);
    expect(c.uses).toEqual([
      { name: 'tokio', direct: true, versions: ['1.0.0'], projects: 2, url: 'https://example.org/base/crates/tokio/' },
    ]);
    expect(projectFile(doc.projects[1], undefined, crates).history).toBeNull();
  });

  it('gives a project without crates empty lists', () => {
    expect(projectCrates(crates, 'gamma')).toEqual({ repositories: [], uses: [] });
  });
});

describe('projectsIndex', () => {
  it('lists every project with its headline figures and the URL of its file, under the export version', () => {
    const index = projectsIndex(doc.projects, {
      generated: doc.generated,
      site: doc.site,
      file: (slug) => `https://example.org/base/data/projects/${slug}.json`,
    });
    expect(index.version).toBe(EXPORT_VERSION);
    expect(index.projects).toEqual([
      {
        slug: 'alpha',
        name: 'ALPHA',
        url: urls.project('alpha'),
        maturity: 'sandbox',
        rustUsage: 'pure',
        codeLines: 800,
        rustShare: 100,
        file: 'https://example.org/base/data/projects/alpha.json',
      },
      {
        slug: 'beta',
        name: 'BETA',
        url: urls.project('beta'),
        maturity: 'sandbox',
        rustUsage: 'pure',
        codeLines: 800,
        rustShare: null,
        file: 'https://example.org/base/data/projects/beta.json',
      },
    ]);
  });
});
