/**
 * The RustSec advisory database read from git objects at one commit (a bare copy of
 * `rustsec/advisory-db` or a checkout of it): every `crates/<name>/RUSTSEC-*.md` file.
 * The `rust/` directory (advisories on the compiler and standard library) is not about
 * crates a lock file resolves, and is not read.
 */
import { BlobReader, GitError, listTree, resolveCommit } from '../git-objects.ts';
import { AdvisoryError, parseAdvisory, type ParsedAdvisory } from './advisory.ts';

export interface AdvisoryDatabaseRead {
  commit: string;
  commitDate: string;
  /** Every crate advisory, withdrawn ones included, sorted by id. */
  advisories: ParsedAdvisory[];
}

const ADVISORY_FILE = /^crates\/[^/]+\/RUSTSEC-\d{4}-\d{4,}\.md$/;

export async function readAdvisoryDatabase(gitDir: string, rev = 'HEAD'): Promise<AdvisoryDatabaseRead> {
  const { commit, commitDate } = await resolveCommit(gitDir, rev);
  const files = (await listTree(gitDir, commit, false)).filter((e) => e.type === 'blob' && ADVISORY_FILE.test(e.path));
  if (files.length === 0)
    throw new AdvisoryError(
      `${gitDir}: no crates/<name>/RUSTSEC-*.md file at ${commit}: not a RustSec advisory database`,
    );
  const reader = new BlobReader(gitDir);
  try {
    const blobs = await Promise.all(files.map((f) => reader.read(f.oid)));
    const advisories = files.map((f, i) => {
      const blob = blobs[i];
      if (!blob) throw new GitError(`${gitDir}: ${f.path} (${f.oid}) at ${commit} is not in this copy`);
      const advisory = parseAdvisory(f.path, blob.toString('utf8'));
      const dir = f.path.split('/')[1];
      if (dir !== advisory.package)
        throw new AdvisoryError(`${f.path}: advisory.package is "${advisory.package}", not the directory's "${dir}"`);
      if (!f.path.endsWith(`/${advisory.id}.md`))
        throw new AdvisoryError(`${f.path}: advisory.id is ${advisory.id}, not the file's name`);
      return advisory;
    });
    return { commit, commitDate, advisories: advisories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
  } finally {
    await reader.close();
  }
}
