/**
 * The built pages of cited entries and of entries with code without Rust: every `[^id]`
 * marker became a numbered link to its evidence, the References list shows each citation in
 * order, and the project's Rust share, the repository table and the exports count the
 * project's other code. Expectations are computed from the entries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, DIST, assertBuilt, readPage } from '../helpers/dist.ts';
import { readCatalog, someCodeUnmeasured } from '../helpers/content.ts';
import { parsePermalink } from '../../src/data/rules/citations.ts';
import { formatPercent } from '../../src/data/views/format.ts';
import type { ProjectsExport } from '../../src/data/exports/exports.ts';
import { parseCsv } from '../helpers/csv.ts';

const { entries } = readCatalog();
beforeAll(assertBuilt);

const cited = entries.filter((e) => (e.data.citations ?? []).length > 0);
const withOtherCode = entries.filter((e) => (e.data.otherRepos ?? []).length > 0);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const unescape = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Some of the project's code is known but not measured: no share is given for it. */

/** The share as the page computes it, recomputed here from the entry's own figures. */
function expectedShare(e: (typeof entries)[number]): number {
  const rust = e.data.rustRepos.reduce((n, r) => n + r.measurement.bytes, 0);
  const all = [...e.data.rustRepos, ...(e.data.otherRepos ?? [])].reduce(
    (n, r) => n + (r.measurement.programmingBytes ?? (r.measurement.bytes * 100) / r.measurement.rustShare),
    0,
  );
  return (rust / all) * 100;
}

describe('cited entries', () => {
  it('exist: the exemplars are converted', () => {
    expect(cited.map((e) => e.slug)).toEqual(expect.arrayContaining(['linkerd', 'prometheus']));
  });

  it.each(cited.map((e) => [e.slug, e] as const))(
    '%s: every marker is a numbered link to its evidence, named for screen readers',
    (slug, e) => {
      const html = readPage(`projects/${slug}/index.html`);
      const citations = e.data.citations!;
      const marks = [
        ...html.matchAll(/<sup class="cite"[^>]*>\[<a href="([^"]*)" aria-label="([^"]*)">(\d+)<\/a>\]<\/sup>/g),
      ];
      // Every marker of the body and the rationale, and nothing left unrendered.
      const written = [...`${e.body}\n${e.data.rationale ?? ''}`.matchAll(/\[\^([^\]\s[]+)\]/g)];
      expect(marks.length).toBe(written.length);
      expect(text(html)).not.toContain('[^');
      for (const [, href, label, n] of marks) {
        const c = citations[Number(n) - 1];
        expect(label.startsWith(`Reference ${n}: `), label).toBe(true);
        if (c.url) {
          const p = parsePermalink(c.url);
          expect(p.ok && unescape(label)).toBe(
            p.ok &&
              `Reference ${n}: ${p.value.repo} ${p.value.path} ${p.value.start === p.value.end ? `line ${p.value.start}` : `lines ${p.value.start}–${p.value.end}`} at commit ${p.value.commit.slice(0, 7)}`,
          );
          expect(unescape(href)).toBe(c.url);
        } else expect(href).toBe(`${BASE}sources/#${c.source}`);
      }
    },
  );

  it.each(cited.map((e) => [e.slug, e] as const))('%s: the References list shows each citation in order', (slug, e) => {
    const html = readPage(`projects/${slug}/index.html`);
    const section = html.slice(
      html.indexOf('<h2 id="references">'),
      html.indexOf('</ol>', html.indexOf('<h2 id="references">')),
    );
    const items = [...section.matchAll(/<li id="ref-([^"]+)" value="(\d+)">(.*?)<\/li>/g)];
    const citations = e.data.citations!;
    expect(items.map((m) => [m[1], Number(m[2])])).toEqual(citations.map((c, i) => [c.id, i + 1]));
    items.forEach((m, i) => {
      const c = citations[i];
      if (c.quote) expect(unescape(m[3])).toContain(`<q>${c.quote}</q>`);
      if (c.url) {
        const p = parsePermalink(c.url);
        if (!p.ok) throw new Error(p.reason);
        expect(m[3].startsWith(`${p.value.repo}, `), m[3]).toBe(true);
        expect(m[3]).toContain(`<code>${p.value.path}</code>`);
        expect(unescape(m[3])).toContain(`<a href="${c.url}"><code>${p.value.commit.slice(0, 7)}</code></a>`);
      }
    });
  });
});

describe("the share of the project's code", () => {
  it('is measured for the exemplars', () => {
    expect(withOtherCode.map((e) => e.slug)).toContain('prometheus');
    expect(withOtherCode.filter(someCodeUnmeasured).length).toBeGreaterThan(0);
  });

  it.each(withOtherCode.map((e) => [e.slug, e] as const))(
    '%s: the stat strip and the table give the share over all the code, and list each other repository with its own share',
    (slug, e) => {
      const html = readPage(`projects/${slug}/index.html`);
      const share = someCodeUnmeasured(e) ? 'not given' : formatPercent(expectedShare(e));
      const strip = html.slice(
        html.indexOf('class="stat-strip"'),
        html.indexOf('</dl>', html.indexOf('class="stat-strip"')),
      );
      expect(text(strip)).toContain(`Rust share ${share}`);
      const table = html.slice(
        html.indexOf('<h2 id="rust">'),
        html.indexOf('</table>', html.indexOf('<h2 id="rust">')),
      );
      for (const r of e.data.otherRepos!) {
        const row = /<tr class="other-code">(.*?)<\/tr>/gs.exec(table.slice(table.indexOf(`>${r.repo}</a>`) - 200));
        expect(row, r.repo).not.toBeNull();
        expect(text(row![1])).toContain(`${r.repo} ${unescape(r.role)} (no Rust)`);
        expect(text(row![1])).toContain(formatPercent(r.measurement.rustShare));
      }
      expect(text(table.slice(table.indexOf('<tfoot>')))).toContain(share);
      const note = html.slice(
        html.indexOf('id="share-coverage"'),
        html.indexOf('</p>', html.indexOf('id="share-coverage"')),
      );
      for (const r of [...e.data.rustRepos, ...e.data.otherRepos!, ...(e.data.unmeasuredRepos ?? [])])
        expect(note).toContain(r.repo);
    },
  );

  it('is in the exports: projects.json and projects.csv carry the share, repositories.csv the other repositories', () => {
    const doc = JSON.parse(readFileSync(join(DIST, 'data/projects.json'), 'utf8')) as ProjectsExport;
    const csv = parseCsv(readFileSync(join(DIST, 'data/projects.csv'), 'utf8'));
    const repos = parseCsv(readFileSync(join(DIST, 'data/repositories.csv'), 'utf8'));
    const col = (rows: string[][], name: string) => rows[0].indexOf(name);
    for (const e of withOtherCode) {
      const share = someCodeUnmeasured(e) ? null : Math.round(expectedShare(e) * 10) / 10;
      const p = doc.projects.find((x) => x.slug === e.slug)!;
      expect(p.rustShare, e.slug).toBe(share);
      expect(p.otherRepos?.map((r) => r.repo)).toEqual(e.data.otherRepos!.map((r) => r.repo));
      expect(csv.find((r) => r[0] === e.slug)![col(csv, 'rust_share')], e.slug).toBe(
        share === null ? '' : String(share),
      );
      for (const r of e.data.otherRepos!) {
        const row = repos.find(
          (x) => x[col(repos, 'project_slug')] === e.slug && x[col(repos, 'repository')] === r.repo,
        );
        expect(row?.[col(repos, 'holds_rust')], r.repo).toBe('false');
        expect(row?.[col(repos, 'bytes')]).toBe('0');
      }
    }
  });
});
