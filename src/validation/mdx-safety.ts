/**
 * MDX is code: an entry body could import modules, run expressions or inject scripts. This
 * check parses the body with satteri (the parser Astro's MDX integration uses, so it sees
 * exactly what the build sees) and allows only Markdown and harmless lowercase HTML: entries
 * use no components.
 */
import { mdxToMdast } from 'satteri';

export type MdxRule =
  | 'mdx:syntax'
  | 'mdx:nesting'
  | 'mdx:no-import-export'
  | 'mdx:no-expression'
  | 'mdx:forbidden-tag'
  | 'mdx:unknown-component'
  | 'mdx:event-handler'
  | 'mdx:unsafe-url'
  | 'mdx:insecure-url'
  | 'mdx:local-image'
  | 'mdx:search-attribute';

export interface MdxFinding {
  line: number;
  rule: MdxRule;
  message: string;
}

/** Lowercase tags that run code, load other documents or change the page around them. */
export const FORBIDDEN_TAGS = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'link',
  'meta',
  'form',
]);

/** Attributes whose value the browser loads or navigates to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'poster',
  'cite',
  'background',
  'data',
  'codebase',
  'ping',
  'xlink:href',
  'longdesc',
  'usemap',
  'manifest',
  'icon',
  'lowsrc',
  'dynsrc',
  'profile',
  'classid',
  'archive',
]);

const NAMED_ENTITIES: Record<string, string> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  nbsp: ' ',
  sol: '/',
  lpar: '(',
  rpar: ')',
  period: '.',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Decode character references once more: the parser decoded them, a browser might again. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * What a browser skips when it reads a URL's scheme: spaces, control characters, soft hyphens,
 * zero-width and direction marks, line and paragraph separators, the byte-order mark.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const IGNORED_IN_URLS = /[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g;

/**
 * The script-capable scheme a URL uses (`javascript`, `vbscript`, `data`), or undefined.
 * Browsers ignore case, whitespace and control characters inside a scheme, so they are
 * removed before looking.
 */
export function unsafeScheme(url: string): string | undefined {
  const cleaned = decodeEntities(decodeEntities(url)).replace(IGNORED_IN_URLS, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1];
  return scheme === 'javascript' || scheme === 'vbscript' || scheme === 'data' ? scheme : undefined;
}

/**
 * Why a link target is refused though its scheme runs nothing, or undefined: `http:` (also
 * written with entities or odd case), any other scheme than `https:` (`file:`, `smb:`, `ftp:`,
 * `mailto:`: a reader's machine would open them), and `//host`, which is another site under
 * whatever scheme the page has. The message ends with what is expected.
 */
export function insecureTarget(url: string): string | undefined {
  const cleaned = decodeEntities(decodeEntities(url)).replace(IGNORED_IN_URLS, '');
  if (/^http:/i.test(cleaned)) return 'uses http:// (expected https://)';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1];
  if (scheme && scheme.toLowerCase() !== 'https')
    return `uses the ${scheme.toLowerCase()}: scheme (expected https:// or a path inside the site)`;
  if (/^[\\/]{2}/.test(cleaned))
    return 'is a protocol-relative link to another host (expected https://host/… or a path inside the site)';
  return undefined;
}

/**
 * Why an image source is refused, or undefined. Astro imports an image whose source is a
 * relative path (`![x](../../x.png)`) as a module: the build would read, and publish, a file
 * from wherever the path leads on its machine. Images are `https://` (the CSP keeps them off the
 * page) or a root path into public/, whose files are all checked.
 */
export function localImageSource(url: string): string | undefined {
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // Astro's own decodeURI would throw too: the value is refused below as it is.
  }
  for (const value of [url, decoded].map((v) => decodeEntities(v).trim()))
    if (!/^https:\/\//i.test(value) && !/^\/(?![\\/])/.test(value))
      return 'is a relative path, which the build would read as a file of its machine (expected /figures/<name>.svg or https://)';
  return undefined;
}

/** Attributes Pagefind reads from the page: in a body they would change another page's search entry. */
const SEARCH_ATTRIBUTE = /^data-pagefind/i;

/**
 * One block container opening at the start of a line: a quote marker, or a list item marker
 * (`-`, `+`, `*`, `1.`, `1)`) followed by a space, a tab or the end of the line. Several can
 * open on one line (`- - - x`, `> 1. > x`), and each is one level of the parser's recursion.
 */
const CONTAINER = /^[ \t]{0,3}(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

/**
 * How deeply block quotes, list items (also several opened on one line), list indentation and
 * tags nest, and the first line that reaches the deepest level: a cheap count made before the
 * parser sees the text. It may count more than the parser nests (a `* * *` rule counts three),
 * never less for these constructs.
 */
export function nestingDepth(source: string): { depth: number; line: number } {
  let best = { depth: 0, line: 1 };
  let tags = 0;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    // Blank lines nest nothing (the frontmatter Astro blanks out is long lines of spaces).
    if (text.trim() === '') continue;
    let rest = text;
    let containers = 0;
    for (let m = CONTAINER.exec(rest); m && m[0] !== ''; m = CONTAINER.exec(rest)) {
      containers++;
      rest = rest.slice(m[0].length);
    }
    const indent = Math.floor(/^[ \t]*/.exec(rest)![0].replace(/\t/g, '    ').length / 2);
    let deepest = tags;
    for (const m of text.matchAll(/<(\/?)[A-Za-z][^>]*?(\/?)>/g)) {
      if (m[1]) tags = Math.max(0, tags - 1);
      else if (!m[2]) deepest = Math.max(deepest, ++tags);
    }
    const depth = containers + indent + deepest;
    if (depth > best.depth) best = { depth, line: i + 1 };
  }
  return best;
}

/**
 * The depth of a parsed tree below its root, and the line of the first node at the deepest
 * level: walked with a stack, so no tree can overflow it. Counts what the parser nested,
 * inline emphasis and links included, which the line count above cannot see.
 */
export function treeDepth(tree: MdastLike): { depth: number; line: number } {
  let best = { depth: 0, line: 1 };
  const stack: [MdastLike, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > best.depth) best = { depth, line: node.position?.start.line ?? best.line };
    for (const child of node.children ?? []) stack.push([child, depth + 1]);
  }
  return best;
}

/**
 * Deepest nesting of Markdown and JSX an entry may have (a page is a few levels deep). The
 * compiler behind the build recurses on nesting: 2,000 list items opened on one line made
 * 128 MB of JavaScript, 20,000 crashed the build with a segmentation fault naming no file.
 */
export const MAX_MDX_DEPTH = 64;

export interface MdastLike {
  type: string;
  name?: string | null;
  url?: string;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdastLike[];
  position?: { start: { line: number } };
}

/**
 * Check the MDX text Astro compiles: the file with its frontmatter blanked out by Astro's own
 * split (`astroBody` in entry-file.ts), so lines are the file's own lines.
 */
export function checkMdx(source: string): MdxFinding[] {
  let tree: MdastLike;
  // Nesting is counted before parsing: the parser recurses, and 20,000 nested block quotes
  // overflowed its stack (and ours) instead of giving an error that names the file.
  const depth = nestingDepth(source);
  if (depth.depth > MAX_MDX_DEPTH)
    return [
      {
        line: depth.line,
        rule: 'mdx:nesting',
        message: `Markdown or HTML nested ${depth.depth} levels deep (expected at most ${MAX_MDX_DEPTH})`,
      },
    ];
  try {
    tree = mdxToMdast(source) as unknown as MdastLike;
  } catch (error) {
    if (error instanceof RangeError)
      return [
        {
          line: 1,
          rule: 'mdx:syntax',
          message: `the document is too deeply nested to parse (${error.message}; expected at most ${MAX_MDX_DEPTH} levels)`,
        },
      ];
    const message = error instanceof Error ? error.message : String(error);
    const at = /^(\d+):(\d+):\s*/.exec(message);
    return [
      {
        line: at ? Number(at[1]) : 1,
        rule: 'mdx:syntax',
        message: `${at ? message.slice(at[0].length) : message} (expected valid MDX: close every tag, write { and < as \\{ and \\< in prose)`,
      },
    ];
  }

  const parsed = treeDepth(tree);
  if (parsed.depth > MAX_MDX_DEPTH)
    return [
      {
        line: parsed.line,
        rule: 'mdx:nesting',
        message: `Markdown or HTML nested ${parsed.depth} levels deep (emphasis, links, lists or tags inside each other; expected at most ${MAX_MDX_DEPTH})`,
      },
    ];

  const findings: MdxFinding[] = [];
  const add = (node: MdastLike, rule: MdxRule, message: string) =>
    findings.push({ line: node.position?.start.line ?? 1, rule, message });

  const unsafe = (node: MdastLike, where: string, scheme: string) =>
    add(node, 'mdx:unsafe-url', `${where} uses a ${scheme}: URL (expected https:// or a path inside the site)`);

  const checkElement = (node: MdastLike) => {
    const name = node.name;
    const tag = name ?? '';
    if (name && /[.:]/.test(name)) {
      add(node, 'mdx:forbidden-tag', `<${name}> refers to a variable or namespace (expected a plain HTML tag)`);
    } else if (name && /^[A-Z]/.test(name)) {
      add(
        node,
        'mdx:unknown-component',
        `<${name}> is not an entry component (expected Markdown or plain HTML; entries use no components)`,
      );
    } else if (name && FORBIDDEN_TAGS.has(name.toLowerCase())) {
      add(
        node,
        'mdx:forbidden-tag',
        `<${name}> is not allowed in an entry (expected Markdown or plain HTML without ${[...FORBIDDEN_TAGS].join('/')})`,
      );
    }
    for (const attribute of node.attributes ?? []) {
      if (attribute.type !== 'mdxJsxAttribute') {
        add(node, 'mdx:no-expression', `<${tag}> has a spread attribute {…} (expected plain name="value" attributes)`);
        continue;
      }
      const attrName = attribute.name ?? '';
      if (SEARCH_ATTRIBUTE.test(attrName))
        add(
          node,
          'mdx:search-attribute',
          `<${tag} ${attrName}> sets what the site search shows or ranks (expected no data-pagefind-* attributes: the layout sets them)`,
        );
      if (/^on/i.test(attrName))
        add(
          node,
          'mdx:event-handler',
          `<${tag} ${attrName}> is an event handler (expected no on* attributes: entries run no scripts)`,
        );
      if (attribute.value !== null && typeof attribute.value === 'object') {
        add(node, 'mdx:no-expression', `<${tag} ${attrName}={…}> uses an expression (expected a quoted string value)`);
        continue;
      }
      if (typeof attribute.value === 'string') {
        // `data:` is only dangerous where the browser loads the value; `javascript:` anywhere.
        const loads = URL_ATTRIBUTES.has(attrName.toLowerCase());
        for (const part of attrName.toLowerCase() === 'srcset' ? attribute.value.split(',') : [attribute.value]) {
          const scheme = unsafeScheme(part.trim());
          if (scheme && (loads || scheme !== 'data')) unsafe(node, `<${tag} ${attrName}>`, scheme);
          // The same rules as a Markdown link: a link written as JSX is no exception.
          else if (loads) {
            const insecure = insecureTarget(part.trim());
            if (insecure)
              add(node, 'mdx:insecure-url', `<${tag} ${attrName}="${part.trim().slice(0, 60)}"> ${insecure}`);
          }
        }
      }
    }
  };

  /** Checks one node; true when its children are to be checked too. */
  const visit = (node: MdastLike): boolean | void => {
    switch (node.type) {
      case 'yaml':
      case 'toml':
        // Astro blanks the frontmatter before compiling; a second block here means the two
        // parsers read the file differently, so it is refused rather than skipped.
        add(
          node,
          'mdx:syntax',
          'a frontmatter block inside the body (expected one frontmatter at the top of the file, closed by a line that is exactly ---)',
        );
        return;
      case 'mdxjsEsm':
        add(
          node,
          'mdx:no-import-export',
          'import/export statements are not allowed (expected plain Markdown; entries may not load or define code)',
        );
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        add(
          node,
          'mdx:no-expression',
          `{${String(node.value ?? '').slice(0, 30)}} is an MDX expression (expected plain text; write a literal brace as \\{)`,
        );
        return;
      case 'html':
        add(node, 'mdx:forbidden-tag', 'raw HTML is not allowed (expected Markdown or plain HTML tags)');
        return;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node);
        break;
      case 'link':
      case 'image':
      case 'definition':
        if (typeof node.url === 'string') {
          const scheme = unsafeScheme(node.url);
          const insecure = scheme ? undefined : insecureTarget(node.url);
          if (scheme) unsafe(node, `the Markdown ${node.type} target ${JSON.stringify(node.url.slice(0, 40))}`, scheme);
          else if (insecure)
            add(
              node,
              'mdx:insecure-url',
              `the Markdown ${node.type} target ${JSON.stringify(node.url.slice(0, 60))} ${insecure}`,
            );
          // A definition may be an image's source ([x]: ../x.png then ![a][x]).
          const local = !scheme && !insecure && node.type !== 'link' ? localImageSource(node.url) : undefined;
          if (local)
            add(
              node,
              'mdx:local-image',
              `the Markdown ${node.type} source ${JSON.stringify(node.url.slice(0, 60))} ${local}`,
            );
        }
        break;
    }
    return true;
  };
  // Iterative, so no document can overflow the stack here.
  const stack: MdastLike[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === true) stack.push(...[...(node.children ?? [])].reverse());
  }
  return findings;
}
