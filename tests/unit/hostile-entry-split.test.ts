/**
 * Hostile input: every reader of an entry must see the text Astro compiles. A closing `---`
 * followed by a tab was a closing fence for Astro, not for the MDX check's parser (which read
 * on as YAML to a later `---`), so an `import` and an expression after it ran in the build.
 * Here every fence variant is fed to every reader: validation, `readEntry`, the tools' entry
 * reader, the frontmatter edits, and Astro's own split; they must agree, and whatever Astro
 * would compile as code must be refused.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractFrontmatter, parseFrontmatter } from 'astro/markdown';
import { mdxToMdast } from 'satteri';
import { afterAll, describe, expect, it } from 'vitest';
import { EntryReadError, readEntryFile } from '../../scripts/lib/entries.ts';
import { frontmatterRange } from '../../scripts/lib/frontmatter-edit.ts';
import { astroBody, astroRead, blankedBody, readEntry, splitEntry } from '../../src/validation/entry-file.ts';
import { formatProblem, validateTree, type ContentFile } from '../../src/validation/index.ts';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { decodeContentFile } from '../../src/validation/text.ts';
import { FIXTURES } from '../helpers/validation-tree.ts';

const VALID = path.join(FIXTURES, 'valid/content');
const beta = readFileSync(path.join(VALID, 'projects/beta.mdx'), 'utf8');
const YAML = splitEntry(beta)!.yaml;
const BODY = 'Beta routes traffic.\n';
/** Code after the fence, then a `---` line: a parser that reads past the fence takes the code for YAML. */
const PAYLOAD = "import { readFileSync } from 'node:fs'\n\n{readFileSync('/etc/passwd', 'utf8')}\n\n---\n\n";

/** The valid fixture's files, with beta.mdx replaced by `text`. */
function treeWith(text: string): ContentFile[] {
  const files: ContentFile[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      if (name.isDirectory()) walk(path.join(dir, name.name), `${prefix}${name.name}/`);
      else {
        const rel = `${prefix}${name.name}`;
        const bytes = rel === 'projects/beta.mdx' ? Buffer.from(text) : readFileSync(path.join(dir, name.name));
        files.push({ path: rel, display: `content/${rel}`, size: bytes.length, bytes });
      }
    }
  };
  walk(VALID, '');
  return files;
}

/** validate's problems with beta.mdx, as printed. */
const problemsOf = (text: string) =>
  validateTree(treeWith(text), { logos: new Set(['alpha.svg', 'beta.svg']), display: (p) => `content/${p}` })
    .problems.filter((p) => p.file === 'content/projects/beta.mdx')
    .map(formatProblem);

const tmp = mkdtempSync(path.join(tmpdir(), 'entry-split-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The tools' reader on the text written as a file: its data, or its one-line error. */
function toolsRead(text: string): { data?: unknown; error?: string } {
  const dir = mkdtempSync(path.join(tmp, 'e-'));
  const file = path.join(dir, 'beta.mdx');
  writeFileSync(file, text);
  try {
    return { data: readEntryFile(file).data };
  } catch (error) {
    expect(error).toBeInstanceOf(EntryReadError);
    return { error: (error as Error).message };
  }
}

/** What Astro reads: its frontmatter text and data, and the MDX text it compiles. */
function astroView(text: string): { raw?: string; data?: unknown; compiled?: string; error?: string } {
  const raw = extractFrontmatter(text);
  try {
    const parsed = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' });
    return { raw, data: raw === undefined ? undefined : parsed.frontmatter, compiled: parsed.content };
  } catch (error) {
    return { raw, error: (error as Error).message };
  }
}

/** Whether the MDX Astro compiles holds code: ESM or an expression. */
function compilesCode(mdx: string): boolean {
  let tree: { type: string; children?: unknown[] };
  try {
    tree = mdxToMdast(mdx) as never;
  } catch {
    return false; // the build stops with a syntax error: nothing runs
  }
  const stack = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (/^mdxjsEsm$|^mdx(Flow|Text)Expression$/.test(node.type)) return true;
    stack.push(...((node.children ?? []) as (typeof tree)[]));
  }
  return false;
}

/** [name, opening line, closing line]: the file is opening + YAML + closing + PAYLOAD + BODY. */
const FENCES: [string, string, string][] = [
  ['a tab after the closing ---', '---\n', '---\t\n'],
  ['a space after the closing ---', '---\n', '--- \n'],
  ['spaces and a tab after the closing ---', '---\n', '---  \t \n'],
  ['text after the closing ---', '---\n', '---x\n'],
  ['a comment after the closing ---', '---\n', '--- # end\n'],
  ['a closing ----', '---\n', '----\n'],
  ['a closing -----', '---\n', '-----\n'],
  ['a closing +++', '---\n', '+++\n'],
  ['a closing +++ and a tab', '---\n', '+++\t\n'],
  ['a line separator after the closing ---', '---\n', '---\u2028\n'],
  ['a no-break space after the closing ---', '---\n', '---\u00a0\n'],
  ['a BOM after the closing ---', '---\n', '---\ufeff\n'],
  ['a lone CR after the closing ---', '---\n', '---\r'],
  ['a CR CR LF after the closing ---', '---\n', '---\r\r\n'],
  ['an indented closing ---', '---\n', ' ---\n'],
  ['a tab-indented closing ---', '---\n', '\t---\n'],
  ['a YAML document end ...', '---\n', '...\n'],
  ['a closing -- -', '---\n', '-- -\n'],
  ['a tab after the opening ---', '---\t\n', '---\n'],
  ['a space after the opening ---', '--- \n', '---\n'],
  ['an opening ----', '----\n', '---\n'],
  ['an opening +++', '+++\n', '+++\n'],
  ['a blank line before the opening ---', '\n---\n', '---\n'],
  ['spaces before the opening ---', '  \n---\n', '---\n'],
  ['an indented opening ---', ' ---\n', '---\n'],
  ['text after the opening ---', '---x\n', '---\n'],
  ['no line break after the opening ---', '---', '---\n'],
  ['two BOMs', '\ufeff\ufeff---\n', '---\n'],
  ['a CRLF closing fence (valid: the code is in the body)', '---\n', '---\r\n'],
  ['a BOM and CRLF fences (valid: the code is in the body)', '\ufeff---\r\n', '---\r\n'],
  ['exact fences (valid: the code is in the body)', '---\n', '---\n'],
];

/** Whole files: each a different way to end or bend the frontmatter. */
const FILES: [string, string][] = [
  ['no closing fence at all', `---\n${YAML}${PAYLOAD}${BODY}`.replace(/\n---\n/g, '\n')],
  ['a ---- line inside the YAML', `---\nname: Beta\n----\n${YAML.replace('name: Beta\n', '')}---\n${PAYLOAD}${BODY}`],
  ['a +++ line inside the YAML', `---\nname: Beta\n+++ x\n${YAML.replace('name: Beta\n', '')}---\n${PAYLOAD}${BODY}`],
  ['a --- line early in the YAML', `---\nname: Beta\n---\n${YAML.replace('name: Beta\n', '')}---\n${PAYLOAD}${BODY}`],
  ['a block scalar holding a fence', `---\n${YAML}summary2: |\n  ---\t\n---\n${PAYLOAD}${BODY}`],
  ['CRLF everywhere', `---\n${YAML}---\t\n${PAYLOAD}${BODY}`.replace(/\n/g, '\r\n')],
  ['the closing fence at the end of the file', `---\n${YAML}---`],
];

const hostile: [string, string][] = [
  ...FENCES.map(([name, open, close]): [string, string] => [name, `${open}${YAML}${close}${PAYLOAD}${BODY}`]),
  ...FILES,
];

describe('every fence variant: all readers agree, and what Astro compiles as code is refused', () => {
  it.each(hostile)('%s', (_name, text) => {
    const problems = problemsOf(text);
    const ours = readEntry(text);
    const decoded = decodeContentFile(Buffer.from(text));
    const tools = toolsRead(text);
    const astro = astroView(text);

    // Validation refuses the file: every variant either bends a fence or carries code.
    expect(problems.length, 'validate passed a hostile entry').toBeGreaterThan(0);
    // Whatever Astro would compile as code is named by the MDX rules, or the file is refused before.
    if (astro.compiled !== undefined && compilesCode(astro.compiled))
      expect(problems.join('\n')).toMatch(
        /: (mdx:no-import-export|mdx:no-expression|frontmatter|file:encoding|yaml:syntax|mdx:syntax): /,
      );

    if ('missing' in ours || !decoded.ok) {
      // Refused by the reader: validate names the fence (or the line ending), and so do the tools.
      expect(problems.join('\n')).toMatch(/: (frontmatter|file:encoding): /);
      if ('missing' in ours) {
        expect(tools.error).toMatch(/beta\.mdx:\d+: /);
        expect(() => frontmatterRange(text)).toThrow();
      }
      return;
    }
    // Accepted by the reader: Astro splits exactly there, and every reader gets the same data.
    expect(astro.raw).toBe(ours.eol + ours.yaml);
    expect(frontmatterRange(text)).toMatchObject({ start: ours.yamlStart, end: ours.yamlEnd });
    let yaml: unknown;
    try {
      yaml = loadYaml(ours.yaml);
    } catch {
      // YAML that does not parse: validate said so, and so do the tools.
      expect(problems.join('\n')).toMatch(/: yaml:syntax: /);
      expect(tools.error).toMatch(/beta\.mdx: the frontmatter is not valid YAML/);
      return;
    }
    expect(tools.data).toEqual(yaml);
    expect(astro.error).toBeUndefined();
    expect(astro.data).toEqual(yaml);
    expect(astro.compiled).toBe(blankedBody(text, ours));
    expect(astroBody(text)).toBe(astro.compiled);
  });

  it('the variants Astro would compile code from are most of them, so the test above tests something', () => {
    const compiling = hostile.filter(([, text]) => {
      const astro = astroView(text);
      return astro.compiled !== undefined && compilesCode(astro.compiled);
    });
    expect(compiling.length).toBeGreaterThan(hostile.length / 2);
    // The original hole: the tab after the closing fence.
    expect(compiling.map(([name]) => name)).toContain('a tab after the closing ---');
  });

  it('the tab after the closing fence: the fence is named with its line, nothing else is read', () => {
    const text = `---\n${YAML}---\t\n${PAYLOAD}${BODY}`;
    const closing = text.split('\n').indexOf('---\t') + 1;
    expect(problemsOf(text)).toEqual([
      `content/projects/beta.mdx:${closing}: frontmatter: the frontmatter ends at "---\\t", and Astro would compile the rest of that line as MDX (expected a closing line that is exactly ---)`,
    ]);
  });
});

describe('clean bodies: exactly the fence forms every reader reads alike are accepted', () => {
  const ACCEPTED = new Set([
    'exact fences (valid: the code is in the body)',
    'a CRLF closing fence (valid: the code is in the body)',
    'a BOM and CRLF fences (valid: the code is in the body)',
  ]);
  it.each(FENCES)('%s', (name, open, close) => {
    const text = `${open}${YAML}${close}${BODY}`;
    const problems = problemsOf(text);
    if (ACCEPTED.has(name)) {
      expect(problems).toEqual([]);
      const ours = splitEntry(text)!;
      const astro = astroView(text);
      expect(astro.raw).toBe(ours.eol + ours.yaml);
      expect(astro.data).toEqual(toolsRead(text).data);
      expect(astro.compiled).toBe(blankedBody(text, ours));
    } else {
      expect(problems.length, problems.join('\n')).toBeGreaterThan(0);
      expect(toolsRead(text).error ?? 'read', name).not.toBe('read');
    }
  });
});

describe('the split validation runs is the one @astrojs/mdx compiles with', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  it('astro/markdown and @astrojs/mdx use one copy of the frontmatter helper', async () => {
    const viaMdx = await import('@astrojs/internal-helpers/frontmatter');
    expect(viaMdx.parseFrontmatter).toBe(parseFrontmatter);
    expect(existsSync(path.join(root, 'node_modules/@astrojs/mdx/node_modules/@astrojs/internal-helpers'))).toBe(false);
    expect(existsSync(path.join(root, 'node_modules/astro/node_modules/@astrojs/internal-helpers'))).toBe(false);
  });
  it('@astrojs/mdx compiles the content of parseFrontmatter with empty-with-spaces, as astroBody does', () => {
    const utils = readFileSync(path.join(root, 'node_modules/@astrojs/mdx/dist/utils.js'), 'utf8');
    expect(utils).toContain('import { parseFrontmatter } from "@astrojs/internal-helpers/frontmatter"');
    expect(utils).toContain('parseFrontmatter(code, { frontmatter: "empty-with-spaces" })');
    const plugin = readFileSync(path.join(root, 'node_modules/@astrojs/mdx/dist/vite-plugin-mdx.js'), 'utf8');
    expect(plugin).toMatch(/const \{ frontmatter, content \} = safeParseFrontmatter\(code, id\);/);
    expect(plugin).toMatch(/mdxRenderer\.process\(content, id, frontmatter\)/);
  });
});

describe("the data is Astro's reading of the YAML too", () => {
  it('a merge key (Astro merges it into the entry, js-yaml 5 does not) is refused, saying why', () => {
    const text = `---\n${YAML.replace(/^homepage: .*\n/m, '')}<<: { homepage: 'javascript:alert(1)' }\n---\n\n${BODY}`;
    expect(astroRead(text).frontmatter.homepage).toBe('javascript:alert(1)');
    expect(problemsOf(text)).toContain(
      "content/projects/beta.mdx:2: yaml:syntax: Astro's YAML parser reads the frontmatter differently from this check (a merge key, a tag or another YAML 1.1 form; expected plain YAML that every parser reads alike)",
    );
  });

  it('a tag Astro would decode is refused', () => {
    const text = `---\n${YAML.replace('name: Beta', 'name: !!binary QmV0YQ==')}---\n\n${BODY}`;
    expect(problemsOf(text).join('\n')).toMatch(/beta\.mdx:2: yaml:syntax: unknown scalar tag/);
  });

  it('an unquoted date, a Date to Astro and text here, is the same data', () => {
    const text = `---\n${YAML.replace("updated: '2026-11-22'", 'updated: 2026-11-22')}---\n\n${BODY}`;
    expect(astroRead(text).frontmatter.updated).toBeInstanceOf(Date);
    expect(problemsOf(text)).toEqual([]);
  });
});
