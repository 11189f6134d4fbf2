/**
 * CITATION.cff at the repository root, read as GitHub's "Cite this repository" reads it:
 * Citation File Format 1.2.0, checked here against that schema's rules for the keys the file
 * uses (no kept validator of the CFF schema is on npm): the required keys, only keys the
 * schema defines, a dataset, and a licence and repository that agree with the project's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { DATA_LICENSE } from '../../src/data/exports/downloads.ts';
import { DEFAULT_REPO_URL } from '../../src/data/site/site-options.ts';

/** Top-level keys of the CFF 1.2.0 schema (schema.json, `additionalProperties: false`). */
const CFF_KEYS = [
  'abstract',
  'authors',
  'cff-version',
  'commit',
  'contact',
  'date-released',
  'doi',
  'identifiers',
  'keywords',
  'license',
  'license-url',
  'message',
  'preferred-citation',
  'references',
  'repository',
  'repository-artifact',
  'repository-code',
  'title',
  'type',
  'url',
  'version',
];
/** Keys of an entity (an author that is an organisation or a group) in CFF 1.2.0. */
const ENTITY_KEYS = [
  'address',
  'alias',
  'city',
  'country',
  'date-end',
  'date-start',
  'email',
  'fax',
  'location',
  'name',
  'orcid',
  'post-code',
  'region',
  'tel',
  'website',
];
const PERSON_KEYS = [
  'address',
  'affiliation',
  'alias',
  'city',
  'country',
  'email',
  'family-names',
  'fax',
  'given-names',
  'name-particle',
  'name-suffix',
  'orcid',
  'post-code',
  'region',
  'tel',
  'website',
];

const cff = loadYaml(readFileSync('CITATION.cff', 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { license: string };

describe('CITATION.cff', () => {
  it('has the keys CFF 1.2.0 requires and no key it does not define', () => {
    expect(cff['cff-version']).toBe('1.2.0');
    for (const key of ['message', 'title'])
      expect(typeof cff[key] === 'string' && (cff[key] as string).length > 0, key).toBe(true);
    expect(Object.keys(cff).filter((k) => !CFF_KEYS.includes(k))).toEqual([]);
  });

  it('describes a dataset, so GitHub offers "Cite this repository" for the data', () => {
    expect(cff.type).toBe('dataset');
  });

  it('names at least one author, each a person (family-names or given-names) or an entity (name)', () => {
    const authors = cff.authors as Record<string, unknown>[];
    expect(Array.isArray(authors) && authors.length > 0).toBe(true);
    for (const a of authors) {
      const entity = typeof a.name === 'string' && a.name.length > 0;
      const person = typeof a['family-names'] === 'string' || typeof a['given-names'] === 'string';
      expect(entity || person, JSON.stringify(a)).toBe(true);
      expect(Object.keys(a).filter((k) => !(entity ? ENTITY_KEYS : PERSON_KEYS).includes(k))).toEqual([]);
    }
  });

  it("states the project's licence and repository, as package.json and the site say them", () => {
    expect(cff.license).toBe(DATA_LICENSE.spdx);
    expect(pkg.license).toBe(DATA_LICENSE.spdx);
    expect(cff['repository-code']).toBe(DEFAULT_REPO_URL);
    expect(Array.isArray(cff.keywords) && (cff.keywords as unknown[]).every((k) => typeof k === 'string')).toBe(true);
  });
});
