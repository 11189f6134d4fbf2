/** A reader's path by clicking: home → a maturity page → a project page with its figures. */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog } from '../helpers/content.ts';

const { entries } = readCatalog();
const session = useBrowserSession();

describe('navigation', () => {
  it('goes from home to a maturity page to a project page that shows its figures', async () => {
    const graduated = entries
      .filter((e) => e.data.maturity === 'graduated')
      .sort((a, b) => a.data.name.localeCompare(b.data.name, 'en'));
    expect(graduated.length, 'the content has graduated projects').toBeGreaterThan(0);
    const target = graduated[0];

    const page = await session().newPage();
    await page.goto(session().server.url('/'));
    // The first "Graduated" badge of the home page's list of projects with the most Rust.
    await page.getByRole('main').getByRole('link', { name: 'Graduated', exact: true }).first().click();
    await page.waitForURL(session().server.url('/maturity/graduated/'));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Graduated');

    await page.getByRole('table').getByRole('link', { name: target.data.name, exact: true }).click();
    await page.waitForURL(session().server.url(`/projects/${target.slug}/`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(target.data.name);

    const text = (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(target.data.summary.replace(/\s+/g, ' ').trim());
    for (const repo of target.data.rustRepos) {
      expect(text, repo.repo).toContain(repo.measurement.lines.toLocaleString('en-US'));
      expect(text, repo.repo).toContain(repo.measurement.commit.slice(0, 7));
    }
    await page.close();
  });
});
