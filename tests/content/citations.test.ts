/**
 * Every sentence of every entry of the catalog carries a `[^id]` marker naming one of its
 * citations, in the body's paragraphs and list items and in the rationale: the published
 * catalog is held to rule 'all'. The validator's default (`CITATIONS_REQUIRED`,
 * src/validation/citations.ts) stays 'when-listed' so that a freshly scaffolded entry still
 * validates and builds while its author writes it; this test is what stops it from landing
 * uncited, with the file, line and sentence of each problem.
 */
import { describe, expect, it } from 'vitest';
import { readEntries } from '../../scripts/lib/entries.ts';
import { checkCitations, citationsRequired } from '../../src/validation/citations.ts';
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
  it(`cite every sentence of every entry (rule "all"; ${converted.length} of ${files.length} entries have citations)`, () => {
    expect(toConvert, 'entries without citations').toEqual([]);
    const problems = files.flatMap((f) => checkCitations({ ...f, rule: 'all' }).map(formatProblem));
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
