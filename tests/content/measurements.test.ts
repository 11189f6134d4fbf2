/**
 * Every entry's measurement is either a row of the first measurements data set
 * (data/rust-code/, kept with its method and source), notes included, or a newer one written by the git counter (which records programmingBytes);
 * every row of the data set is carried into an entry, or into the repository that replaced it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { parseCsv } from '../helpers/csv.ts';
import { readCatalog } from '../helpers/content.ts';

const CSV = 'data/rust-code/measurements.csv';
/**
 * Rows of the data set whose repository was merged into another and frozen, so the entry
 * measures the repository that replaced it (Kubewarden's monorepo since January 2026).
 */
const SUPERSEDED: Record<string, string> = {
  'kubewarden/policy-server': 'kubewarden/kubewarden-controller',
  'kubewarden/kwctl': 'kubewarden/kubewarden-controller',
  'kubewarden/policy-evaluator': 'kubewarden/kubewarden-controller',
};

describe('measurements', () => {
  it('equal the rows of measurements.csv, notes included, unless the git counter measured a newer commit', () => {
    expect(existsSync(CSV), `${CSV} is where the first measurements come from`).toBe(true);
    const [header, ...rows] = parseCsv(readFileSync(CSV, 'utf8')).filter((r) => r.length > 1);
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    const fromCsv = new Map(
      rows.map((r) => [
        col(r, 'repo').toLowerCase(),
        {
          commit: col(r, 'commit'),
          commitDate: col(r, 'commit_date'),
          files: Number(col(r, 'rs_files')),
          bytes: Number(col(r, 'rs_bytes')),
          lines: Number(col(r, 'rs_lines')),
          codeLines: Number(col(r, 'rs_code_lines')),
          bytesRaw: Number(col(r, 'rs_bytes_raw')),
          rustShare: Number(col(r, 'rust_share_percent')),
          ...(col(r, 'notes') ? { notes: col(r, 'notes') } : {}),
        },
      ]),
    );
    const { entries } = readCatalog();
    const repos = entries.flatMap((e) => e.data.rustRepos.map((r) => ({ file: e.file, repo: r.repo, measurement: r.measurement })));
    for (const { file, repo, measurement } of repos) {
      const row = fromCsv.get(repo.toLowerCase());
      if (measurement.programmingBytes === undefined) {
        expect(measurement, `${file}: ${repo}`).toEqual(row);
      } else if (row) {
        const newer = Date.parse(measurement.commitDate) >= Date.parse(row.commitDate);
        expect(newer, `${file}: ${repo} re-measured at ${measurement.commitDate}, older than ${row.commitDate}`).toBe(true);
      }
    }
    const inEntries = new Set(repos.map((r) => r.repo.toLowerCase()));
    expect([...fromCsv.keys()].filter((repo) => !inEntries.has(repo) && !inEntries.has(SUPERSEDED[repo] ?? ''))).toEqual([]);
    // A superseded repository is not measured next to the one that replaced it (its code would count twice).
    expect(Object.keys(SUPERSEDED).filter((repo) => inEntries.has(repo))).toEqual([]);
  });
});
