/** The pure functions behind the reader's pages: Rust share, health links, rankings, search index words, table state. */
import { describe, expect, it } from 'vitest';
import { projectRustShare, shownProjectShare, sourceBytes } from '../../src/data/rules/rust-share.ts';
import { healthLinks, healthLinksByName } from '../../src/data/views/health-links.ts';
import { mostRust } from '../../src/data/views/ranking.ts';
import {
  WORD_JOINER,
  joinSingleLetters,
  searchAliases,
  searchRoles,
  withoutJoiners,
} from '../../src/data/views/search-index.ts';
import { catalogStats } from '../../src/data/views/stats.ts';
import { repoLinks } from '../../src/data/site/site-options.ts';
import {
  columnTotal,
  facetCounts,
  parseState,
  serializeState,
  visibleRows,
  type RowData,
  type TableSchema,
} from '../../src/data/views/table-state.ts';
import { measurement, project } from '../helpers/fixtures.ts';

describe('Rust share', () => {
  it('derives a repository denominator from its Rust bytes and share', () => {
    expect(sourceBytes({ bytes: 500, rustShare: 50 })).toBe(1000);
    expect(sourceBytes({ bytes: 0, rustShare: 0 })).toBeUndefined();
  });

  it('takes the denominator as recorded when the measurement has programmingBytes', () => {
    expect(sourceBytes({ bytes: 500, rustShare: 50, programmingBytes: 1003 })).toBe(1003);
    expect(sourceBytes({ bytes: 0, rustShare: 0, programmingBytes: 4000 })).toBe(4000);
    expect(sourceBytes({ bytes: 0, rustShare: 0, programmingBytes: 0 })).toBeUndefined();
  });

  it("counts the project's code without Rust: other repositories add to the denominator only", () => {
    // A Rust client library beside a Go server nine times its size: 10 %, not 100 %.
    const client = { bytes: 1000, rustShare: 100, programmingBytes: 1000 };
    const server = { bytes: 0, rustShare: 0, programmingBytes: 9000 };
    expect(projectRustShare([client])).toBe(100);
    expect(projectRustShare([client], [server])).toBeCloseTo(10, 6);
    // Other code alone, with no Rust anywhere, gives no share.
    expect(projectRustShare([], [server])).toBeUndefined();
  });

  it('is not shown when some of the known code is not measured', () => {
    const client = { bytes: 1000, rustShare: 100, programmingBytes: 1000 };
    const server = { bytes: 0, rustShare: 0, programmingBytes: 9000 };
    expect(shownProjectShare([client], [server], [])).toBeCloseTo(10, 6);
    expect(shownProjectShare([client], [server], [{ repo: 'x/operator', reason: 'Not copied yet.' }])).toBeUndefined();
  });

  it('weighs repositories by their size, not one vote each', () => {
    // 900 of 1,000 bytes and 100 of 1,000 bytes: 1,000 of 2,000, not the mean of 90% and 10% by accident.
    expect(
      projectRustShare([
        { bytes: 900, rustShare: 90 },
        { bytes: 100, rustShare: 10 },
      ]),
    ).toBeCloseTo(50, 6);
    expect(
      projectRustShare([
        { bytes: 9000, rustShare: 90 },
        { bytes: 100, rustShare: 10 },
      ]),
    ).toBeCloseTo((9100 / 11000) * 100, 6);
  });

  it('is undefined when no repository holds Rust, and ignores repositories without a share', () => {
    expect(projectRustShare([{ bytes: 0, rustShare: 0 }])).toBeUndefined();
    expect(projectRustShare([])).toBeUndefined();
    expect(
      projectRustShare([
        { bytes: 0, rustShare: 0 },
        { bytes: 300, rustShare: 75 },
      ]),
    ).toBeCloseTo(75, 6);
  });

  it('is on every catalog project', () => {
    const p = project('x', {
      rustRepos: [
        { repo: 'x/x', role: 'Main', measurement: measurement({ bytes: 100, rustShare: 25, bytesRaw: 100 }) },
      ],
    });
    expect(p.rustShare).toBeCloseTo(25, 6);
  });

  it("is a catalog project's share over its other repositories too, with what it covers", () => {
    const rust = {
      repo: 'x/client',
      role: 'Client',
      measurement: measurement({ bytes: 100, rustShare: 100, programmingBytes: 100, bytesRaw: 100 }),
    };
    const other = {
      repo: 'x/server',
      role: 'Server',
      measurement: measurement({
        files: 0,
        bytes: 0,
        lines: 0,
        codeLines: 0,
        bytesRaw: 0,
        rustShare: 0,
        programmingBytes: 300,
      }),
    };
    const p = project('x', { rustRepos: [rust], otherRepos: [other] });
    expect(p.rustShare).toBeCloseTo(25, 6);
    expect(p.shareCoverage).toEqual({ measured: ['x/client', 'x/server'], unmeasured: [] });
    // The totals stay Rust's own.
    expect(p.totals.bytes).toBe(100);
    const partial = project('x', {
      rustRepos: [rust],
      otherRepos: [other],
      unmeasuredRepos: [{ repo: 'x/ui', reason: 'Not measured yet.' }],
    });
    expect(partial.rustShare).toBeUndefined();
    expect(partial.shareCoverage.unmeasured).toEqual([{ repo: 'x/ui', reason: 'Not measured yet.' }]);
  });
});

describe('health links', () => {
  const doc = {
    landscape: [
      {
        name: 'Cat',
        subcategories: [
          {
            name: 'Sub',
            items: [
              {
                name: 'TiKV',
                project: 'graduated',
                extra: { clomonitor_name: 'tikv', dev_stats_url: 'https://tikv.devstats.cncf.io/', lfx_slug: 'tikv' },
              },
              { name: 'Bare', project: 'sandbox' },
              { name: 'Not a project', extra: { clomonitor_name: 'nope' } },
              {
                name: 'Odd',
                project: 'sandbox',
                extra: { clomonitor_name: 'a b', dev_stats_url: 'http://insecure.example', lfx_slug: '' },
              },
            ],
          },
          { name: 'Empty', items: null },
        ],
      },
    ],
  };

  it('links CLOMonitor, DevStats and LFX Insights in that order where the landscape has them', () => {
    expect(
      healthLinksByName(doc)
        .get('TiKV')!
        .map((l) => [l.label, l.url]),
    ).toEqual([
      ['CLOMonitor', 'https://clomonitor.io/projects/cncf/tikv'],
      ['DevStats', 'https://tikv.devstats.cncf.io/'],
      ['LFX Insights', 'https://insights.linuxfoundation.org/project/tikv'],
    ]);
  });

  it('gives no link for a missing or malformed field, and skips items that are not CNCF projects', () => {
    const byName = healthLinksByName(doc);
    expect(byName.get('Bare')).toEqual([]);
    expect(byName.get('Odd')).toEqual([]);
    expect(byName.has('Not a project')).toBe(false);
    expect(healthLinks(undefined)).toEqual([]);
    expect(healthLinksByName('not a landscape').size).toBe(0);
  });
});

describe('home figures', () => {
  const big = project('big', {
    name: 'Big',
    rustRepos: [{ repo: 'b/b', role: 'Main', measurement: measurement({ codeLines: 900, lines: 1000 }) }],
  });
  const small = project('small', {
    name: 'Small',
    maturity: 'graduated',
    rustRepos: [{ repo: 's/s', role: 'Main', measurement: measurement({ codeLines: 100, lines: 200 }) }],
  });
  const tie = project('tie', {
    name: 'Aaa',
    rustRepos: [{ repo: 't/t', role: 'Main', measurement: measurement({ codeLines: 100, lines: 150 }) }],
  });
  const none = project('none', {
    name: 'None',
    rustUsage: 'none-found',
    maturity: 'graduated',
    rustRepos: [
      {
        repo: 'n/n',
        role: 'Main',
        measurement: measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, bytesRaw: 0, rustShare: 0 }),
      },
    ],
  });

  it('ranks projects by code lines, ties by name, none-found left out', () => {
    expect(mostRust([small, none, big, tie], 10).map((p) => p.slug)).toEqual(['big', 'tie', 'small']);
    expect(mostRust([small, none, big, tie], 1).map((p) => p.slug)).toEqual(['big']);
  });

  it('counts projects with Rust per maturity level, adding up to the projects with Rust', () => {
    const stats = catalogStats([big, small, tie, none]);
    expect(stats.rustByMaturity).toEqual({ sandbox: 2, incubating: 0, graduated: 1, archived: 0 });
    expect(Object.values(stats.rustByMaturity).reduce((a, b) => a + b, 0)).toBe(stats.rustProjects);
    expect(stats.byMaturity.graduated).toBe(2);
  });

  it('links the contributing guide and the repository of the configured repository', () => {
    expect(repoLinks({ url: 'https://github.com/o/r', branch: 'main' })).toEqual({
      repository: 'https://github.com/o/r',
      contributing: 'https://github.com/o/r/blob/main/CONTRIBUTING.md',
    });
  });
});

describe('search index words', () => {
  const J = WORD_JOINER;
  it('joins single letters and C-family names to an invisible character, keeping every word of the text', () => {
    const html = '<p>Written in C++ and C, with C/C++ and C# bindings; a Go API.</p>';
    const out = joinSingleLetters(html);
    expect(out).toBe(`<p>Written in C${J}++ and C${J}, with C${J}/C${J}++ and C${J}# bindings; a${J} Go API.</p>`);
    // What a reader sees in an excerpt is the text as written.
    expect(withoutJoiners(out)).toBe(html);
    // A letter after or before an underscore is a word of its own to the index.
    expect(joinSingleLetters('<td>pravega_client_c and c_api</td>')).toBe(
      `<td>pravega_client_c${J} and c${J}_api</td>`,
    );
    expect(joinSingleLetters('<code>pub extern &quot;C&quot; fn</code> &amp; &#x43;')).toBe(
      `<code>pub extern &quot;C${J}&quot; fn</code> &amp; &#x43;`,
    );
    // As a quoted source spells them too: "Generate c++ header", "（以 c++ 版本举例）".
    expect(joinSingleLetters('<q>Generate c++ header, c# and c/c++ too</q>')).toBe(
      `<q>Generate c${J}++ header, c${J}# and c${J}/c${J}++ too</q>`,
    );
  });

  it("gives a project's repository roles as one search field, without the commas Pagefind splits metadata at", () => {
    expect(
      searchRoles({
        rustRepos: [{ role: 'Kubernetes client, runtime and derive macros for Rust' }, { role: 'Examples' }],
      }),
    ).toBe('Kubernetes client · runtime and derive macros for Rust · Examples');
    expect(searchRoles({ rustRepos: [{ role: 'Main repository (C++ and Python)' }] })).toBe(
      `Main repository (C${WORD_JOINER}++ and Python)`,
    );
  });

  it('leaves tags, attributes, scripts, entities and words with apostrophes alone', () => {
    const html = '<a href="/a/b" title="a b">Rust&#39;s way</a><script>var a = 1;</script><style>p{a:b}</style>';
    expect(joinSingleLetters(html)).toBe(html);
    expect(joinSingleLetters('<p>e.g. x86, k8s, wasm32</p>')).toBe(`<p>e${J}.g. x86, k8s, wasm32</p>`);
  });

  it('gives a project its other names and its categories’ aliases, each once', () => {
    expect(
      searchAliases({
        name: 'The Update Framework (TUF)',
        landscapeName: 'The Update Framework (TUF)',
        slug: 'tuf',
        categories: ['supply-chain-security'],
      }),
    ).toEqual(['tuf']);
    expect(
      searchAliases({
        name: 'kube-rs',
        landscapeName: 'kube-rs',
        slug: 'kube-rs',
        categories: ['webassembly', 'ebpf'],
      }),
    ).toEqual(['kube rs', 'WebAssembly', 'Wasm', 'WASI', 'eBPF', 'BPF']);
  });
});

describe('table state: name filter, filter counts, subtotal', () => {
  const schema: TableSchema = {
    columns: { name: 'text', code: 'number' },
    facets: { maturity: ['sandbox', 'graduated'], usage: ['pure', 'sdk'], category: ['a', 'b'] },
  };
  const row = (
    slug: string,
    name: string,
    maturity: string,
    usage: string,
    categories: string[],
    code: string,
  ): RowData => ({ slug, name, maturity, usage, categories, values: { name, code } });
  const rows = [
    row('linkerd', 'Linkerd', 'graduated', 'pure', ['a'], '100'),
    row('tikv', 'TiKV', 'graduated', 'sdk', ['a', 'b'], '50'),
    row('kube', 'kube-rs', 'sandbox', 'pure', ['b'], '10'),
    row('none', 'Paralus', 'sandbox', 'sdk', ['b'], ''),
  ];

  it('keeps the name filter in the URL, trimmed and cut to a sane length', () => {
    expect(parseState('?name=%20link%20', schema).name).toBe('link');
    expect(parseState(`?name=${'x'.repeat(100)}`, schema).name).toHaveLength(60);
    expect(serializeState({ filters: { maturity: 'graduated' }, name: 'Link' })).toBe('?maturity=graduated&name=Link');
    expect(serializeState({ filters: {}, name: '  ' })).toBe('');
  });

  it('filters by a part of the name, in any case, with the other filters', () => {
    expect(visibleRows(rows, { filters: {}, name: 'KUBE' }, schema).map((r) => r.slug)).toEqual(['kube']);
    expect(visibleRows(rows, { filters: { maturity: 'graduated' }, name: 'k' }, schema).map((r) => r.slug)).toEqual([
      'linkerd',
      'tikv',
    ]);
  });

  it('counts for each option the rows it would show given the other filters', () => {
    // The options count projects as every page does: those with Rust, none-found entries named apart.
    const rust = (counts: Record<string, { rust: number; noneFound: string[] }>) =>
      Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, c.rust]));
    expect(rust(facetCounts(rows, { filters: {} }, 'usage', ['pure', 'sdk']))).toEqual({ pure: 2, sdk: 2 });
    expect(
      rust(facetCounts(rows, { filters: { maturity: 'graduated', usage: 'sdk' } }, 'usage', ['pure', 'sdk'])),
    ).toEqual({
      pure: 1,
      sdk: 1,
    });
    expect(rust(facetCounts(rows, { filters: { usage: 'pure' } }, 'maturity', ['sandbox', 'graduated']))).toEqual({
      sandbox: 1,
      graduated: 1,
    });
    expect(rust(facetCounts(rows, { filters: { maturity: 'sandbox' } }, 'category', ['a', 'b']))).toEqual({
      a: 0,
      b: 2,
    });
    expect(rust(facetCounts(rows, { filters: {}, name: 'ti' }, 'category', ['a', 'b']))).toEqual({ a: 1, b: 1 });
    const withNone = [...rows, { ...rows[0], slug: 'paralus', name: 'Paralus', usage: 'none-found' }];
    expect(facetCounts(withNone, { filters: {} }, 'maturity', [rows[0].maturity])[rows[0].maturity].noneFound).toEqual([
      'Paralus',
    ]);
  });

  it('sums a numeric column over the rows shown, blank cells as 0', () => {
    expect(columnTotal(rows, 'code')).toBe(160);
    expect(columnTotal(visibleRows(rows, { filters: { maturity: 'sandbox' } }, schema), 'code')).toBe(10);
    expect(columnTotal([], 'code')).toBe(0);
  });
});
