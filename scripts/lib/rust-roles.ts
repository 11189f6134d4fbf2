/**
 * What a Rust file of a repository is for, judged from its path alone: code the project
 * ships, or tests, examples, benchmarks and fuzz targets that stay in the repository. The
 * inclusion rule counts shipped code lines; a repository whose Rust is all tests (a
 * conformance harness) ships none. Pure.
 *
 * The first directory (from the root) whose name says test, example, benchmark or fuzz
 * decides; otherwise a file named `tests.rs`, `test.rs`, `*_test.rs` or `*_tests.rs` is a
 * test; everything else is shipped (build scripts included).
 */
import type { LineCounts } from './line-count.ts';

export type RustRole = 'shipped' | 'tests' | 'examples' | 'benches' | 'fuzz';
export const RUST_ROLES: readonly RustRole[] = ['shipped', 'tests', 'examples', 'benches', 'fuzz'];

const DIRECTORY_ROLES: readonly [RegExp, RustRole][] = [
  [/^(?:tests?|testing|testdata|test[-_].+|tests[-_].+|.+[-_]tests?|e2e|conformance)$/i, 'tests'],
  [/^(?:examples?|samples?|demos?|.+[-_]examples?)$/i, 'examples'],
  [/^(?:bench|benches|benchmarks?|.+[-_]bench(?:es|marks?)?)$/i, 'benches'],
  [/^(?:fuzz|fuzzing|.+[-_]fuzz)$/i, 'fuzz'],
];
const TEST_FILE = /^(?:tests?|.+_tests?)\.rs$/i;

export function rustRole(path: string): RustRole {
  const parts = path.split('/');
  const file = parts.pop() ?? '';
  for (const dir of parts) for (const [pattern, role] of DIRECTORY_ROLES) if (pattern.test(dir)) return role;
  return TEST_FILE.test(file) ? 'tests' : 'shipped';
}

/** Rust code lines (and files) by role. */
export type RoleCounts = Record<RustRole, { files: number; codeLines: number }>;

export function emptyRoleCounts(): RoleCounts {
  return Object.fromEntries(RUST_ROLES.map((r) => [r, { files: 0, codeLines: 0 }])) as RoleCounts;
}

/** Adds one counted Rust file to `into` (returns it). */
export function addRustFile(into: RoleCounts, path: string, counts: Pick<LineCounts, 'codeLines'>): RoleCounts {
  const slot = into[rustRole(path)];
  slot.files++;
  slot.codeLines += counts.codeLines;
  return into;
}
