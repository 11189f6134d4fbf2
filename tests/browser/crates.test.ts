/**
 * The crate pages in a real browser: links from /crates/ and from a project page's Crates
 * section lead to the crate pages under the base. (axe and the 320 px layout check the crate
 * templates with the other templates, in a11y.test.ts and layout.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser.ts';
import { BASE } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import { cratesWithPages, mainDependencies, projectCrates, sharedCrates } from '../../src/data/views/crates.ts';
import { cratesFileSchema } from '../../src/schemas/crates.ts';

const { entries } = readCatalog();
const records = cratesFileSchema.parse(JSON.parse(readFileSync('data/crates.json', 'utf8')));
const perProject = entries.map((e) =>
  projectCrates({ slug: e.slug, name: e.data.name, rustRepos: e.data.rustRepos }, records),
);
const withPages = cratesWithPages(sharedCrates(perProject));
const top = withPages[0];
/** The project whose main dependencies link to the most crate pages. */
const linked = (pc: (typeof perProject)[number]) =>
  mainDependencies(pc, 12).filter((d) => withPages.some((s) => s.name === d.name)).length;
const project = [...perProject].sort((a, b) => linked(b) - linked(a))[0].project;

const session = useBrowserSession();

describe('crate pages in the browser', () => {
  it('lead from /crates/ to a crate page, and from a project page to one, under the base', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/crates/'));
    await page.locator('#most-shared').locator('..').getByRole('link', { name: top.name, exact: true }).first().click();
    await page.waitForURL(`**${BASE}crates/${top.name}/`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Crate ${top.name} in CNCF projects`);
    expect(await page.locator('tbody tr').count()).toBe(top.uses.length);

    await page.goto(session().server.url(`/projects/${project.slug}/`));
    const list = page.getByRole('list', { name: 'Main direct dependencies' });
    const first = list.getByRole('link').first();
    const name = await first.innerText();
    await first.click();
    await page.waitForURL(`**${BASE}crates/${name}/`);
    expect(await page.getByRole('cell', { name: 'direct', exact: false }).count()).toBeGreaterThan(0);
    await page.close();
  });
});
