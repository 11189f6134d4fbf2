/**
 * MDX is code: an entry body could import modules, run expressions or inject scripts. This
 * check parses the body with satteri (the parser Astro's MDX integration uses, so it sees
 * exactly what the build sees) and allows only Markdown and harmless lowercase HTML: entries
 * use no components.
 */
import { mdxToMdast } from 'satteri';

export type MdxRule =
  | 'mdx:syntax'
  | 'mdx:no-import-export'
  | 'mdx:no-expression'
  | 'mdx:forbidden-tag'
  | 'mdx:unknown-component'
  | 'mdx:event-handler'
  | 'mdx:unsafe-url'
  | 'mdx:insecure-url';

export interface MdxFinding {
  line: number;
  rule: MdxRule;
  message: string;
}

/** Lowercase tags that run code, load other documents or change the page around them. */
export const FORBIDDEN_TAGS = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta', 'form',
]);

/** Attributes whose value the browser loads or navigates to. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'poster', 'cite', 'background', 'data', 'codebase',
  'ping', 'xlink:href', 'longdesc', 'usemap', 'manifest', 'icon', 'lowsrc', 'dynsrc', 'profile', 'classid', 'archive',
]);

const NAMED_ENTITIES: Record<string, string> = {
  colon: ':', tab: '\t', newline: '\n', nbsp: ' ', sol: '/', lpar: '(', rpar: ')', period: '.', amp: '&', quot: '"', apos: "'",
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
 * The script-capable scheme a URL uses (`javascript`, `vbscript`, `data`), or undefined.
 * Browsers ignore case, whitespace and control characters inside a scheme, so they are
 * removed before looking.
 */
export function unsafeScheme(url: string): string | undefined {
  const cleaned = decodeEntities(decodeEntities(url))
    .replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1];
  return scheme === 'javascript' || scheme === 'vbscript' || scheme === 'data' ? scheme : undefined;
}


interface MdastLike {
  type: string;
  name?: string | null;
  url?: string;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdastLike[];
  position?: { start: { line: number } };
}

/** Check an MDX document (frontmatter included, so lines are the file's own lines). */
export function checkMdx(source: string): MdxFinding[] {
  let tree: MdastLike;
  try {
    tree = mdxToMdast(source) as unknown as MdastLike;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /^(\d+):(\d+):\s*/.exec(message);
    return [{
      line: at ? Number(at[1]) : 1,
      rule: 'mdx:syntax',
      message: `${at ? message.slice(at[0].length) : message} (expected valid MDX: close every tag, write { and < as \\{ and \\< in prose)`,
    }];
  }

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
      add(node, 'mdx:unknown-component', `<${name}> is not an entry component (expected Markdown or plain HTML; entries use no components)`);
    } else if (name && FORBIDDEN_TAGS.has(name.toLowerCase())) {
      add(node, 'mdx:forbidden-tag', `<${name}> is not allowed in an entry (expected Markdown or plain HTML without ${[...FORBIDDEN_TAGS].join('/')})`);
    }
    for (const attribute of node.attributes ?? []) {
      if (attribute.type !== 'mdxJsxAttribute') {
        add(node, 'mdx:no-expression', `<${tag}> has a spread attribute {…} (expected plain name="value" attributes)`);
        continue;
      }
      const attrName = attribute.name ?? '';
      if (/^on/i.test(attrName)) add(node, 'mdx:event-handler', `<${tag} ${attrName}> is an event handler (expected no on* attributes: entries run no scripts)`);
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
        }
      }
    }
  };

  const visit = (node: MdastLike) => {
    switch (node.type) {
      case 'yaml':
      case 'toml':
        return;
      case 'mdxjsEsm':
        add(node, 'mdx:no-import-export', 'import/export statements are not allowed (expected plain Markdown; entries may not load or define code)');
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        add(node, 'mdx:no-expression', `{${String(node.value ?? '').slice(0, 30)}} is an MDX expression (expected plain text; write a literal brace as \\{)`);
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
          if (scheme) unsafe(node, `the Markdown ${node.type} target ${JSON.stringify(node.url.slice(0, 40))}`, scheme);
          else if (/^http:/i.test(node.url.trim()))
            add(node, 'mdx:insecure-url', `the Markdown ${node.type} target ${JSON.stringify(node.url.slice(0, 60))} uses http:// (expected https://)`);
        }
        break;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return findings;
}
