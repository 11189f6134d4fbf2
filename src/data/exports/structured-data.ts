/**
 * Structured data (JSON-LD, schema.org): a `SoftwareSourceCode` on each project page, a
 * `Dataset` on /data/. Built from the exported objects, so it says what the data files say;
 * typed with schema-dts, so a property schema.org does not have fails the type check.
 */
import type { DataDownload, Dataset, SoftwareSourceCode, WithContext } from 'schema-dts';
import type { ExportedProject, ProjectsExport } from './exports.ts';
import { DATA_FILES, DATA_LICENSE, fileName } from './downloads.ts';
import { routes } from '../site/paths.ts';

/** Language names of a measurement's list: "Go 74.6%, Rust 17.9%" → ["Go", "Rust"]. */
const languageNames = (list: string | null): string[] => (list ? list.split(', ').map((item) => item.replace(/ \d+(?:\.\d)?%$/, '')) : []);

/**
 * The languages the catalog measured in the project's repositories, largest first per
 * repository; Rust first for a project with Rust, and never Rust for one in which none was found.
 */
export function measuredLanguages(p: Pick<ExportedProject, 'countsAsRust' | 'rustRepos' | 'otherRepos'>): string[] {
  const names = [...p.rustRepos, ...(p.otherRepos ?? [])].flatMap((r) => languageNames(r.measurement.languages));
  const others = names.filter((n) => n !== 'Rust');
  return [...new Set(p.countsAsRust ? ['Rust', ...others] : others)];
}

export function projectJsonLd(p: ExportedProject): WithContext<SoftwareSourceCode> {
  const languages = measuredLanguages(p);
  return {
    '@context': 'https://schema.org',
    '@type': 'SoftwareSourceCode',
    name: p.name,
    description: p.summary,
    url: p.url,
    codeRepository: p.repository,
    ...(languages.length > 0 ? { programmingLanguage: languages.length === 1 ? languages[0] : languages } : {}),
    sameAs: p.homepage,
  };
}

export interface DatasetInput {
  doc: Pick<ProjectsExport, 'site' | 'asOf' | 'counts'>;
  /** Absolute URL of a site path. */
  url: (path: string) => string;
  /** The repository the catalog is kept in (its creators' home). */
  repository: string;
}

export function datasetJsonLd({ doc, url, repository }: DatasetInput): WithContext<Dataset> {
  const distribution: DataDownload[] = Object.values(DATA_FILES).map((f) => ({
    '@type': 'DataDownload',
    name: fileName(f.path),
    description: f.description,
    encodingFormat: f.mediaType,
    contentUrl: url(f.path),
  }));
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: 'CNCF Rust Catalog',
    description: `Every CNCF project built with Rust, with sourced figures: ${doc.counts.projects} projects, ${doc.counts.rustProjects} with Rust, and ${doc.counts.repositories} measured repositories counted at recorded commits.`,
    url: url(routes.data()),
    license: DATA_LICENSE.url,
    isAccessibleForFree: true,
    ...(doc.asOf.entriesUpdated ? { dateModified: doc.asOf.entriesUpdated } : {}),
    creator: { '@type': 'Organization', name: 'CNCF Rust Catalog contributors', url: repository },
    distribution,
  };
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` as \u escapes,
 * so no `</script>` or `<!--` in the data can end the element or start a comment, and the line
 * and paragraph separators JavaScript once refused in strings escaped too. The value is unchanged.
 */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
