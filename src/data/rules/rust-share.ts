/**
 * How much of a project's measured source is Rust. The share's denominator (bytes of every
 * counted programming language in a repository) is read from a measurement in one place,
 * `sourceBytes`: it is derived from the Rust bytes and the share, which every measurement has
 * (`programmingBytes` only the newer ones), and reading it from elsewhere changes only that
 * function.
 */
import type { Measurement } from '../../schemas/project.ts';

type ShareFields = Pick<Measurement, 'bytes' | 'rustShare'>;

/**
 * Bytes of all counted source in the repository, the denominator of its Rust share.
 * Today derived from the Rust bytes and the rounded share (bytes × 100 / rustShare), so it is
 * exact to the share's one decimal; undefined when the share is 0 (nothing to derive it from).
 */
export function sourceBytes(m: ShareFields): number | undefined {
  return m.rustShare > 0 ? (m.bytes * 100) / m.rustShare : undefined;
}

/**
 * Rust bytes as a percentage of all counted source bytes over the project's measured
 * repositories (a repository weighs by its size, not one vote each), or undefined when no
 * repository gives a denominator (no Rust found anywhere).
 */
export function projectRustShare(measurements: readonly ShareFields[]): number | undefined {
  let rust = 0;
  let all = 0;
  for (const m of measurements) {
    const denominator = sourceBytes(m);
    if (denominator === undefined) continue;
    rust += m.bytes;
    all += denominator;
  }
  return all > 0 ? Math.min(100, (rust / all) * 100) : undefined;
}
