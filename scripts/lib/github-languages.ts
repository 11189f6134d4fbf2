/**
 * GitHub's languages API (`GET /repos/{owner}/{name}/languages`: bytes per language), used
 * by `discover` as a first pass to skip fetching repositories with no Rust. Respects rate
 * limits: a 403/429 that says the limit is spent waits until `x-ratelimit-reset` (or
 * `retry-after`) when that is soon enough, otherwise reports `rate-limited` so the caller
 * stops asking; a 5xx is retried with exponential backoff. Each request has a deadline and its
 * answer a size limit (a languages object is a few hundred bytes).
 */
import { InputLimitError, readBodyBounded } from './bounded.ts';

/** Largest answer read. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export type LanguagesAnswer =
  | { state: 'ok'; languages: Record<string, number> }
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

export async function fetchLanguages(repo: string, options: GithubOptions = {}): Promise<LanguagesAnswer> {
  const base = (options.baseUrl ?? 'https://api.github.com').replace(/\/$/, '');
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
      response = await fetch(`${base}/repos/${repo}/languages`, {
        headers,
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      if (attempt >= retries) throw new GithubApiError(`${repo}: ${(error as Error).message}`);
      await sleep(backoff);
      backoff *= 2;
      continue;
    }
    if (response.ok) {
      let data: unknown;
      try {
        data = JSON.parse(await readBodyBounded(response, MAX_ANSWER_BYTES, `${base}/repos/${repo}/languages`));
      } catch (error) {
        if (error instanceof InputLimitError) throw error;
        throw new GithubApiError(`${repo}: could not read the languages API's answer: ${(error as Error).message}`);
      }
      if (
        typeof data !== 'object' ||
        data === null ||
        Array.isArray(data) ||
        Object.values(data).some((v) => typeof v !== 'number')
      )
        throw new GithubApiError(`${repo}: expected an object of byte counts from the languages API`);
      return { state: 'ok', languages: data as Record<string, number> };
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
    throw new GithubApiError(`${repo}: the languages API answered ${response.status} ${response.statusText}`);
  }
}
