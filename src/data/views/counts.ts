/**
 * The one way the site counts projects: the projects with Rust, with the entries where no Rust
 * was found named apart (they are in the catalog so their claim can be checked, and out of
 * every Rust total). Home, the table, its filters, the group pages and the charts all print
 * these words, so "25 sandbox" on one page is "Sandbox (25 …)" on the next. Pure, and free of
 * Astro imports: the table script in the browser uses it too.
 */

/** What counting needs of a project: its name and whether any Rust was found in it. */
export interface Countable {
  name: string;
  noneFound: boolean;
}

export interface ProjectCount {
  /** Projects with Rust (every project but the none-found ones). */
  rust: number;
  /** Names of the entries with no Rust found, in the order given. */
  noneFound: string[];
}

/** More none-found entries than this are counted rather than named. */
const NAMED = 2;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function countProjects(projects: readonly Countable[]): ProjectCount {
  return {
    rust: projects.filter((p) => !p.noneFound).length,
    noneFound: projects.filter((p) => p.noneFound).map((p) => p.name),
  };
}

/** Catalog projects (anything with a name and `countsAsRust`) counted. */
export const countOf = (projects: readonly { name: string; countsAsRust: boolean }[]): ProjectCount =>
  countProjects(projects.map((p) => ({ name: p.name, noneFound: !p.countsAsRust })));

/** "Paralus" / "Paralus and Foo" / "3 entries": the none-found entries, named while they are few. */
function noneFoundNames(names: readonly string[]): string {
  if (names.length > NAMED) return `${integer.format(names.length)} entries`;
  return names.join(' and ');
}

/**
 * The count in brackets after a group's name (filters, links, cards): "25", "25 + Paralus, no
 * Rust found", and for a group of none-found entries alone "Paralus".
 */
export function countLabel(count: ProjectCount): string {
  if (count.noneFound.length === 0) return integer.format(count.rust);
  const apart = `${noneFoundNames(count.noneFound)}, no Rust found`;
  return count.rust === 0 ? noneFoundNames(count.noneFound) : `${integer.format(count.rust)} + ${apart}`;
}

/**
 * The count as a phrase: "25 projects", "25 projects with Rust, plus Paralus (no Rust found)",
 * "no project with Rust, only Paralus (no Rust found)".
 */
export function countPhrase(count: ProjectCount): string {
  const rust = `${integer.format(count.rust)} ${count.rust === 1 ? 'project' : 'projects'}`;
  if (count.noneFound.length === 0) return rust;
  const apart = noneFoundPhrase(count.noneFound);
  return count.rust === 0 ? `no project with Rust, only ${apart}` : `${rust} with Rust, plus ${apart}`;
}

/** "Paralus (no Rust found)": the none-found entries as the count names them apart. */
export const noneFoundPhrase = (names: readonly string[]): string => `${noneFoundNames(names)} (no Rust found)`;

/** The number of entries a count covers, none-found ones included (rows of a table). */
export const entries = (count: ProjectCount): number => count.rust + count.noneFound.length;
