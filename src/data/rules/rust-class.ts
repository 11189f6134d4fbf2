/**
 * The catalog's inclusion rule and usage classes, computed from measurements and the kind
 * of each measured repository. Pure; shared by `npm run discover` and the content tests.
 *
 * - Admitted: the repositories the project ships (kind `main`, `component` or `sdk`) hold
 *   at least `MIN_CODE_LINES` Rust code lines.
 * - `pure`: a `main` repository is Rust and Rust is at least `PURE_SHARE` % of the
 *   programming-language bytes of all the project's measured code: its Rust repositories and
 *   the repositories of its code without Rust (`otherRepos`), the project's Rust share.
 * - `component`: otherwise, a shipped part (`main` or `component`: daemon, proxy, runtime,
 *   agent, plugin) is Rust.
 * - `sdk`: otherwise, the Rust is an official client, SDK or library (`sdk`) for users of a
 *   project written in another language.
 */
import type { RepoKind, RustUsage } from '../../schemas/taxonomy.ts';
export { REPO_KINDS } from '../../schemas/taxonomy.ts';
export type { RepoKind } from '../../schemas/taxonomy.ts';

/** Rust code lines (neither blank nor only comments) the shipped repositories must hold. */
export const MIN_CODE_LINES = 1000;
/** Rust share (percent of programming-language bytes) from which a project is pure. */
export const PURE_SHARE = 50;

export interface ClassInput {
  /** Kind of the repository; undefined when nobody has said (discover on an unknown project). */
  kind?: RepoKind;
  /** Rust code lines counted. */
  codeLines: number;
  /** Rust bytes counted. */
  rustBytes: number;
  /** Bytes of every programming language counted (the share's denominator). */
  programmingBytes: number;
}

export interface ClassResult {
  /** Rust code lines of the shipped repositories (all repositories when no kind is known). */
  shippedCodeLines: number;
  /** Rust bytes / programming bytes over every repository, other code included, percent, one decimal. */
  share: number;
  admitted: boolean;
  /** The class the rule gives; undefined when not admitted or when kinds are missing. */
  usage?: Exclude<RustUsage, 'none-found'>;
}

const SHIPPED: readonly (RepoKind | undefined)[] = ['main', 'component', 'sdk'];

/**
 * The rule applied to the Rust repositories of a project (`repos`) and to the programming
 * bytes of its code without Rust (`otherCode`, which only enters the share).
 */
export function classify(
  repos: readonly ClassInput[],
  otherCode: readonly Pick<ClassInput, 'programmingBytes'>[] = [],
): ClassResult {
  const known = repos.length > 0 && repos.every((r) => r.kind !== undefined);
  const shipped = known ? repos.filter((r) => SHIPPED.includes(r.kind)) : repos;
  const shippedCodeLines = shipped.reduce((sum, r) => sum + r.codeLines, 0);
  const rust = repos.reduce((sum, r) => sum + r.rustBytes, 0);
  const programming = [...repos, ...otherCode].reduce((sum, r) => sum + r.programmingBytes, 0);
  const share = programming > 0 ? Math.round((rust / programming) * 1000) / 10 : 0;
  const admitted = shippedCodeLines >= MIN_CODE_LINES;
  if (!admitted || !known) return { shippedCodeLines, share, admitted };
  const has = (kind: RepoKind) => repos.some((r) => r.kind === kind && r.codeLines > 0);
  const usage = has('main') && share >= PURE_SHARE ? 'pure' : has('main') || has('component') ? 'component' : 'sdk';
  return { shippedCodeLines, share, admitted, usage };
}
