/**
 * A small static file server for the browser tests: serves dist/ under the site's base path
 * on 127.0.0.1 at a free port, like GitHub Pages does (directory URLs get index.html, a
 * directory without its trailing slash is redirected, anything else missing gets 404.html
 * with status 404). Nothing outside `root` can be read.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The origin plus the base path, ending in a slash. */
  root: string;
  /** A site path such as `/projects/` as a full URL under the base. */
  url(path?: string): string;
  close(): Promise<void>;
}

async function fileAt(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : undefined;
  } catch {
    return undefined;
  }
}

export async function startStaticServer(options: { dir?: string; base?: string } = {}): Promise<StaticServer> {
  const dir = resolve(options.dir ?? 'dist');
  const base = options.base ?? '/cncf-rust-catalog/';
  if ((await fileAt(dir)) !== 'dir')
    throw new Error(`${dir} does not exist: run \`npm run build:test\` before the browser tests.`);

  const send = async (res: ServerResponse, path: string, status: number, head: boolean) => {
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      // Gone between stat and read (a rebuild of dist/ in progress): answer rather than hang.
      res.writeHead(503, { 'content-type': 'text/plain' }).end(`could not read ${path}`);
      return;
    }
    res.writeHead(status, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(head ? undefined : body);
  };

  const server: Server = createServer(async (req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const notFound = () => send(res, join(dir, '404.html'), 404, head);
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === base.slice(0, -1)) {
      res.writeHead(301, { location: base }).end();
      return;
    }
    if (!pathname.startsWith(base)) return notFound();
    let rest: string;
    try {
      rest = decodeURIComponent(pathname.slice(base.length));
    } catch {
      return notFound();
    }
    const target = resolve(dir, rest);
    if (target !== dir && !target.startsWith(dir + sep)) return notFound();
    const kind = await fileAt(target);
    if (kind === 'file') return send(res, target, 200, head);
    if (kind === 'dir') {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: `${pathname}/` }).end();
        return;
      }
      const index = join(target, 'index.html');
      if ((await fileAt(index)) === 'file') return send(res, index, 200, head);
    }
    notFound();
  });

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ready);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    root: origin + base,
    url: (path = '/') => origin + base + path.replace(/^\/+/, ''),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
