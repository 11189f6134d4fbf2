/**
 * A Frictionless Table Schema (v1) check of CSV text, for the types and keys the catalog's
 * datapackage.json uses: the header equals the fields in order, every cell parses as its
 * field's type (the empty string is the missing value), required cells are present, enums
 * hold, and the primary key is unique. No kept Frictionless validator exists on npm (the
 * JavaScript libraries were archived), so the rules of the specification are written here.
 */
import type { TableField, TableSchema } from '../../src/data/exports/datapackage.ts';
import { parseCsv } from './csv.ts';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** ISO 8601 date and time with seconds and a zone (Z or ±hh:mm): what `format: any` must read here. */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Why a cell does not parse as its field, or undefined when it does. */
export function cellProblem(field: TableField, cell: string, missing: readonly string[]): string | undefined {
  if (missing.includes(cell)) return field.constraints?.required ? 'required but missing' : undefined;
  if (field.constraints?.enum && !field.constraints.enum.includes(cell))
    return `not one of ${field.constraints.enum.join(', ')}`;
  switch (field.type) {
    case 'integer':
      return /^-?\d+$/.test(cell) ? undefined : 'not an integer';
    case 'number':
      return /^-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?$/.test(cell) ? undefined : 'not a number';
    case 'boolean':
      return ['true', 'false', 'True', 'False', 'TRUE', 'FALSE', '1', '0'].includes(cell) ? undefined : 'not a boolean';
    case 'date':
      return DATE.test(cell) && !Number.isNaN(Date.parse(cell)) ? undefined : 'not a date (YYYY-MM-DD)';
    case 'datetime':
      return DATETIME.test(cell) && !Number.isNaN(Date.parse(cell)) ? undefined : 'not a date and time';
    case 'string':
      if (field.format === 'uri') {
        try {
          new URL(cell);
          return undefined;
        } catch {
          return 'not a URI';
        }
      }
      return undefined;
  }
}

/** Every problem of a CSV file against its Table Schema, as "row N, column: problem". */
export function tableProblems(schema: TableSchema, csv: string): { problems: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(csv);
  const names = schema.fields.map((f) => f.name);
  const problems: string[] = [];
  if (JSON.stringify(header) !== JSON.stringify(names))
    problems.push(`header ${header.join(',')} is not the fields ${names.join(',')}`);
  const keyIndexes = schema.primaryKey.map((k) => names.indexOf(k));
  if (keyIndexes.includes(-1)) problems.push(`primary key ${schema.primaryKey.join(',')} names a missing field`);
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = i + 2;
    if (row.length !== names.length) problems.push(`row ${line}: ${row.length} cells, ${names.length} fields`);
    schema.fields.forEach((f, c) => {
      const problem = cellProblem(f, row[c] ?? '', schema.missingValues);
      if (problem) problems.push(`row ${line}, ${f.name} "${row[c]}": ${problem}`);
    });
    const key = JSON.stringify(keyIndexes.map((k) => row[k]));
    if (keyIndexes.some((k) => schema.missingValues.includes(row[k] ?? '')))
      problems.push(`row ${line}: primary key ${key} has a missing value`);
    if (seen.has(key)) problems.push(`row ${line}: primary key ${key} repeats row ${seen.get(key)}`);
    seen.set(key, line);
  });
  return { problems, rows };
}
