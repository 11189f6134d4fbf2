/**
 * Checks of one `content/projects/<slug>.mdx` file on its own: frontmatter syntax, the
 * project schema, references into the taxonomy, the logo file and the MDX body. What needs
 * several entries at once (duplicates) is in `cross-checks.ts`.
 */
import { projectFrontmatterSchema } from '../schemas/project.ts';
import { checkCitations } from './citations.ts';
import { astroAgrees, astroRead, blankedBody, readEntry, sameData } from './entry-file.ts';
import { checkMdx } from './mdx-safety.ts';
import type { Problem } from './problem.ts';
import { parseYaml, type YamlPath } from './yaml.ts';
import { issuesToProblems } from './zod-problems.ts';

export interface EntryContext {
  /** Ids in `content/categories.yaml`; undefined (not checked) when that file is broken. */
  categoryIds?: ReadonlySet<string>;
  /** Ids in `content/sources.yaml`; undefined (not checked) when that file is broken. */
  sourceIds?: ReadonlySet<string>;
  /** Whether `public/logos/<name>` exists. */
  logoExists: (name: string) => boolean;
}

/** What cross-file checks need from an entry, with the line of each value. */
export interface EntrySummary {
  file: string;
  slug: string;
  name?: { value: string; line: number };
  landscapeName?: { value: string; line: number };
}

const listOf = (ids: ReadonlySet<string>) => [...ids].sort().join(', ');

/**
 * `text` is the file as Astro reads it (a BOM and CRLF line endings kept): the MDX rules run on
 * the very text Astro's MDX integration compiles, split by Astro's own function.
 */
export function checkProjectEntry(
  file: string,
  slug: string,
  text: string,
  context: EntryContext,
): { problems: Problem[]; summary: EntrySummary } {
  const problems: Problem[] = [];
  const summary: EntrySummary = { file, slug };
  const parts = readEntry(text);
  if ('missing' in parts) {
    problems.push({ file, line: parts.line, field: 'frontmatter', message: parts.message });
    return { problems, summary };
  }
  // The fences leave no room for another reading; should Astro's split still differ, nothing
  // after it is trusted.
  if (!astroAgrees(text, parts)) {
    problems.push({
      file,
      line: parts.yamlLine - 1,
      field: 'frontmatter',
      message:
        "Astro's frontmatter parser would end the frontmatter elsewhere than this check (expected an opening and a closing line that are exactly ---, and no other line starting with --- or +++ in between)",
    });
    return { problems, summary };
  }

  const yaml = parseYaml(parts.yaml, parts.yamlLine);
  // What Astro compiles: its own split once the YAML is known to parse within the limits (it
  // parses the YAML itself, without them); otherwise the same blanking done here.
  let compiled = blankedBody(text, parts);
  if (yaml.ok)
    try {
      const astro = astroRead(text);
      compiled = astro.content;
      // The data the site is built from is Astro's reading: it must be the data checked here.
      if (!sameData(yaml.value ?? {}, astro.frontmatter))
        problems.push({
          file,
          line: parts.yamlLine,
          field: 'yaml:syntax',
          message:
            "Astro's YAML parser reads the frontmatter differently from this check (a merge key, a tag or another YAML 1.1 form; expected plain YAML that every parser reads alike)",
        });
    } catch (error) {
      problems.push({
        file,
        line: parts.yamlLine,
        field: 'yaml:syntax',
        message: `Astro's YAML parser refuses the frontmatter: ${(error as Error).message.split('\n')[0]} (expected YAML that every parser reads alike)`,
      });
    }
  if (!yaml.ok) {
    problems.push({
      file,
      line: yaml.line,
      field: 'yaml:syntax',
      message: `${yaml.message} (expected valid YAML frontmatter)`,
    });
  } else {
    const data = yaml.value;
    const result = projectFrontmatterSchema.safeParse(data);
    if (!result.success)
      problems.push(
        ...issuesToProblems(result.error.issues, { file, data, lineOf: yaml.lineOf, schema: projectFrontmatterSchema }),
      );
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const fields = data as Record<string, unknown>;
      const at = (path: YamlPath) => yaml.lineOf(path);
      if (typeof fields.name === 'string') summary.name = { value: fields.name.trim(), line: at(['name']) };
      if (typeof fields.landscapeName === 'string')
        summary.landscapeName = { value: fields.landscapeName.trim(), line: at(['landscapeName']) };
      const references = [
        ['categories', context.categoryIds, 'category', 'content/categories.yaml'],
        ['sources', context.sourceIds, 'source', 'content/sources.yaml'],
      ] as const;
      for (const [field, known, what, where] of references) {
        const list = fields[field];
        if (!Array.isArray(list) || !known) continue;
        list.forEach((id, i) => {
          if (typeof id === 'string' && !known.has(id))
            problems.push({
              file,
              line: at([field, i]),
              field: `${field}[${i}]`,
              message: `unknown ${what} "${id}" (expected an id from ${where}: ${listOf(known)})`,
            });
        });
      }
      if (
        typeof fields.logo === 'string' &&
        projectFrontmatterSchema.shape.logo.safeParse(fields.logo).success &&
        !context.logoExists(fields.logo)
      )
        problems.push({
          file,
          line: at(['logo']),
          field: 'logo',
          message: `no file public/logos/${fields.logo} (expected the name of an SVG in public/logos/; add the file there)`,
        });
    }
  }

  if (yaml.ok && yaml.value && typeof yaml.value === 'object' && !Array.isArray(yaml.value) && parts.body.trim() !== '')
    problems.push(...checkCitations({ file, data: yaml.value as Record<string, unknown>, lineOf: yaml.lineOf, text }));

  if (parts.body.trim() === '')
    problems.push({
      file,
      line: parts.bodyLine,
      field: 'body:empty',
      message: 'the entry has no text after the frontmatter (expected at least a paragraph about the project)',
    });
  else
    for (const finding of checkMdx(compiled))
      problems.push({ file, line: finding.line, field: finding.rule, message: finding.message });

  return { problems, summary };
}
