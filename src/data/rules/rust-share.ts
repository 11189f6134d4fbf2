/**
 * How much of a project's code is Rust: the one place the share's denominator is read from a
 * measurement, and the one place the project's share is computed over its repositories.
 */
import type { Measurement } from '../../schemas/project.ts';

type ShareFields = Pick<Measurement, 'bytes' | 'rustShare'> & { programmingBytes?: number };

/**
 * Bytes of all counted programming-language source in the repository, the denominator of its
 * Rust share: `programmingBytes` when the measurement records it; for older measurements,
 * derived from the Rust bytes and the rounded share (bytes × 100 / rustShare, exact to the
 * share's one decimal). Undefined when there is nothing to derive it from.
 */
export function sourceBytes(m: ShareFields): number | undefined {
  if (m.programmingBytes !== undefined) return m.programmingBytes > 0 ? m.programmingBytes : undefined;
  return m.rustShare > 0 ? (m.bytes * 100) / m.rustShare : undefined;
}

/**
 * Rust bytes as a percentage of the programming-language bytes of the project's code: its
 * Rust repositories (`rust`) and the repositories of its code without Rust (`other`, the
 * entry's `otherRepos`), a repository weighing by its size. Undefined when no Rust is found.
 */
export function projectRustShare(rust: readonly ShareFields[], other: readonly ShareFields[] = []): number | undefined {
  let rustBytes = 0;
  let all = 0;
  for (const m of [...rust, ...other]) {
    const denominator = sourceBytes(m);
    if (denominator === undefined) continue;
    rustBytes += m.bytes;
    all += denominator;
  }
  return all > 0 && rustBytes > 0 ? Math.min(100, (rustBytes / all) * 100) : undefined;
}

/** What a project's share covers: the repositories measured, and known code that is not. */
export interface ShareCoverage {
  /** `owner/name` of every measured repository the share is computed over, Rust ones first. */
  measured: string[];
  /** Code of the project that is not measured, with why. */
  unmeasured: { repo: string; reason: string }[];
}

/**
 * The project's share as a page may show it: the share over all its code, or undefined when
 * some of its known code is not measured (a share that leaves out code the catalog knows of
 * would say the wrong thing) or when no Rust is found.
 */
export function shownProjectShare(
  rust: readonly ShareFields[],
  other: readonly ShareFields[],
  unmeasured: readonly unknown[],
): number | undefined {
  return unmeasured.length > 0 ? undefined : projectRustShare(rust, other);
}
