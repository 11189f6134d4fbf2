/** The browser tests' static server behaves like GitHub Pages under a base path. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server.ts';

let dir: string;
let server: StaticServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'static-server-'));
  mkdirSync(join(dir, 'projects'));
  writeFileSync(join(dir, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(dir, 'projects', 'index.html'), '<h1>projects</h1>');
  writeFileSync(join(dir, '404.html'), '<h1>missing</h1>');
  writeFileSync(join(dir, 'app.js'), 'export {}');
  writeFileSync(join(tmpdir(), 'static-server-secret.txt'), 'secret');
  server = await startStaticServer({ dir, base: '/base/' });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'static-server-secret.txt'), { force: true });
});

const get = (path: string) => fetch(server.origin + path, { redirect: 'manual' });

describe('static server', () => {
  it('listens on 127.0.0.1 and serves files and directory indexes under the base', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url('/projects/')).toBe(`${server.origin}/base/projects/`);
    const home = await get('/base/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    expect(await home.text()).toBe('<h1>home</h1>');
    expect(await (await get('/base/projects/')).text()).toBe('<h1>projects</h1>');
    expect((await get('/base/app.js')).headers.get('content-type')).toContain('text/javascript');
  });

  it('redirects a directory without its slash, and the bare base', async () => {
    const dirRedirect = await get('/base/projects');
    expect(dirRedirect.status).toBe(301);
    expect(dirRedirect.headers.get('location')).toBe('/base/projects/');
    expect((await get('/base')).headers.get('location')).toBe('/base/');
  });

  it('answers 404 with 404.html outside the base, for missing files and for paths that climb out', async () => {
    for (const path of ['/', '/projects/', '/base/nope/', '/base/..%2Fstatic-server-secret.txt', '/base/%E0%A4%A']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toBe('<h1>missing</h1>');
    }
  });
});
