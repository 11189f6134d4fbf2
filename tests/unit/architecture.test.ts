/**
 * The house rules of ARCHITECTURE.md, checked on the tree: everything in src/ is reached from
 * what the build starts with (routes, the content config, the integrations); src/ never reaches
 * outside itself (scripts/ and tests/ depend on it, not the other way); src/data/ is layered
 * (rules, model, views, exports, site: each imports only the layers below it, none imports the
 * query modules or the presentation); the scripts reach into src/ only for the shared rules;
 * and no module imports itself back through a cycle.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(root, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const isCode = (f: string) => /\.(ts|astro|mjs)$/.test(f) && !f.endsWith('.d.ts');
const files = walk(SRC).filter(isCode);

/** Relative imports of a file (static, dynamic, side-effect and `export … from`), resolved to paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(?\s*['"](\.[^'"]+)['"]/g),
  ].map((m) => m[1] ?? m[2]);
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(root, f);
const under = (...parts: string[]) => {
  const dir = path.join(SRC, ...parts) + path.sep;
  return (f: string) => f.startsWith(dir);
};

/** The layers of src/data/, lowest first, and what each may import from src/ besides itself. */
const DATA = path.join(SRC, 'data');
const LAYERS = ['rules', 'model', 'views', 'exports'] as const;
const SHARED = [under('schemas')];
const mayImport: Record<(typeof LAYERS)[number] | 'site', ((f: string) => boolean)[]> = {
  rules: [...SHARED, under('data', 'rules')],
  model: [...SHARED, under('data', 'rules'), under('data', 'model')],
  views: [...SHARED, under('data', 'rules'), under('data', 'model'), under('data', 'views'), under('data', 'site')],
  exports: [
    ...SHARED,
    under('data', 'rules'),
    under('data', 'model'),
    under('data', 'views'),
    under('data', 'exports'),
    under('data', 'site'),
  ],
  site: [under('data', 'site')],
};

/** What the scripts may reach in src/: the rules they share with the site, and nothing that needs Astro. */
const forScripts = [
  under('schemas'),
  under('validation'),
  under('data', 'rules'),
  (f: string) => f === path.join(SRC, 'og', 'svg.ts'),
];

describe('the house (ARCHITECTURE.md)', () => {
  it('has every file of src/ reached from the routes, the content config or the integrations', () => {
    const entries = [
      ...files.filter((f) => f.startsWith(path.join(SRC, 'pages') + path.sep)),
      path.join(SRC, 'content.config.ts'),
      ...importsOf(path.join(root, 'astro.config.mjs')),
    ];
    // The share-image worker is started by path, not imported (src/og/render-pool.ts).
    entries.push(path.join(SRC, 'og', 'render-worker.ts'));
    const seen = new Set<string>();
    const stack = [...entries];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      stack.push(...(graph.get(f) ?? []));
    }
    expect(files.filter((f) => !seen.has(f)).map(rel)).toEqual([]);
  });

  it('keeps src/ to itself: no import of scripts/, tests/ or anything above src/', () => {
    const outward = [...graph].flatMap(([f, deps]) =>
      deps.filter((d) => !d.startsWith(SRC + path.sep)).map((d) => `${rel(f)} -> ${rel(d)}`),
    );
    expect(outward).toEqual([]);
  });

  it('keeps the validation rules free of presentation (components, layouts, pages)', () => {
    const ui = ['components', 'layouts', 'pages'].map((d) => path.join(SRC, d) + path.sep);
    const bad = [...graph]
      .filter(
        ([f]) =>
          f.startsWith(path.join(SRC, 'validation') + path.sep) || f.startsWith(path.join(SRC, 'schemas') + path.sep),
      )
      .flatMap(([f, deps]) => deps.filter((d) => ui.some((u) => d.startsWith(u))).map((d) => `${rel(f)} -> ${rel(d)}`));
    expect(bad).toEqual([]);
  });

  it('layers src/data/: each group imports only the groups below it', () => {
    const bad = [...graph].flatMap(([f, deps]) => {
      const group = (Object.keys(mayImport) as (keyof typeof mayImport)[]).find((g) => under('data', g)(f));
      if (!group) return [];
      return deps
        .filter((d) => d.startsWith(SRC + path.sep) && !mayImport[group].some((ok) => ok(d)))
        .map((d) => `${rel(f)} -> ${rel(d)}`);
    });
    expect(bad).toEqual([]);
  });

  it('keeps the groups of src/data/ pure: only the query modules at its top read collections', () => {
    const grouped = files.filter((f) => f.startsWith(DATA + path.sep) && path.dirname(f) !== DATA);
    expect(grouped.length).toBeGreaterThan(0);
    const readers = grouped.filter((f) => /['"]astro:content['"]/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(readers).toEqual([]);
    const queries = files.filter((f) => path.dirname(f) === DATA);
    const bad = grouped.flatMap((f) =>
      graph
        .get(f)!
        .filter((d) => queries.includes(d))
        .map((d) => `${rel(f)} -> ${rel(d)}`),
    );
    expect(bad).toEqual([]);
    expect(LAYERS.every((l) => grouped.some(under('data', l)))).toBe(true);
  });

  it('keeps src/data/ free of presentation and of the build (components, layouts, pages, client, og, integrations)', () => {
    const outside = ['components', 'layouts', 'pages', 'client', 'og', 'integrations'].map((d) => under(d));
    const bad = [...graph]
      .filter(([f]) => f.startsWith(DATA + path.sep))
      .flatMap(([f, deps]) => deps.filter((d) => outside.some((o) => o(d))).map((d) => `${rel(f)} -> ${rel(d)}`));
    expect(bad).toEqual([]);
  });

  it('lets the scripts reach into src/ only for the shared rules (schemas, validation, data/rules, og/svg.ts)', () => {
    const scripts = walk(path.join(root, 'scripts')).filter(isCode);
    const reached = new Set<string>();
    const stack = scripts.flatMap((f) => importsOf(f)).filter((d) => d.startsWith(SRC + path.sep));
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (reached.has(f)) continue;
      reached.add(f);
      stack.push(...(graph.get(f) ?? []));
    }
    expect(reached.size).toBeGreaterThan(0);
    expect([...reached].filter((f) => !forScripts.some((ok) => ok(f))).map(rel)).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) if (graph.has(d)) visit(d, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});

describe('one reader of entries, one YAML loader', () => {
  const code = ['src', 'scripts', 'tests']
    .flatMap((d) => walk(path.join(root, d)))
    .filter((f) => /\.(ts|astro|mjs)$/.test(f) && !f.includes(`${path.sep}fixtures${path.sep}`))
    .concat(path.join(root, 'astro.config.mjs'));

  it("calls js-yaml's load only in src/validation/safe-yaml.ts (the loader with limits)", () => {
    const direct = code.filter((f) => {
      const text = readFileSync(f, 'utf8');
      const named = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]js-yaml['"]/g)].some((m) =>
        /\bload(All)?\b/.test(m[1]),
      );
      const whole = /import\s+(\*\s+as\s+)?\w+\s+from\s*['"]js-yaml['"]|require\(\s*['"]js-yaml['"]\s*\)/.test(text);
      return named || whole;
    });
    expect(direct.map(rel)).toEqual(['src/validation/safe-yaml.ts']);
  });

  it('lets no code pick entry files by extension: isEntryFile is the one definition', () => {
    const own = code
      .filter(
        (f) =>
          !f.includes(`${path.sep}tests${path.sep}unit${path.sep}`) &&
          !f.includes(`${path.sep}tests${path.sep}scripts${path.sep}`),
      )
      .filter((f) => /endsWith\(\s*['"]\.mdx?['"]\s*\)|['"]\.md['"]\s*\)/.test(readFileSync(f, 'utf8')));
    expect(own.map(rel)).toEqual([]);
  });

  it('has the tools and the test helpers read entries through scripts/lib/entries.ts', () => {
    const readers = [
      'scripts/crates.ts',
      'scripts/discover.ts',
      'scripts/sync-landscape.ts',
      'tests/helpers/content.ts',
    ];
    for (const file of [...readers, 'scripts/lib/history/run.ts', 'scripts/new-entry.ts', 'scripts/import-logos.ts'])
      expect(readFileSync(path.join(root, file), 'utf8'), file).toMatch(
        /from '(\.\.\/)*(scripts\/)?lib\/entries\.ts'|from '\.\.\/entries\.ts'|from '\.\/lib\/entries\.ts'/,
      );
  });
});

describe('SECURITY.md', () => {
  it('names only files that exist (paths moved once and the guide kept the old ones)', () => {
    const text = readFileSync(path.join(root, 'SECURITY.md'), 'utf8');
    const paths = [...text.matchAll(/`((?:src|scripts|tests|content|public|data)\/[^`*<>]+?)`/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(10);
    const missing = paths.filter((p) => !existsSync(path.join(root, p.replace(/\/$/, ''))));
    expect(missing).toEqual([]);
  });
});
