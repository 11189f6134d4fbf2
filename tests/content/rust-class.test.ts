/**
 * The usage class of every entry that states the kind of each of its repositories is the
 * class the inclusion rule (src/data/rules/rust-class.ts) computes from its measurements, so a
 * class cannot silently go stale when a repository is re-measured or its kind changes. The
 * share is the project's over all its measured code, `otherRepos` included.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/data/rules/rust-class.ts';
import { readCatalog } from '../helpers/content.ts';

const { entries } = readCatalog();
const classified = entries.filter((e) => e.data.rustRepos.length > 0 && e.data.rustRepos.every((r) => r.kind !== undefined));

describe('usage class', () => {
  it('is stated with repository kinds by every entry', () => {
    expect(entries.filter((e) => !classified.includes(e)).map((e) => e.file)).toEqual([]);
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
        // The project's code without Rust enters the share "pure" is judged on.
        (e.data.otherRepos ?? []).map((r) => ({ programmingBytes: r.measurement.programmingBytes ?? 0 })),
      );
      // An entry that found no Rust must stay under the rule; every other entry must be admitted.
      if (e.data.rustUsage === 'none-found')
        return result.admitted ? [`${e.file}: none-found, but ${result.shippedCodeLines} shipped Rust code lines are admitted by the rule`] : [];
      if (!result.admitted) return [`${e.file}: ${result.shippedCodeLines} shipped Rust code lines, under the threshold`];
      return result.usage === e.data.rustUsage ? [] : [`${e.file}: rustUsage ${e.data.rustUsage}, the rule gives ${result.usage} (share ${result.share} %)`];
    });
    expect(wrong).toEqual([]);
  });
});
