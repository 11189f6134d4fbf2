/**
 * content/left-out.yaml names real CNCF projects, none of which has an entry, with the
 * maturity landscape.yml gives; measured figures are the counter's (a shipped part never
 * exceeds what was counted), and a project admitted by the rule must say why it has no entry.
 */
import { readFileSync } from 'node:fs';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { describe, expect, it } from 'vitest';
import { MIN_CODE_LINES } from '../../src/data/rules/rust-class.ts';
import { indexByName, landscapeProjects } from '../../scripts/lib/landscape.ts';
import { leftOutSchema } from '../../src/schemas/left-out.ts';
import { readCatalog, yamlList } from '../helpers/content.ts';

const leftOut = yamlList('content/left-out.yaml').map((x) => leftOutSchema.parse(x));
const landscape = indexByName(landscapeProjects(loadYaml(readFileSync('data/landscape.yml', 'utf8'))));
const { entries } = readCatalog();

describe('content/left-out.yaml', () => {
  it('lists at least one project', () => {
    expect(leftOut.length).toBeGreaterThan(0);
  });

  it('names projects of landscape.yml with their maturity there', () => {
    const wrong = leftOut.flatMap((l) => {
      const item = landscape.get(l.landscapeName);
      if (!item) return [`${l.id}: "${l.landscapeName}" is not a CNCF project of landscape.yml`];
      return item.maturity === l.maturity ? [] : [`${l.id}: maturity ${l.maturity}, landscape.yml says ${item.maturity}`];
    });
    expect(wrong).toEqual([]);
  });

  it('names no project that has an entry', () => {
    const withEntry = new Set(entries.map((e) => e.data.landscapeName));
    expect(leftOut.filter((l) => withEntry.has(l.landscapeName)).map((l) => l.id)).toEqual([]);
  });

  it('gives a reason naming the threshold, a lack of measurement or a missing entry for each', () => {
    const unexplained = leftOut.filter((l) => {
      const shipped = l.repos.reduce((sum, r) => sum + (r.shippedCodeLines ?? r.codeLines ?? 0), 0);
      const measured = l.repos.some((r) => r.codeLines !== undefined);
      // Under the rule's threshold, or not measured: the reason stands on the figures. Otherwise it must say why there is no entry.
      return measured && shipped >= MIN_CODE_LINES && !/entry/i.test(l.reason);
    });
    expect(unexplained.map((l) => l.id)).toEqual([]);
  });
});
