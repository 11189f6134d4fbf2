/**
 * `/data/datapackage.json`: the CSV files as a Frictionless Tabular Data Package (Data Package
 * v1, https://specs.frictionlessdata.io/tabular-data-package/). Field names and descriptions are
 * the CSV column definitions the files are written from; each column's type is declared here
 * against those definitions, so a column added to a CSV without a type fails the type check.
 */
import { EXPORT_VERSION, PROJECT_CSV_FIELDS, REPOSITORY_CSV_FIELDS } from './exports.ts';
import { CRATES_CSV_FIELDS } from './crates-export.ts';
import { ADVISORIES_CSV_FIELDS } from './safety-export.ts';
import { DATA_FILES, DATA_LICENSE, fileName, type DataFile } from './downloads.ts';
import { MATURITY_LEVELS, RUST_USAGES } from '../../schemas/taxonomy.ts';
import { ADVISORY_KINDS } from '../../schemas/advisories.ts';

/** The Table Schema types the files use. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

/** A column's type, with a format (`uri`, or `any` for timestamps with a UTC offset) and constraints. */
type ColumnSpec = { type: FieldType; format?: 'uri' | 'any'; enum?: readonly string[]; required?: true };
type Column = FieldType | ColumnSpec;

export interface TableField {
  name: string;
  type: FieldType;
  description: string;
  format?: 'uri' | 'any';
  constraints?: { required?: true; enum?: string[] };
}

export interface TableSchema {
  fields: TableField[];
  primaryKey: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  missingValues: string[];
}

export interface TableResource {
  name: string;
  path: string;
  profile: 'tabular-data-resource';
  title: string;
  description: string;
  format: 'csv';
  mediatype: 'text/csv';
  encoding: 'utf-8';
  dialect: { delimiter: ','; lineTerminator: '\r\n'; quoteChar: '"'; doubleQuote: true; header: true };
  schema: TableSchema;
}

const uri = { type: 'string', format: 'uri' } as const;
/** Commit dates keep the committer's UTC offset, which the default datetime format does not allow. */
const timestamp = { type: 'datetime', format: 'any' } as const;
const key = { type: 'string', required: true } as const;

const PROJECT_COLUMNS: Record<keyof typeof PROJECT_CSV_FIELDS, Column> = {
  slug: key,
  name: key,
  maturity: { type: 'string', enum: MATURITY_LEVELS, required: true },
  rust_usage: { type: 'string', enum: RUST_USAGES, required: true },
  counts_as_rust: 'boolean',
  accepted: 'date',
  incubating: 'date',
  graduated: 'date',
  archived: 'date',
  categories: 'string',
  landscape_category: 'string',
  landscape_subcategory: 'string',
  homepage: uri,
  repository: uri,
  rust_repositories: 'integer',
  rust_files: 'integer',
  rust_bytes: 'integer',
  rust_lines: 'integer',
  rust_code_lines: 'integer',
  updated: 'date',
  page_url: uri,
  rust_share: 'number',
};

const REPOSITORY_COLUMNS: Record<keyof typeof REPOSITORY_CSV_FIELDS, Column> = {
  project_slug: key,
  project_name: 'string',
  repository: key,
  role: 'string',
  commit: 'string',
  commit_date: timestamp,
  files: 'integer',
  bytes: 'integer',
  lines: 'integer',
  code_lines: 'integer',
  bytes_raw: 'integer',
  rust_share: 'number',
  notes: 'string',
  holds_rust: 'boolean',
  last_commit_date: timestamp,
};

const CRATE_COLUMNS: Record<keyof typeof CRATES_CSV_FIELDS, Column> = {
  crate: key,
  project_slug: key,
  project_name: 'string',
  direct: 'boolean',
  kinds: 'string',
  requirements: 'string',
  locked_versions: 'string',
  projects_in_all: 'integer',
  projects_direct: 'integer',
  crate_page_url: uri,
};

const ADVISORY_COLUMNS: Record<keyof typeof ADVISORIES_CSV_FIELDS, Column> = {
  project: key,
  project_name: 'string',
  repository: key,
  commit: 'string',
  commit_date: timestamp,
  advisory_id: key,
  kind: { type: 'string', enum: ADVISORY_KINDS },
  crate: 'string',
  locked_version: key,
  patched: 'string',
  unaffected: 'string',
  advisory_date: 'date',
  dated_before_commit: 'boolean',
  title: 'string',
  advisory_url: uri,
};

/** Table Schema fields from a CSV's column definitions (name → description) and their types, in the CSV's order. */
export function tableFields<K extends string>(descriptions: Record<K, string>, columns: Record<K, Column>): TableField[] {
  return (Object.keys(descriptions) as K[]).map((name) => {
    const column: Column = columns[name];
    const spec: ColumnSpec = typeof column === 'string' ? { type: column } : column;
    const constraints = {
      ...(spec.required ? { required: true as const } : {}),
      ...(spec.enum ? { enum: [...spec.enum] } : {}),
    };
    return {
      name,
      type: spec.type,
      description: descriptions[name],
      ...(spec.format ? { format: spec.format } : {}),
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
    };
  });
}

const projectRef = (field: string) => ({ fields: [field], reference: { resource: 'projects', fields: ['slug'] } });

/** The CSV resources: which file, its columns, and the columns that make a row unique. */
export function tableResources(): TableResource[] {
  const table = (
    name: string,
    file: DataFile,
    title: string,
    fields: TableField[],
    primaryKey: string[],
    foreignKeys?: TableSchema['foreignKeys'],
  ): TableResource => ({
    name,
    path: fileName(file.path),
    profile: 'tabular-data-resource',
    title,
    description: file.description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
    schema: { fields, primaryKey, ...(foreignKeys ? { foreignKeys } : {}), missingValues: [''] },
  });
  return [
    table('projects', DATA_FILES.projects, 'Projects', tableFields(PROJECT_CSV_FIELDS, PROJECT_COLUMNS), ['slug']),
    table('repositories', DATA_FILES.repositories, 'Measured repositories', tableFields(REPOSITORY_CSV_FIELDS, REPOSITORY_COLUMNS), ['project_slug', 'repository'], [projectRef('project_slug')]),
    table('crates', DATA_FILES.crates, 'Crates used by each project', tableFields(CRATES_CSV_FIELDS, CRATE_COLUMNS), ['crate', 'project_slug'], [projectRef('project_slug')]),
    table(
      'advisories',
      DATA_FILES.advisories,
      'RustSec advisories resolved by lock files',
      tableFields(ADVISORIES_CSV_FIELDS, ADVISORY_COLUMNS),
      ['project', 'repository', 'advisory_id', 'locked_version'],
      [projectRef('project')],
    ),
  ];
}

export interface DataPackage {
  profile: 'tabular-data-package';
  name: string;
  title: string;
  description: string;
  homepage: string;
  version: string;
  created: string;
  licenses: { name: string; path: string; title: string }[];
  resources: TableResource[];
}

export function dataPackage(input: { homepage: string; created: string }): DataPackage {
  return {
    profile: 'tabular-data-package',
    name: 'cncf-rust-catalog',
    title: 'CNCF Rust Catalog',
    description: 'Every CNCF project built with Rust: projects, measured repositories, the crates they use and the RustSec advisories their lock files resolve.',
    homepage: input.homepage,
    // The export format's version (EXPORT_VERSION), as a version string.
    version: `${EXPORT_VERSION}.0.0`,
    created: input.created,
    licenses: [{ name: DATA_LICENSE.spdx, path: DATA_LICENSE.url, title: 'Apache License 2.0' }],
    resources: tableResources(),
  };
}
