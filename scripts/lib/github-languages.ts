/**
 * The two GitHub REST calls `discover` makes, with one request loop that respects rate limits:
 *
 * - `listOwnerRepos`: every repository of an organisation (`GET /orgs/{org}/repos`), or of a
 *   user when GitHub knows no such organisation (`GET /users/{user}/repos`), page by page
 *   following the `Link` header, with the fork, archived and mirror flags;
 * - `fetchLanguages`: bytes per language of one repository (`GET /repos/{owner}/{name}/languages`),
 *   used as a first pass so that repositories with no Rust are never fetched.
 *
 * A 403/429 that says the limit is spent waits until `x-ratelimit-reset` (or `retry-after`)
 * when that is soon enough, otherwise reports `rate-limited` so the caller stops asking; a 5xx
 * or a network error is retried with exponential backoff. Each request has a deadline and its
 * answer a size limit (a page of 100 repositories is under 1 MB, a languages object a few
 * hundred bytes).
 */
import { InputLimitError, readBodyBounded } from './bounded.ts';

/** Largest answer read (a page of 100 repositories is about 600 KB). */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export type LanguagesAnswer =
  | { state: 'ok'; languages: Record<string, number> }
  | { state: 'not-found' }
  | { state: 'rate-limited'; resetAt?: string };

/** One repository of an owner's listing. */
export interface OwnerRepo {
  /** owner/name as GitHub spells it. */
  repo: string;
  /** A fork of another repository: someone else's code, not the project's. */
  fork: boolean;
  /** Archived (read-only): no longer developed. */
  archived: boolean;
  /** A mirror of a repository kept elsewhere (`mirror_url` set). */
  mirror: boolean;
}

export type OwnerReposAnswer =
  | { state: 'ok'; kind: 'organisation' | 'user'; repos: OwnerRepo[]; pages: number }
  | { state: 'not-found' }
  | { state: 'rate-limited'; resetAt?: string };

export class GithubApiError extends Error {}

export interface GithubOptions {
  /** Token (GITHUB_TOKEN); without one the API allows 60 requests an hour. */
  token?: string;
  /** API root, default https://api.github.com (tests point it at 127.0.0.1). */
  baseUrl?: string;
  /** Retries of a 5xx or a network error (default 3). */
  retries?: number;
  /** First backoff in ms, doubled each retry (default 1000). */
  backoffMs?: number;
  /** The longest wait for a rate-limit reset before giving up (default 60 s). */
  maxWaitMs?: number;
  /** Deadline of one request, answer included, in ms (default 60 s). */
  timeoutMs?: number;
  /** Most pages read of one owner's listing (default 50: 5,000 repositories). */
  maxPages?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long a rate-limited answer asks us to wait, in ms; undefined when it is not a rate limit. */
export function rateLimitWait(status: number, headers: Headers, now: number): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = headers.get('retry-after');
  if (retryAfter && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const remaining = headers.get('x-ratelimit-remaining');
  const reset = headers.get('x-ratelimit-reset');
  if (reset && /^\d+$/.test(reset) && (remaining === '0' || status === 429))
    return Math.max(0, Number(reset) * 1000 - now) + 1000;
  return status === 429 ? 60_000 : undefined;
}

/** The `rel="next"` URL of a `Link` header (RFC 8288), if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /(?:^|;)\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(m[2])) return m[1];
  }
  return undefined;
}

type GetAnswer =
  | { state: 'ok'; data: unknown; headers: Headers }
  | { state: 'not-found' }
  | { state: 'rate-limited'; resetAt?: string };

const apiRoot = (options: GithubOptions) => (options.baseUrl ?? 'https://api.github.com').replace(/\/$/, '');

/** One GET with retries and the rate-limit rules above; `what` names the request in errors. */
async function githubGet(url: string, what: string, options: GithubOptions): Promise<GetAnswer> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const retries = options.retries ?? 3;
  const maxWait = options.maxWaitMs ?? 60_000;
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'cncf-rust-catalog-discover',
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let backoff = options.backoffMs ?? 1000;
  let waitedForReset = false;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      // A deadline for the whole answer, body included, and a size limit on the body.
      response = await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
    } catch (error) {
      if (attempt >= retries) throw new GithubApiError(`${what}: ${(error as Error).message}`);
      await sleep(backoff);
      backoff *= 2;
      continue;
    }
    if (response.ok) {
      let data: unknown;
      try {
        data = JSON.parse(await readBodyBounded(response, MAX_ANSWER_BYTES, url));
      } catch (error) {
        if (error instanceof InputLimitError) throw error;
        throw new GithubApiError(`${what}: could not read the API's answer: ${(error as Error).message}`);
      }
      return { state: 'ok', data, headers: response.headers };
    }
    await response.body?.cancel();
    if (response.status === 404) return { state: 'not-found' };
    const wait = rateLimitWait(response.status, response.headers, now());
    if (wait !== undefined) {
      const reset = response.headers.get('x-ratelimit-reset');
      const resetAt = reset && /^\d+$/.test(reset) ? new Date(Number(reset) * 1000).toISOString() : undefined;
      if (wait > maxWait || waitedForReset) return { state: 'rate-limited', ...(resetAt ? { resetAt } : {}) };
      waitedForReset = true;
      await sleep(wait);
      continue;
    }
    if (response.status >= 500 && attempt < retries) {
      await sleep(backoff);
      backoff *= 2;
      continue;
    }
    throw new GithubApiError(`${what}: the API answered ${response.status} ${response.statusText}`);
  }
}

export async function fetchLanguages(repo: string, options: GithubOptions = {}): Promise<LanguagesAnswer> {
  const answer = await githubGet(`${apiRoot(options)}/repos/${repo}/languages`, repo, options);
  if (answer.state !== 'ok') return answer;
  const data = answer.data;
  if (
    typeof data !== 'object' ||
    data === null ||
    Array.isArray(data) ||
    Object.values(data).some((v) => typeof v !== 'number')
  )
    throw new GithubApiError(`${repo}: expected an object of byte counts from the languages API`);
  return { state: 'ok', languages: data as Record<string, number> };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function ownerRepo(item: unknown, what: string): OwnerRepo {
  if (
    !isRecord(item) ||
    typeof item.full_name !== 'string' ||
    !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(item.full_name)
  )
    throw new GithubApiError(`${what}: expected repositories with a full_name "owner/name"`);
  return {
    repo: item.full_name,
    fork: item.fork === true,
    archived: item.archived === true,
    mirror: typeof item.mirror_url === 'string' && item.mirror_url !== '',
  };
}

/**
 * Every repository of `owner`: as an organisation, else (404) as a user. Pages are followed
 * only on the API root given (the token is never sent elsewhere), at most `maxPages`.
 */
export async function listOwnerRepos(owner: string, options: GithubOptions = {}): Promise<OwnerReposAnswer> {
  if (!/^[A-Za-z0-9_.-]+$/.test(owner)) throw new GithubApiError(`${owner}: not a GitHub owner name`);
  const root = apiRoot(options);
  const maxPages = options.maxPages ?? 50;
  for (const [kind, first] of [
    ['organisation', `${root}/orgs/${owner}/repos?type=all&per_page=100`],
    ['user', `${root}/users/${owner}/repos?type=owner&per_page=100`],
  ] as const) {
    const repos: OwnerRepo[] = [];
    let url: string | undefined = first;
    let pages = 0;
    while (url) {
      if (pages >= maxPages)
        throw new GithubApiError(`${owner}: more than ${maxPages} pages of repositories; raise maxPages`);
      const answer = await githubGet(url, `${owner} (${kind} repositories)`, options);
      if (answer.state === 'rate-limited') return answer;
      if (answer.state === 'not-found') {
        if (pages > 0) throw new GithubApiError(`${owner}: page ${pages + 1} of its repositories is gone`);
        break;
      }
      pages++;
      if (!Array.isArray(answer.data))
        throw new GithubApiError(`${owner}: expected a list of repositories from the ${kind} listing`);
      for (const item of answer.data) repos.push(ownerRepo(item, owner));
      const next = nextLink(answer.headers.get('link'));
      if (next && !next.startsWith(`${root}/`))
        throw new GithubApiError(`${owner}: the next page is not on ${root} (${next}); not followed`);
      url = next;
    }
    if (pages > 0) return { state: 'ok', kind, repos, pages };
  }
  return { state: 'not-found' };
}
