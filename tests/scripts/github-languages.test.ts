/** The GitHub API client (languages, owner listings) against a fake server on 127.0.0.1: no network. */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GithubApiError,
  fetchLanguages,
  listOwnerRepos,
  nextLink,
  rateLimitWait,
} from '../../scripts/lib/github-languages.ts';

type Handler = (res: ServerResponse, headers: IncomingHttpHeaders) => void;
let server: Server;
let base: string;
/** Answers queued per path, used in order; the last one repeats. */
const answers = new Map<string, Handler[]>();
const hits = new Map<string, number>();
const NOW = 1_800_000_000_000;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '';
    const n = hits.get(url) ?? 0;
    hits.set(url, n + 1);
    const list = answers.get(url) ?? [json(404, { message: 'Not Found' })];
    list[Math.min(n, list.length - 1)](res, req.headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client(sleeps: number[], extra = {}) {
  return {
    baseUrl: base,
    token: 'test-token',
    sleep: async (ms: number) => void sleeps.push(ms),
    now: () => NOW,
    ...extra,
  };
}

describe('fetchLanguages', () => {
  it('returns the byte counts, sending the token', async () => {
    let auth: string | undefined;
    answers.set('/repos/o/ok/languages', [
      (res, headers) => {
        auth = headers.authorization as string;
        json(200, { Rust: 1234, Go: 10 })(res, headers);
      },
    ]);
    expect(await fetchLanguages('o/ok', client([]))).toEqual({ state: 'ok', languages: { Rust: 1234, Go: 10 } });
    expect(auth).toBe('Bearer test-token');
  });

  it('reports a repository GitHub does not know', async () => {
    expect(await fetchLanguages('o/missing', client([]))).toEqual({ state: 'not-found' });
  });

  it('waits for the rate-limit reset, then asks again', async () => {
    const reset = String(NOW / 1000 + 30);
    answers.set('/repos/o/limited/languages', [
      json(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }),
      json(200, { Rust: 1 }),
    ]);
    const sleeps: number[] = [];
    expect(await fetchLanguages('o/limited', client(sleeps))).toEqual({ state: 'ok', languages: { Rust: 1 } });
    expect(sleeps).toEqual([31_000]);
  });

  it('stops cleanly when the reset is further away than it may wait', async () => {
    const reset = NOW / 1000 + 3600;
    answers.set('/repos/o/spent/languages', [
      json(
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      ),
    ]);
    const sleeps: number[] = [];
    expect(await fetchLanguages('o/spent', client(sleeps))).toEqual({
      state: 'rate-limited',
      resetAt: new Date(reset * 1000).toISOString(),
    });
    expect(sleeps).toEqual([]);
    expect(hits.get('/repos/o/spent/languages')).toBe(1);
  });

  it('retries a 5xx with a growing backoff', async () => {
    answers.set('/repos/o/flaky/languages', [
      json(502, { message: 'Bad Gateway' }),
      json(503, {}),
      json(200, { Rust: 7 }),
    ]);
    const sleeps: number[] = [];
    expect(await fetchLanguages('o/flaky', client(sleeps, { backoffMs: 10 }))).toEqual({
      state: 'ok',
      languages: { Rust: 7 },
    });
    expect(sleeps).toEqual([10, 20]);
    answers.set('/repos/o/down/languages', [json(500, {})]);
    await expect(fetchLanguages('o/down', client([], { backoffMs: 1, retries: 2 }))).rejects.toThrow(GithubApiError);
    expect(hits.get('/repos/o/down/languages')).toBe(3);
  });

  it('treats a 403 that is not a rate limit as an error', async () => {
    answers.set('/repos/o/forbidden/languages', [
      json(403, { message: 'Resource not accessible' }, { 'x-ratelimit-remaining': '4999' }),
    ]);
    await expect(fetchLanguages('o/forbidden', client([]))).rejects.toThrow('answered 403');
  });
});

describe('rateLimitWait', () => {
  it('reads retry-after, then x-ratelimit-reset', () => {
    expect(rateLimitWait(429, new Headers({ 'retry-after': '5' }), NOW)).toBe(5000);
    expect(
      rateLimitWait(
        403,
        new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 10) }),
        NOW,
      ),
    ).toBe(11_000);
    expect(rateLimitWait(403, new Headers({ 'x-ratelimit-remaining': '10' }), NOW)).toBeUndefined();
    expect(rateLimitWait(500, new Headers(), NOW)).toBeUndefined();
  });
});

/** A repository as the listing API returns it (only the fields read, plus one ignored). */
const apiRepo = (full_name: string, extra: Record<string, unknown> = {}) => ({
  full_name,
  fork: false,
  archived: false,
  mirror_url: null,
  language: 'Rust',
  ...extra,
});

describe('listOwnerRepos', () => {
  it('follows the Link header page by page and keeps the fork, archived and mirror flags', async () => {
    answers.set('/orgs/paged/repos?type=all&per_page=100', [
      json(200, [apiRepo('paged/one'), apiRepo('paged/two', { fork: true })], {
        link: `<${base}/organizations/7/repos?type=all&per_page=100&page=2>; rel="next", <${base}/organizations/7/repos?type=all&per_page=100&page=3>; rel="last"`,
      }),
    ]);
    answers.set('/organizations/7/repos?type=all&per_page=100&page=2', [
      json(200, [apiRepo('paged/three', { archived: true })], {
        link: `<${base}/organizations/7/repos?type=all&per_page=100&page=3>; rel="next", <${base}/orgs/paged/repos?type=all&per_page=100>; rel="first"`,
      }),
    ]);
    answers.set('/organizations/7/repos?type=all&per_page=100&page=3', [
      json(200, [apiRepo('paged/four', { mirror_url: 'https://git.example.org/four.git' })], {
        link: `<${base}/orgs/paged/repos?type=all&per_page=100>; rel="first"`,
      }),
    ]);
    expect(await listOwnerRepos('paged', client([]))).toEqual({
      state: 'ok',
      kind: 'organisation',
      pages: 3,
      repos: [
        { repo: 'paged/one', fork: false, archived: false, mirror: false },
        { repo: 'paged/two', fork: true, archived: false, mirror: false },
        { repo: 'paged/three', fork: false, archived: true, mirror: false },
        { repo: 'paged/four', fork: false, archived: false, mirror: true },
      ],
    });
  });

  it('falls back to the user listing when no organisation has the name', async () => {
    answers.set('/users/someone/repos?type=owner&per_page=100', [json(200, [apiRepo('someone/tool')])]);
    expect(await listOwnerRepos('someone', client([]))).toEqual({
      state: 'ok',
      kind: 'user',
      pages: 1,
      repos: [{ repo: 'someone/tool', fork: false, archived: false, mirror: false }],
    });
    expect(hits.get('/orgs/someone/repos?type=all&per_page=100')).toBe(1);
    expect(await listOwnerRepos('nobody-at-all', client([]))).toEqual({ state: 'not-found' });
  });

  it('lists an organisation with no repositories as empty, not as unknown', async () => {
    answers.set('/orgs/empty/repos?type=all&per_page=100', [json(200, [])]);
    expect(await listOwnerRepos('empty', client([]))).toEqual({
      state: 'ok',
      kind: 'organisation',
      pages: 1,
      repos: [],
    });
    expect(hits.get('/users/empty/repos?type=owner&per_page=100')).toBeUndefined();
  });

  it('stops on a spent rate limit, mid-listing too', async () => {
    const reset = NOW / 1000 + 3600;
    answers.set('/orgs/big/repos?type=all&per_page=100', [
      json(200, [apiRepo('big/one')], { link: `<${base}/orgs/big/repos?page=2>; rel="next"` }),
    ]);
    answers.set('/orgs/big/repos?page=2', [
      json(
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      ),
    ]);
    expect(await listOwnerRepos('big', client([]))).toEqual({
      state: 'rate-limited',
      resetAt: new Date(reset * 1000).toISOString(),
    });
  });

  it('never follows a next page off the API root (the token would go with it)', async () => {
    answers.set('/orgs/elsewhere/repos?type=all&per_page=100', [
      json(200, [apiRepo('elsewhere/one')], { link: '<https://evil.example.org/steal?page=2>; rel="next"' }),
    ]);
    await expect(listOwnerRepos('elsewhere', client([]))).rejects.toThrow('not followed');
    await expect(listOwnerRepos('../etc', client([]))).rejects.toThrow(GithubApiError);
  });

  it('refuses an answer that is not a list of repositories', async () => {
    answers.set('/orgs/odd/repos?type=all&per_page=100', [json(200, { message: 'hello' })]);
    await expect(listOwnerRepos('odd', client([]))).rejects.toThrow('expected a list of repositories');
    answers.set('/orgs/odd2/repos?type=all&per_page=100', [json(200, [{ name: 'no-full-name' }])]);
    await expect(listOwnerRepos('odd2', client([]))).rejects.toThrow('full_name');
  });
});

describe('nextLink', () => {
  it('finds rel="next" among the relations, in any order and spacing', () => {
    expect(nextLink('<https://a/x?page=2>; rel="next", <https://a/x?page=9>; rel="last"')).toBe('https://a/x?page=2');
    expect(nextLink('<https://a/x?page=1>; rel="prev",<https://a/x?page=3>;rel=next')).toBe('https://a/x?page=3');
    expect(nextLink('<https://a/x?page=1>; rel="first", <https://a/x?page=5>; rel="last"')).toBeUndefined();
    expect(nextLink('<https://a/x?page=4>; rel="nextish"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
