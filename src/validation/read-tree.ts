/** Reading a content tree from disk for `validateTree`, and the one call the CLI and build make. */
import { existsSync, lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_BYTES } from './text.ts';
import { validateTree, type ContentFile, type ValidationReport } from './validate-tree.ts';
import { logoProblems } from './logo-safety.ts';
import { PUBLIC_FILES_DOC, isPublicFile } from './public-files.ts';
import { sortProblems, type Problem } from './problem.ts';
import { dataFileProblems } from './data-files.ts';

export interface ValidateOptions {
  /** The `content/` folder. */
  contentDir: string;
  /** The `public/` folder (logos are in `public/logos/`); defaults to `../public` from contentDir. */
  publicDir?: string;
  /** The `data/` folder the build reads (data-files.ts); defaults to `../data` from contentDir. */
  dataDir?: string;
  /** Problems name files relative to this folder; defaults to the working directory. */
  cwd?: string;
  maxBytes?: number;
}

interface Walked {
  files: string[];
  /** Symbolic links: never followed, always reported. */
  links: string[];
  /** FIFOs, sockets, devices: never read (a FIFO would block the build), always reported. */
  others: string[];
}

function walk(dir: string, prefix = '', out: Walked = { files: [], links: [], others: [] }): Walked {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isSymbolicLink()) out.links.push(rel);
    else if (entry.isDirectory()) walk(path.join(dir, entry.name), `${rel}/`, out);
    else if (entry.isFile()) out.files.push(rel);
    else out.others.push(rel);
  }
  out.files.sort();
  out.links.sort();
  out.others.sort();
  return out;
}

const otherProblem = (file: string): Problem => ({
  file,
  line: 1,
  field: 'file:unexpected',
  message: 'is not a regular file (a FIFO, socket or device; expected a regular file)',
});

/**
 * The folders themselves (content/, public/, data/) must be real folders: a folder that is a
 * symbolic link would bring in a tree from anywhere.
 */
function rootProblems(dirs: [string, string][]): Problem[] {
  return dirs.flatMap(([dir, shown]) => {
    try {
      if (lstatSync(dir).isSymbolicLink())
        return [
          {
            file: shown,
            line: 1,
            field: 'file:symlink',
            message: 'the folder is a symbolic link; the build would read whatever it points to (expected a folder)',
          },
        ];
    } catch {
      // A missing folder is reported where it is read.
    }
    return [];
  });
}

/** Files a browser executes or renders as a document with scripts. */
const RUNS_IN_BROWSER = /\.(m?js|cjs|html?|xhtml|xht|shtml|svgz|xml|xsl|wasm|swf)$/i;

const linkProblem = (file: string): Problem => ({
  file,
  line: 1,
  field: 'file:symlink',
  message:
    'is a symbolic link; the site would publish whatever it points to, inside or outside the repository (expected a regular file)',
});

/** Reads every file under `contentDir` (never writes) and returns every problem found. */
export function validateContent(options: ValidateOptions): ValidationReport {
  const contentDir = path.resolve(options.contentDir);
  const publicDir = path.resolve(options.publicDir ?? path.join(contentDir, '..', 'public'));
  const dataDir = path.resolve(options.dataDir ?? path.join(contentDir, '..', 'data'));
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const display = (rel: string) => path.relative(cwd, path.join(contentDir, rel)).split(path.sep).join('/');

  if (!existsSync(contentDir))
    return {
      problems: [
        {
          file: display('.'),
          line: 1,
          field: 'file:missing',
          message: 'the content folder does not exist (expected content/ with projects/ and the taxonomy YAML files)',
        },
      ],
      files: 0,
      entries: 0,
    };

  const content = walk(contentDir);
  const files: ContentFile[] = content.files.map((rel) => {
    const abs = path.join(contentDir, rel);
    const size = statSync(abs).size;
    return { path: rel, display: display(rel), size, bytes: size > maxBytes ? undefined : readFileSync(abs) };
  });
  const logosDir = path.join(publicDir, 'logos');
  const logos = new Set(existsSync(logosDir) ? readdirSync(logosDir) : []);
  const displayPublic = (rel: string) => path.relative(cwd, path.join(publicDir, rel)).split(path.sep).join('/');
  const published = existsSync(publicDir) ? walk(publicDir) : { files: [], links: [], others: [] };
  const displayData = (rel: string) => path.relative(cwd, path.join(dataDir, rel)).split(path.sep).join('/') || '.';
  const extra: Problem[] = [
    ...rootProblems([
      [contentDir, display('.')],
      [publicDir, displayPublic('.')],
      [dataDir, displayData('.')],
    ]),
    ...content.links.map((rel) => linkProblem(display(rel))),
    ...published.links.map((rel) => linkProblem(displayPublic(rel))),
    ...content.others.map((rel) => otherProblem(display(rel))),
    ...published.others.map((rel) => otherProblem(displayPublic(rel))),
    ...dataFileProblems(dataDir, displayData),
    ...published.files.flatMap((rel) => {
      if (!isPublicFile(rel))
        return [
          {
            file: displayPublic(rel),
            line: 1,
            field: 'file:unexpected',
            message: RUNS_IN_BROWSER.test(rel)
              ? `is a file a browser runs, and public/ holds none: it would run on the site's origin unchecked (expected ${PUBLIC_FILES_DOC}; the theme script is src/client/theme.js)`
              : `is not a file public/ may hold (expected ${PUBLIC_FILES_DOC}); everything in public/ is published as it is, so only checked kinds of files may be there`,
          },
        ];
      if (rel === '.nojekyll' && statSync(path.join(publicDir, rel)).size > 0)
        return [
          {
            file: displayPublic(rel),
            line: 1,
            field: 'file:unexpected',
            message: 'is not empty (expected an empty file: it only tells GitHub Pages not to run Jekyll)',
          },
        ];
      if (!rel.endsWith('.svg')) return [];
      return logoProblems(readFileSync(path.join(publicDir, rel), 'utf8')).map((p) => ({
        file: displayPublic(rel),
        line: p.line,
        field: p.rule,
        message: p.message,
      }));
    }),
  ];
  const report = validateTree(files, { logos, display, maxBytes });
  return { ...report, problems: sortProblems([...report.problems, ...extra]) };
}
