/**
 * The counter over a directory of files instead of a git tree: for a repository too large to
 * copy whole, the files of the directories that hold its Rust are read one by one (each blob
 * at a recorded commit) into a directory, and counted here with the same language table, path
 * rules and line counter as `countTree`. Paths inside the directory are the repository paths.
 *
 * What differs from a tree count, and is said in the notes: only the files given are counted
 * (the share is of them, not of the repository), and `.gitattributes` are not applied.
 */
import { lstat, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { exclusionOf } from '../../src/data/rules/linguist-rules.ts';
import { languageOf, loadLinguistTable } from './languages.ts';
import type { LanguageTable } from './languages.ts';
import { countLines, rustShare } from './line-count.ts';
import type { LineCounts } from './line-count.ts';
import type { ExcludedGroup, LanguageBytes, TreeCount } from './tree-count.ts';

export interface CountFilesOptions {
  /** The commit the files were read at (recorded, not checked: the files are not a git tree). */
  commit: string;
  /** Its committer date, when known. */
  commitDate?: string;
  /** A language table (tests); default linguist's. */
  table?: LanguageTable;
  /** Called with every counted Rust file, like `countTree`'s option. */
  onRustFile?: (path: string, counts: LineCounts) => void;
}

/** Every regular file under `dir` (but `.git/`), as `/`-separated paths relative to it, sorted; symlinks counted apart. */
async function walk(dir: string): Promise<{ files: string[]; symlinks: number }> {
  const files: string[] = [];
  let symlinks = 0;
  const visit = async (rel: string): Promise<void> => {
    for (const name of (await readdir(path.join(dir, rel))).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      const info = await lstat(path.join(dir, child));
      if (info.isSymbolicLink()) symlinks++;
      // A checkout's git directory is not the repository's content.
      else if (info.isDirectory()) {
        if (name !== '.git') await visit(child);
      } else if (info.isFile()) files.push(child);
    }
  };
  await visit('');
  return { files, symlinks };
}

export async function countFiles(dir: string, options: CountFilesOptions): Promise<TreeCount> {
  const table = options.table ?? (await loadLinguistTable());
  const { files, symlinks } = await walk(dir);
  const result: TreeCount = {
    commit: options.commit,
    commitDate: options.commitDate ?? '',
    rust: { files: 0, bytes: 0, lines: 0, codeLines: 0 },
    rustRaw: { files: 0, bytes: 0, lines: 0, codeLines: 0 },
    programmingBytes: 0,
    rustShare: 0,
    languages: [],
    excluded: [],
    files: files.length,
    symlinks,
    submodules: [],
    missing: [],
    missingOther: 0,
    gitattributes: files.filter((f) => f === '.gitattributes' || f.endsWith('/.gitattributes')),
  };
  const languages = new Map<string, LanguageBytes>();
  const excluded = new Map<string, ExcludedGroup>();
  for (const file of files) {
    const language = languageOf(file, table);
    if (!language) continue;
    const isRust = language.name === 'Rust';
    const content = await readFile(path.join(dir, file));
    const exclusion = exclusionOf(file);
    if (isRust) {
      const counts = countLines(content);
      if (!exclusion) options.onRustFile?.(file, counts);
      for (const target of exclusion ? [result.rustRaw] : [result.rustRaw, result.rust]) {
        target.files++;
        target.bytes += counts.bytes;
        target.lines += counts.lines;
        target.codeLines += counts.codeLines;
      }
    }
    if (exclusion) {
      const group = excluded.get(exclusion.label) ?? { ...exclusion, files: 0, bytes: 0, rustFiles: 0 };
      group.files++;
      group.bytes += content.length;
      if (isRust) group.rustFiles++;
      excluded.set(exclusion.label, group);
      continue;
    }
    const lang = languages.get(language.name) ?? { name: language.name, type: language.type, files: 0, bytes: 0 };
    lang.files++;
    lang.bytes += content.length;
    languages.set(language.name, lang);
    if (language.type === 'programming') result.programmingBytes += content.length;
  }
  result.languages = [...languages.values()].sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1));
  result.excluded = [...excluded.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  result.rustShare = rustShare(result.rust.bytes, result.programmingBytes);
  return result;
}
