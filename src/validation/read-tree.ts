/** Reading a content tree from disk for `validateTree`, and the one call the CLI and build make. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_BYTES } from './text.ts';
import { validateTree, type ContentFile, type ValidationReport } from './validate-tree.ts';
import { logoProblems } from './logo-safety.ts';
import { PUBLIC_FILES_DOC, isPublicFile } from './public-files.ts';
import { sortProblems, type Problem } from './problem.ts';

export interface ValidateOptions {
  /** The `content/` folder. */
  contentDir: string;
  /** The `public/` folder (logos are in `public/logos/`); defaults to `../public` from contentDir. */
  publicDir?: string;
  /** Problems name files relative to this folder; defaults to the working directory. */
  cwd?: string;
  maxBytes?: number;
}

interface Walked {
  files: string[];
  /** Symbolic links: never followed, always reported. */
  links: string[];
}

function walk(dir: string, prefix = '', out: Walked = { files: [], links: [] }): Walked {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isSymbolicLink()) out.links.push(rel);
    else if (entry.isDirectory()) walk(path.join(dir, entry.name), `${rel}/`, out);
    else if (entry.isFile()) out.files.push(rel);
  }
  out.files.sort();
  out.links.sort();
  return out;
}

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
  const published = existsSync(publicDir) ? walk(publicDir) : { files: [], links: [] };
  const extra: Problem[] = [
    ...content.links.map((rel) => linkProblem(display(rel))),
    ...published.links.map((rel) => linkProblem(displayPublic(rel))),
    ...published.files.flatMap((rel) => {
      if (!isPublicFile(rel))
        return [
          {
            file: displayPublic(rel),
            line: 1,
            field: 'file:unexpected',
            message: `is not a file public/ may hold (expected ${PUBLIC_FILES_DOC}); everything in public/ is published as it is, so only checked kinds of files may be there`,
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
