/** JSON-LD of project pages and of /data/: read back by a JSON-LD processor, and safe inside a <script> element. */
import { describe, expect, it } from 'vitest';
import { datasetJsonLd, jsonLdText, measuredLanguages, projectJsonLd } from '../../src/data/exports/structured-data.ts';
import { exportProject, projectsExport } from '../../src/data/exports/exports.ts';
import { DATA_FILES, DATA_LICENSE } from '../../src/data/exports/downloads.ts';
import { SCHEMA, expand, jsonLdBlocks, values } from '../helpers/json-ld.ts';
import { measurement, project } from '../helpers/fixtures.ts';

const urls = {
  home: 'https://example.org/base/',
  project: (slug: string) => `https://example.org/base/projects/${slug}/`,
  logo: (file: string) => `https://example.org/base/logos/${file}`,
};
const hostile = project('hostile', {
  name: 'Evil </script><script>alert(1)</script>',
  summary: 'Ends a comment --> and opens one <!-- and a separator \u2028 here & there.',
  rustRepos: [{ repo: 'h/h', role: 'Main', measurement: measurement({ languages: 'Rust 80%, Go 19.5%, Shell 0.5%' }) }],
  otherRepos: [
    {
      repo: 'h/go',
      role: 'Server',
      measurement: measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, rustShare: 0, languages: 'Go 100%' }),
    },
  ],
});

describe('projectJsonLd', () => {
  it('expands to a schema.org SoftwareSourceCode with name, description, url, codeRepository and languages', async () => {
    const exported = exportProject(hostile, urls);
    const [node] = await expand(projectJsonLd(exported));
    expect(node['@type']).toEqual([`${SCHEMA}SoftwareSourceCode`]);
    expect(values(node, 'name')).toEqual([hostile.name]);
    expect(values(node, 'description')).toEqual([hostile.summary]);
    expect(values(node, 'url')).toEqual(['https://example.org/base/projects/hostile/']);
    expect(values(node, 'codeRepository')).toEqual([hostile.repository]);
    expect(values(node, 'programmingLanguage')).toEqual(['Rust', 'Go', 'Shell']);
  });

  it('never names Rust for a project in which none was found, and names no language it did not measure', () => {
    const none = measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, rustShare: 0 });
    const withList = project('n', {
      rustUsage: 'none-found',
      rustRepos: [{ repo: 'n/n', role: 'Main', measurement: { ...none, languages: 'Go 90%, Rust 10%' } }],
    });
    expect(measuredLanguages(exportProject(withList, urls))).toEqual(['Go']);
    const bare = project('b', {
      rustUsage: 'none-found',
      rustRepos: [{ repo: 'b/b', role: 'Main', measurement: none }],
    });
    expect(projectJsonLd(exportProject(bare, urls))).not.toHaveProperty('programmingLanguage');
    expect(projectJsonLd(exportProject(project('r'), urls)).programmingLanguage).toBe('Rust');
  });
});

describe('datasetJsonLd', () => {
  const doc = projectsExport({
    projects: [hostile, project('plain', { updated: '2026-12-01' })],
    sources: [],
    generated: '2026-12-07T00:00:00Z',
    urls,
  });
  const dataset = datasetJsonLd({
    doc,
    url: (path) => `https://example.org/base${path}`,
    repository: 'https://github.com/o/r',
  });

  it('expands to a Dataset with licence, creator, dateModified and a DataDownload for every file', async () => {
    const [node] = await expand(dataset);
    expect(node['@type']).toEqual([`${SCHEMA}Dataset`]);
    expect(values(node, 'license')).toEqual([DATA_LICENSE.url]);
    expect(values(node, 'dateModified')).toEqual(['2026-12-01']);
    expect(values(node, 'url')).toEqual(['https://example.org/base/data/']);
    const creator = (node[`${SCHEMA}creator`] as never[])[0];
    expect(creator['@type']).toEqual([`${SCHEMA}Organization`]);
    expect(values(creator, 'name')[0]).toBeTruthy();
    const downloads = node[`${SCHEMA}distribution`] as never[];
    expect(downloads).toHaveLength(Object.keys(DATA_FILES).length);
    for (const d of downloads) {
      expect(d['@type']).toEqual([`${SCHEMA}DataDownload`]);
      expect(values(d, 'encodingFormat')).toHaveLength(1);
    }
    expect(downloads.map((d) => values(d, 'contentUrl')[0])).toEqual(
      Object.values(DATA_FILES).map((f) => `https://example.org/base${f.path}`),
    );
  });
});

describe('jsonLdText', () => {
  it('keeps the value, and no </script>, <!-- or line separator in the data reaches the element', () => {
    const value = projectJsonLd(exportProject(hostile, urls));
    const text = jsonLdText(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    // As an HTML parser reads it: the element ends at the first "</script", which is the real end.
    const html = `<head><script type="application/ld+json">${text}</script><title>t</title></head>`;
    const blocks = jsonLdBlocks(html);
    expect(blocks).toHaveLength(1);
    expect(JSON.parse(blocks[0])).toEqual(value);
  });

  it('is needed: the plain JSON of the same value would end the element early', () => {
    const html = `<script type="application/ld+json">${JSON.stringify(projectJsonLd(exportProject(hostile, urls)))}</script>`;
    expect(() => JSON.parse(jsonLdBlocks(html)[0])).toThrow();
  });
});

describe('the JSON-LD check itself', () => {
  it('rejects a malformed document (an object as @type)', async () => {
    await expect(expand({ '@context': 'https://schema.org', '@type': { bad: true }, name: 'x' })).rejects.toThrow();
  });
});
