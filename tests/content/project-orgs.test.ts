/**
 * data/project-orgs.yaml, the reviewed organisations of CNCF projects discover screens: it
 * validates, and every row names a project of landscape.yml or an entry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverTargets, landscapeItems, projectOrganisations } from '../../scripts/lib/discover.ts';
import { projectOrgsSchema } from '../../src/schemas/project-orgs.ts';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { readCatalog } from '../helpers/content.ts';

const rows = projectOrgsSchema.parse(loadYaml(readFileSync('data/project-orgs.yaml', 'utf8')));
const items = landscapeItems(loadYaml(readFileSync('data/landscape.yml', 'utf8')));
const { entries } = readCatalog();

describe('data/project-orgs.yaml', () => {
  it('names only projects of the landscape or the entries', () => {
    const targets = discoverTargets(
      items,
      entries.map((e) => ({
        slug: e.slug,
        name: e.data.name,
        landscapeName: e.data.landscapeName,
        rustUsage: e.data.rustUsage,
        repository: e.data.repository,
        rustRepos: e.data.rustRepos.map((r) => ({ repo: r.repo, kind: r.kind })),
      })),
    );
    expect(projectOrganisations(targets, rows).map((r) => `${r.project} / ${r.org}`)).toEqual([]);
  });

  it('marks an organisation shared only where a project names a repository in it', () => {
    const named = new Set(items.flatMap((i) => i.repos.map((r) => `${i.name}\u0000${r.split('/')[0].toLowerCase()}`)));
    const stray = rows.filter(
      (r) => r.scope === 'named-repositories' && !named.has(`${r.project}\u0000${r.org.toLowerCase()}`),
    );
    expect(stray.map((r) => `${r.project} / ${r.org}`)).toEqual([]);
  });
});
