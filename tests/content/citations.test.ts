/**
 * Every sentence of an entry that must be cited carries a `[^id]` marker naming one of its
 * citations, in the body's paragraphs and list items and in the rationale. Which entries must
 * is `CITATIONS_REQUIRED` (src/validation/citations.ts): while writers convert the catalog,
 * those with a `citations` list; set it to 'all' and every entry must. The test's name says
 * how many entries are still to convert.
 */
import { describe, expect, it } from 'vitest';
import { readEntries } from '../../scripts/lib/entries.ts';
import { CITATIONS_REQUIRED, checkCitations, citationsRequired } from '../../src/validation/citations.ts';
import { formatProblem } from '../../src/validation/problem.ts';
import { parseYaml } from '../../src/validation/yaml.ts';

const files = readEntries('content').map(({ file, text, parts }) => {
  if ('missing' in parts) throw new Error(`${file}: no frontmatter`);
  const yaml = parseYaml(parts.yaml, parts.yamlLine);
  if (!yaml.ok) throw new Error(`${file}:${yaml.line}: ${yaml.message}`);
  return { file, text, data: yaml.value as Record<string, unknown>, lineOf: yaml.lineOf };
});
const converted = files.filter((f) => citationsRequired(f.data, 'when-listed'));
const toConvert = files.filter((f) => !converted.includes(f)).map((f) => f.file);

describe('citations', () => {
  it(`cite every sentence of the entries that must be cited (rule "${CITATIONS_REQUIRED}"; ${converted.length} of ${files.length} entries converted, ${toConvert.length} to go)`, () => {
    if (toConvert.length > 0) console.info(`Entries without citations yet (${toConvert.length}):\n  ${toConvert.join('\n  ')}`);
    expect(converted.length).toBeGreaterThan(0);
    const problems = files.flatMap((f) => checkCitations({ ...f, rule: CITATIONS_REQUIRED }).map(formatProblem));
    expect(problems).toEqual([]);
  });

  it('are numbered in the order a reader meets them: body first, then the rationale', () => {
    // The page numbers references in `citations` order; a list in reading order keeps the marks ascending.
    const disordered = converted.flatMap((f) => {
      const ids = (f.data.citations as { id: string }[]).map((c) => c.id);
      const body = f.text.slice(f.text.indexOf('\n---', 4));
      const seen = [...`${body}\n${String(f.data.rationale ?? '')}`.matchAll(/\[\^([^\]\s[]+)\]/g)].map((m) => m[1]);
      const firstUse = [...new Set(seen)].map((id) => ids.indexOf(id));
      return firstUse.every((n, i) => i === 0 || n > firstUse[i - 1]) ? [] : [`${f.file}: ${[...new Set(seen)].join(', ')}`];
    });
    expect(disordered).toEqual([]);
  });
});
