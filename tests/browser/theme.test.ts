/** Light and dark themes: the system decides by default; the toggle's choice persists without a flash. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { resetTheme, useBrowserSession } from '../helpers/browser.ts';
import { BASE } from '../helpers/dist.ts';

const session = useBrowserSession();

/** Records the theme attribute at the moment <body> first exists, before anything can paint. */
async function watchFirstPaint(page: Page) {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      (window as unknown as { themeAtBody: string | null }).themeAtBody =
        document.documentElement.getAttribute('data-theme');
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}
const themeAtBody = (page: Page) =>
  page.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody);
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const toggle = (page: Page) => page.getByRole('button', { name: 'Dark theme' });

describe('theme', () => {
  it('follows the system preference until the reader chooses', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/'));
    await resetTheme(page, 'dark');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBeNull();
    expect(await toggle(page).getAttribute('aria-pressed')).toBe('true');
    expect(await background(page)).toBe('rgb(13, 17, 23)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background(page)).toBe('rgb(255, 255, 255)');
    await expect.poll(() => toggle(page).getAttribute('aria-pressed')).toBe('false');
    await page.close();
  });

  it('remembers the toggle across pages and reloads, applied before the page paints', async () => {
    const page = await session().newPage();
    await watchFirstPaint(page);
    await page.goto(session().server.url('/'));
    await resetTheme(page, 'light');
    await page.reload();
    expect(await toggle(page).getAttribute('aria-pressed')).toBe('false');

    await toggle(page).click();
    expect(await toggle(page).getAttribute('aria-pressed')).toBe('true');
    expect(await background(page)).toBe('rgb(13, 17, 23)');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await page.waitForURL(session().server.url('/projects/'));
    expect(await themeAtBody(page)).toBe('dark');
    expect(await toggle(page).getAttribute('aria-pressed')).toBe('true');
    expect(await background(page)).toBe('rgb(13, 17, 23)');

    // Back to light from the keyboard; a new tab of another page opens light.
    await toggle(page).focus();
    await page.keyboard.press('Enter');
    const other = await session().newPage();
    await watchFirstPaint(other);
    await other.goto(session().server.url('/sources/'));
    expect(await themeAtBody(other)).toBe('light');
    expect(await background(other)).toBe('rgb(255, 255, 255)');
    await other.close();
    await page.close();
  });

  it('loads the theme with a blocking external script in <head>, not inline', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/'));
    const scripts = await page.$$eval('script', (list) =>
      list.map((s) => ({
        src: s.getAttribute('src'),
        inline: (s.textContent ?? '').trim().length > 0,
        head: s.parentElement === document.head,
        type: s.type,
        async: s.async,
        defer: s.defer,
      })),
    );
    expect(
      scripts.filter((s) => s.inline),
      'inline scripts',
    ).toEqual([]);
    expect(scripts).toContainEqual({
      src: `${BASE}theme.js`,
      inline: false,
      head: true,
      type: '',
      async: false,
      defer: false,
    });
    await page.close();
  });
});
