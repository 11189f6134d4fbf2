/**
 * The built pages pass html-validate with its recommended rules (.htmlvalidate.json): every
 * template, every project page and the pages at the extremes of the crate template (crate pages
 * are hundreds of one template filled from data; the longest and the longest-named stand for
 * them). A rule is never switched off in the config; where markup deliberately departs from a
 * rule, an inline `html-validate-disable-next <rule> -- <reason>` comment says why, next to the
 * element (checked on every page).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { DIST, assertBuilt, htmlFiles, readPage } from '../helpers/dist.ts';
import { extremePages, pathOf, templateOf, templatePaths } from '../helpers/templates.ts';

/** Every template's page, every project page and the extreme pages, each once. */
function checkedFiles(): string[] {
  const files = htmlFiles();
  const chosen = new Set([...templatePaths(files), ...extremePages().map((e) => e.path)]);
  return files.filter((f) => /^projects\/[^/]+\/index\.html$/.test(f) || chosen.has(pathOf(f)));
}

beforeAll(assertBuilt);

describe('HTML validity', () => {
  it('extends the recommended preset and turns no rule off', () => {
    const config = JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as {
      extends: string[];
      rules?: Record<string, unknown>;
    };
    expect(config.extends).toContain('html-validate:recommended');
    const off = Object.entries(config.rules ?? {}).filter(
      ([, v]) => v === 'off' || v === 0 || (Array.isArray(v) && (v[0] === 'off' || v[0] === 0)),
    );
    expect(off).toEqual([]);
  });

  it('finds no error on any template, project page or extreme page', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const problems: string[] = [];
    const files = checkedFiles();
    expect(files.length).toBeGreaterThan(40);
    for (const template of new Set(htmlFiles().map(templateOf)))
      expect(
        files.some((f) => templateOf(f) === template),
        template,
      ).toBe(true);
    for (const file of files) {
      const report = await validator.validateFile(join(DIST, file));
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('gives a reason for every rule disabled inline', () => {
    const bare = htmlFiles().flatMap((file) =>
      [
        ...readPage(file).matchAll(
          /<!--\s*\[?html-validate-(?:disable|disable-next|disable-block)\s+([^\]]*?)\]?\s*-->/g,
        ),
      ]
        .filter((m) => !/\s(?:--|:)\s*\S.{9,}/.test(` ${m[1]}`))
        .map((m) => `${file}: ${m[0]}`),
    );
    expect(bare).toEqual([]);
  });
});
