/**
 * data/history.json against the entries: valid, one record per entry, each Rust repository's
 * history ending at the commit the entry cites, with the same Rust figures there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../helpers/content.ts';
import { historyFileSchema } from '../../src/schemas/history.ts';
import { missingHistory } from '../../src/data/views/history.ts';

const { entries } = readCatalog();
const parsed = historyFileSchema.safeParse(JSON.parse(readFileSync('data/history.json', 'utf8')));

describe('data/history.json', () => {
  it('is valid', () => {
    expect(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []).toEqual([]);
  });

  const histories = parsed.data ?? [];

  it('has one record per entry and no other', () => {
    expect(histories.map((h) => h.id).sort()).toEqual(entries.map((e) => e.slug).sort());
  });

  it("has every entry's Rust repositories, ending at the commit the entry measures (else run `npm run history`)", () => {
    const projects = entries.map((e) => ({ slug: e.slug, rustRepos: e.data.rustRepos }));
    expect(missingHistory(projects, histories).map((m) => `${m.slug}: ${m.repo}: ${m.reason}`)).toEqual([]);
  });

  // Measurements with `programmingBytes` come from the shared counter the history uses; older
  // ones used the first method (five source kinds, no .gitattributes) and may differ a little.
  it("counts at the measured commit what the entry records (same counter), and the CNCF dates are the entry's", () => {
    const differ: string[] = [];
    for (const h of histories) {
      const entry = entries.find((e) => e.slug === h.id);
      for (const r of h.repos) {
        const m = entry?.data.rustRepos.find((x) => x.repo === r.repo)?.measurement;
        const last = r.years.at(-1)!.point;
        if (m && m.commit === last.commit && m.programmingBytes !== undefined)
          for (const key of ['files', 'bytes', 'lines', 'codeLines', 'rustShare'] as const)
            if (m[key] !== last[key]) differ.push(`${h.id} ${r.repo} ${key}: entry ${m[key]}, history ${last[key]}`);
        const dates = entry?.data.dates as Record<string, string | undefined> | undefined;
        const expected = (['accepted', 'incubating', 'graduated', 'archived'] as const).filter((k) => dates?.[k]).map((k) => [k, dates![k]]);
        if (JSON.stringify(r.events.map((e) => [e.event, e.date])) !== JSON.stringify(expected)) differ.push(`${h.id} ${r.repo}: CNCF dates differ from the entry's`);
      }
    }
    expect(differ).toEqual([]);
  });
});
