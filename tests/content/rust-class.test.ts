/**
 * The usage class of every entry that states the kind of each of its repositories is the
 * class the inclusion rule (src/data/rust-class.ts) computes from its measurements, so a
 * class cannot silently go stale when a repository is re-measured or its kind changes.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/data/rust-class.ts';
import { readCatalog } from '../helpers/content.ts';

const { entries } = readCatalog();
const classified = entries.filter((e) => e.data.rustRepos.length > 0 && e.data.rustRepos.every((r) => r.kind !== undefined));

describe('usage class', () => {
  it('is stated with repository kinds by at least one entry', () => {
    expect(classified.map((e) => e.file)).not.toEqual([]);
  });

  it('equals the class the rule gives from the measurements and kinds, and the entry is admitted', () => {
    const wrong = classified.flatMap((e) => {
      const result = classify(
        e.data.rustRepos.map((r) => ({
          kind: r.kind,
          codeLines: r.measurement.codeLines,
          rustBytes: r.measurement.bytes,
          programmingBytes: r.measurement.programmingBytes ?? r.measurement.bytes,
        })),
      );
      if (!result.admitted) return [`${e.file}: ${result.shippedCodeLines} shipped Rust code lines, under the threshold`];
      return result.usage === e.data.rustUsage ? [] : [`${e.file}: rustUsage ${e.data.rustUsage}, the rule gives ${result.usage} (share ${result.share} %)`];
    });
    expect(wrong).toEqual([]);
  });
});
