import { z } from 'astro/zod';
import {
  cncfDateSchema,
  commitSchema,
  httpsUrlSchema,
  pastDateSchema,
  isoDateSchema,
  isoDateTimeSchema,
  lineSchema,
  slugSchema,
} from './common.ts';
import { REPO_KINDS, maturitySchema, rustUsageSchema } from './taxonomy.ts';
import { CITATION_ID, MAX_QUOTE_LENGTH, PERMALINK_FORM, parsePermalink } from '../data/rules/citations.ts';

const count = (what: string) =>
  z
    .number({ error: `expected ${what} as a whole number` })
    .int({ error: `expected ${what} as a whole number` })
    .nonnegative({ error: `expected ${what} of 0 or more` });

/** The dates a project reached each CNCF maturity level, as recorded in `landscape.yml`. */
export const maturityDatesSchema = z.strictObject({
  /** Accepted into the CNCF (sandbox, or straight to incubating). */
  accepted: cncfDateSchema,
  /** Moved to incubating. */
  incubating: cncfDateSchema.optional(),
  /** Graduated. */
  graduated: cncfDateSchema.optional(),
  /** Archived. */
  archived: cncfDateSchema.optional(),
});
export type MaturityDates = z.infer<typeof maturityDatesSchema>;
/** The maturity date keys, in the order a project reaches them. */
export const MATURITY_DATE_KEYS = Object.keys(maturityDatesSchema.shape) as (keyof MaturityDates)[];

/**
 * The fields of a measurement, without the rules between them: `historyPointSchema` picks the
 * counts from here, so a count is defined once.
 */
export const measurementFieldsSchema = z.strictObject({
  /** Full 40-character commit hash the tree was read at. */
  commit: commitSchema,
  /** Committer date of that commit. */
  commitDate: isoDateTimeSchema,
  /**
   * Committer date of the newest commit (HEAD) of the copy that was measured, when it was
   * measured: the repository's last commit as far as the catalog knows, which tells a quiet
   * repository from one measured a while ago. Written by `measure:rust`; absent in older
   * measurements. Never before `commitDate`.
   */
  headDate: isoDateTimeSchema.optional(),
  /** Counted `.rs` files. */
  files: count('a file count'),
  /** Bytes of the counted `.rs` files (what GitHub's language statistics call "Rust"). */
  bytes: count('a byte count'),
  /** Newline characters in the counted files. */
  lines: count('a line count'),
  /**
   * Lines that hold code: not blank and not only comments (`//` and doc comments, `/* … *\/`
   * blocks, which nest in Rust); a line with code and a comment is code, and a `//` inside a
   * string is no comment. The definition of tokei, scc and cloc, read by the counter's Rust lexer.
   */
  codeLines: count('a code line count'),
  /** Bytes of every `.rs` file with no exclusions. */
  bytesRaw: count('a byte count'),
  /**
   * Rust bytes as a percentage of the counted source bytes, one decimal: of every
   * programming language GitHub linguist knows when `programmingBytes` is given, else (older
   * measurements) of `.rs`, Go, C/C++, Python and JavaScript/TypeScript files only.
   */
  rustShare: z
    .number({ error: 'expected a percentage between 0 and 100' })
    .min(0, { error: 'expected a percentage between 0 and 100' })
    .max(100, { error: 'expected a percentage between 0 and 100' }),
  /**
   * Bytes of every counted file of a programming language (linguist's `type: programming`),
   * the denominator of `rustShare`. Absent in measurements made before the linguist method.
   */
  programmingBytes: count('a byte count').optional(),
  /** The largest programming languages with their share, e.g. "Go 74.6%, Rust 17.9%". */
  languages: z
    .string({ error: 'expected a language list such as "Rust 90.1%, Go 9.9%"' })
    .regex(/^[^,%]+ \d+(\.\d)?%(, [^,%]+ \d+(\.\d)?%)*$/, {
      error: 'expected a language list such as "Rust 90.1%, Go 9.9%"',
    })
    .optional(),
  /** What the counter noticed: submodules, exclusions, the language mix. */
  notes: lineSchema('notes', 1000).optional(),
});

/**
 * What holds for any count of `.rs` files, a measurement's or a history point's: code lines
 * are lines, a line is at least its newline byte, and bytes come from files.
 */
export function checkRustCounts(
  m: { files: number; bytes: number; lines: number; codeLines: number },
  ctx: z.RefinementCtx,
): void {
  if (m.codeLines > m.lines)
    ctx.addIssue({
      code: 'custom',
      path: ['codeLines'],
      message: `expected code lines (${m.codeLines}) to be at most lines (${m.lines})`,
    });
  if (m.lines > m.bytes)
    ctx.addIssue({
      code: 'custom',
      path: ['lines'],
      message: `expected lines (${m.lines}) to be at most bytes (${m.bytes})`,
    });
  if (m.files === 0 && m.bytes > 0)
    ctx.addIssue({ code: 'custom', path: ['files'], message: 'expected at least one file when bytes are counted' });
}

/**
 * Rust code counted in one repository at one commit by `npm run measure:rust`
 * (scripts/lib/tree-count.ts; the method is on the data-notes page and in CONTRIBUTING).
 * Measurements without `programmingBytes` were made with the older method of
 * `data/rust-code/METHOD.md` (the first "measurements" data set).
 */
export const measurementSchema = measurementFieldsSchema.superRefine((m, ctx) => {
  checkRustCounts(m, ctx);
  if (m.headDate !== undefined && Date.parse(m.headDate) < Date.parse(m.commitDate))
    ctx.addIssue({
      code: 'custom',
      path: ['headDate'],
      message: `expected the copy's newest commit (${m.headDate}) to be no older than the measured one (${m.commitDate})`,
    });
  if (m.bytes > m.bytesRaw)
    ctx.addIssue({
      code: 'custom',
      path: ['bytes'],
      message: `expected bytes (${m.bytes}) to be at most bytesRaw (${m.bytesRaw})`,
    });
  if (m.programmingBytes !== undefined && m.bytes > m.programmingBytes)
    ctx.addIssue({
      code: 'custom',
      path: ['programmingBytes'],
      message: `expected programmingBytes (${m.programmingBytes}) to be at least bytes (${m.bytes})`,
    });
  if (m.programmingBytes !== undefined && m.programmingBytes > 0) {
    const share = Math.round((m.bytes / m.programmingBytes) * 1000) / 10;
    if (share !== m.rustShare)
      ctx.addIssue({
        code: 'custom',
        path: ['rustShare'],
        message: `expected rustShare ${share} (bytes / programmingBytes), got ${m.rustShare}`,
      });
  }
});
export type Measurement = z.infer<typeof measurementSchema>;

/**
 * A GitHub repository as `owner/name`: an owner of letters, digits and single hyphens (at most
 * 39), a name of letters, digits, `.`, `_`, `-` (at most 100) that is not `.` or `..`.
 */
export const repoSchema = z
  .string({ error: 'expected a GitHub repository as owner/name' })
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/, {
    error:
      'expected a GitHub repository as owner/name (letters, digits, hyphens in the owner; no "..", slashes or spaces)',
  });

/** Most categories an entry may name (CONTRIBUTING: "one to three"). */
export const MAX_CATEGORIES = 3;

/** One repository of the project that holds Rust code. */
export const rustRepoSchema = z.strictObject({
  /** GitHub `owner/name`. */
  repo: repoSchema,
  /** What this repository is for in the project, in a short phrase. */
  role: lineSchema('the role of the repository', 200),
  /**
   * What the repository's Rust is for the project (see `src/data/rules/rust-class.ts`): `main`, its
   * main deliverable; `component`, a shipped part such as a daemon, proxy, runtime, agent or
   * plugin; `sdk`, an official client, SDK or library for users; `tooling`, tests, examples or
   * tools that are not shipped. Optional until every entry states it.
   */
  kind: z.enum(REPO_KINDS, { error: `expected one of ${REPO_KINDS.join(', ')}` }).optional(),
  /** The measured Rust code. */
  measurement: measurementSchema,
});
export type RustRepo = z.infer<typeof rustRepoSchema>;

/**
 * A repository of the project's code that holds no Rust (a server, a control plane in another
 * language), measured with the same counter: its programming bytes enter the project's Rust
 * share, so the share counts the project's code and not only its Rust repositories.
 */
export const otherRepoSchema = z.strictObject({
  /** GitHub `owner/name`. */
  repo: repoSchema,
  /** What this repository is for in the project, in a short phrase. */
  role: lineSchema('the role of the repository', 200),
  /** The measurement (written by `npm run measure:rust -- <dir> --update <slug> --other`); no Rust bytes. */
  measurement: measurementSchema,
});
export type OtherRepo = z.infer<typeof otherRepoSchema>;

/** Code of the project the catalog knows of but has not measured, and why. */
export const unmeasuredRepoSchema = z.strictObject({
  /** GitHub `owner/name`. */
  repo: repoSchema,
  /** Why it is not measured, in one sentence. */
  reason: lineSchema('the reason it is not measured', 300),
});
export type UnmeasuredRepo = z.infer<typeof unmeasuredRepoSchema>;

/**
 * One citation behind the entry's prose: the lines of a repository file at a commit
 * (`url`, a GitHub permalink, with the `quote` found there), or a source of
 * `content/sources.yaml` the entry lists (`source`, `quote` optional). Prose cites it with
 * the marker `[^id]`.
 */
export const citationSchema = z
  .strictObject({
    /** What the body and rationale write inside `[^…]`. */
    id: z.string({ error: 'expected a citation id such as "readme-goals"' }).regex(CITATION_ID, {
      error: 'expected a citation id of lower-case words joined by hyphens, such as "readme-goals"',
    }),
    /** A GitHub permalink to lines of a file at a full commit hash. */
    url: z
      .string({ error: `expected a permalink ${PERMALINK_FORM}` })
      .superRefine((url, ctx) => {
        const parsed = parsePermalink(url);
        if (!parsed.ok)
          ctx.addIssue({
            code: 'custom',
            message: `expected a permalink ${PERMALINK_FORM}; this link ${parsed.reason}`,
          });
      })
      .optional(),
    /** The id of a source in `content/sources.yaml` that the entry lists under `sources`. */
    source: slugSchema.optional(),
    /** The exact words of the cited lines that support the sentence (white space folded). */
    quote: lineSchema('the quoted words', MAX_QUOTE_LENGTH).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.url === undefined && c.source === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'expected url (a permalink to the lines that show the claim) or source (a source id), one of them',
      });
    if (c.url !== undefined && c.source !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['source'],
        message: 'expected url or source, not both (one citation names one piece of evidence)',
      });
    if (c.url !== undefined && c.quote === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['quote'],
        message:
          'expected the quoted words: a permalink citation keeps the words of the cited lines that support the sentence',
      });
  });
export type Citation = z.infer<typeof citationSchema>;

/** One figure the 2025 report printed for the project, exactly as printed. */
export const reportedFigureSchema = z.strictObject({
  /** The text as printed, e.g. "24,814,809" or "122 crates". */
  text: lineSchema('the figure as printed', 40),
  /** Where in the report it appears. */
  where: lineSchema('where the figure appears', 120),
  /** The number of bytes the figure stands for, when it is a byte count. */
  bytes: count('a byte count').optional(),
  /**
   * The entry's repositories (`owner/name`, as in `rustRepos`) the figure covers, when it
   * covers only some of them. Without it, the figure stands for all of them.
   */
  repos: z.array(z.string()).min(1, { error: 'expected at least one repository, or no repos key' }).optional(),
});
export type ReportedFigure = z.infer<typeof reportedFigureSchema>;

/** What the December 2025 "CNCF Rust Projects Analysis" said about the project. */
export const reportedSchema = z.strictObject({
  /** How the report classified the project (it sometimes says two things). */
  type: z
    .array(z.enum(['pure', 'component', 'implementation'], { error: 'expected pure, component or implementation' }))
    .min(1, { error: 'expected at least one classification' }),
  /** The maturity the report gave. */
  maturity: maturitySchema,
  /** The dates the report gave, where it gave any. */
  dates: z.strictObject({ accepted: cncfDateSchema.optional(), graduated: cncfDateSchema.optional() }).optional(),
  /** Its "Rust LOC" figures: really bytes of `.rs` files from GitHub's language statistics. */
  figures: z.array(reportedFigureSchema),
});

/** One change to an entry, for the feed: when, and what changed, in a short sentence. */
export const entryChangeSchema = z.strictObject({
  /** The day the change was made (the commit's date). */
  date: isoDateSchema,
  /** What changed, for readers of the feed, e.g. "Entry added" or "Re-measured at a newer commit". */
  summary: lineSchema('a summary of the change', 200),
});
export type EntryChange = z.infer<typeof entryChangeSchema>;

/** A known production user. */
export const adopterSchema = z.union([
  lineSchema('an adopter name', 80),
  z.strictObject({ name: lineSchema('an adopter name', 80), url: httpsUrlSchema }),
]);

/**
 * Frontmatter of `content/projects/<slug>.mdx`.
 * `categoryRef` and `sourceRef` validate references: `reference()` inside Astro, a plain
 * slug in scripts (which then check that the target exists).
 */
export function makeProjectSchema<C extends z.ZodType, S extends z.ZodType>(categoryRef: C, sourceRef: S) {
  return z
    .strictObject({
      /** Display name, e.g. "Linkerd". */
      name: lineSchema('a project name', 60),
      /** The exact `name` of the project's item in CNCF `landscape.yml`. */
      landscapeName: lineSchema('the landscape item name', 80),
      /** One sentence, in our own words, saying what the project is. */
      summary: lineSchema('a one-sentence summary', 240),
      /** CNCF maturity level, from `landscape.yml`. */
      maturity: maturitySchema,
      /** The dates it reached each level, from `landscape.yml`. */
      dates: maturityDatesSchema,
      /** Category and subcategory of the landscape item. */
      landscape: z.strictObject({
        category: lineSchema('the landscape category', 80),
        subcategory: lineSchema('the landscape subcategory', 80),
      }),
      /** Project home page. */
      homepage: httpsUrlSchema,
      /** Main source repository. */
      repository: httpsUrlSchema,
      /** Logo file name in `public/logos/`. */
      logo: z.string().regex(/^[a-z0-9][a-z0-9._-]*\.svg$/, {
        error: 'expected an .svg file name in public/logos/, e.g. "tikv.svg"',
      }),
      /** How much of the project is Rust: pure, component, sdk or none-found. */
      rustUsage: rustUsageSchema,
      /** What the project does, as references into `content/categories.yaml`. */
      categories: z
        .array(categoryRef)
        .min(1, { error: 'expected at least one category' })
        .max(MAX_CATEGORIES, { error: `expected at most ${MAX_CATEGORIES} categories (CONTRIBUTING: one to three)` }),
      /** Every repository of the project that holds Rust, with its measurement. */
      rustRepos: z.array(rustRepoSchema),
      /** Repositories of the project's code without Rust, measured with the same counter. */
      otherRepos: z
        .array(otherRepoSchema)
        .min(1, { error: 'expected at least one repository, or no otherRepos key' })
        .optional()
        .describe(
          "Repositories of the project's code with no Rust, measured with the same counter: [{repo, role, measurement}] (measurement as in rustRepos), or null. Their programming bytes enter the project's rustShare.",
        ),
      /** Code of the project the catalog knows of but has not measured. */
      unmeasuredRepos: z
        .array(unmeasuredRepoSchema)
        .min(1, { error: 'expected at least one repository, or no unmeasuredRepos key' })
        .optional()
        .describe(
          "Repositories of the project's code that are not measured: [{repo, reason}], or null. When there are any, rustShare is null.",
        ),
      /** What the 2025 report printed, when it covered the project. */
      reported: reportedSchema.optional(),
      /** Why the project chose Rust, in our own words. */
      rationale: lineSchema('a rationale', 2000).optional(),
      /** Known production users. */
      adopters: z.array(adopterSchema).optional(),
      /** Citations behind the entry, as references into `content/sources.yaml`. */
      sources: z.array(sourceRef).min(1, { error: 'expected at least one source' }),
      /** The evidence behind each sentence of the body and rationale, cited there as `[^id]`. */
      citations: z
        .array(citationSchema)
        .optional()
        .describe(
          'The evidence behind the prose, numbered in this order: [{id, url, source, quote}] (url: a GitHub permalink to lines of a file at a commit, with the quoted words found there; source: a source id), or null. The body and rationale cite an item as [^id].',
        ),
      /** What changed in the entry and when, oldest first; the feed has one item per change. */
      changes: z
        .array(entryChangeSchema)
        .min(1, { error: 'expected at least one change, or no changes key' })
        .optional()
        .describe('What changed in the entry and when, oldest first: {date, summary}, or null.'),
      /** Last time the entry's facts were reviewed or changed: the newest date in `changes`, when there are any. */
      updated: pastDateSchema,
      /**
       * When the entry's claims were last checked against the project's own sources
       * (repositories, documentation, announcements); shown on the project page.
       */
      verified: pastDateSchema
        .optional()
        .describe("When the entry's claims were last checked against the project's own sources (YYYY-MM-DD), or null."),
    })
    .superRefine((entry, ctx) => {
      const repos = entry.rustRepos as RustRepo[];
      if (entry.rustUsage === 'none-found' && repos.some((r) => r.measurement.bytes > 0))
        ctx.addIssue({
          code: 'custom',
          path: ['rustUsage'],
          message: 'expected pure, component or sdk: a repository with Rust code is listed',
        });
      if (entry.rustUsage !== 'none-found' && !repos.some((r) => r.measurement.bytes > 0))
        ctx.addIssue({
          code: 'custom',
          path: ['rustRepos'],
          message: `expected at least one repository with measured Rust code for rustUsage "${entry.rustUsage}" (use none-found otherwise)`,
        });
      if (entry.rustUsage !== 'none-found' && !entry.rationale)
        ctx.addIssue({
          code: 'custom',
          path: ['rationale'],
          message: 'expected a rationale: why the project chose Rust',
        });
      const categories = entry.categories as unknown[];
      categories.forEach((c, i) => {
        const id = typeof c === 'string' ? c : (c as { id?: unknown } | null)?.id;
        if (categories.slice(0, i).some((d) => (typeof d === 'string' ? d : (d as { id?: unknown } | null)?.id) === id))
          ctx.addIssue({
            code: 'custom',
            path: ['categories', i],
            message: `expected each category once; ${String(id)} is listed twice`,
          });
      });
      const seen = new Set<string>();
      repos.forEach((r, i) => {
        if (seen.has(r.repo.toLowerCase()))
          ctx.addIssue({
            code: 'custom',
            path: ['rustRepos', i, 'repo'],
            message: `expected each repository once; ${r.repo} is listed twice`,
          });
        seen.add(r.repo.toLowerCase());
      });
      const listed = new Set(seen);
      const others = (entry.otherRepos ?? []) as OtherRepo[];
      others.forEach((r, i) => {
        if (listed.has(r.repo.toLowerCase()))
          ctx.addIssue({
            code: 'custom',
            path: ['otherRepos', i, 'repo'],
            message: `expected each repository once; ${r.repo} is already listed in rustRepos or otherRepos`,
          });
        listed.add(r.repo.toLowerCase());
        if (r.measurement.bytes > 0)
          ctx.addIssue({
            code: 'custom',
            path: ['otherRepos', i, 'measurement', 'bytes'],
            message: `expected 0 Rust bytes: a repository with Rust belongs in rustRepos (kind tooling when its Rust is not shipped)`,
          });
        if (r.measurement.programmingBytes === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['otherRepos', i, 'measurement', 'programmingBytes'],
            message:
              'expected programmingBytes, the bytes the project share counts (measure with npm run measure:rust -- <dir> --update <slug> --other)',
          });
      });
      const measured = new Set(listed);
      ((entry.unmeasuredRepos ?? []) as UnmeasuredRepo[]).forEach((r, i) => {
        if (listed.has(r.repo.toLowerCase()))
          ctx.addIssue({
            code: 'custom',
            path: ['unmeasuredRepos', i, 'repo'],
            message: measured.has(r.repo.toLowerCase())
              ? `expected a repository that is not measured; ${r.repo} is measured in rustRepos or otherRepos`
              : `expected each repository once; ${r.repo} is listed twice`,
          });
        listed.add(r.repo.toLowerCase());
      });
      const citations = (entry.citations ?? []) as Citation[];
      const sourceIds = new Set(
        (entry.sources as unknown[]).map((s) => (typeof s === 'string' ? s : (s as { id?: unknown } | null)?.id)),
      );
      const ids = new Map<string, number>();
      citations.forEach((c, i) => {
        const first = ids.get(c.id);
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['citations', i, 'id'],
            message: `expected each citation id once; "${c.id}" is also citations[${first}]`,
          });
        else ids.set(c.id, i);
        if (c.source !== undefined && !sourceIds.has(c.source))
          ctx.addIssue({
            code: 'custom',
            path: ['citations', i, 'source'],
            message: `expected a source the entry lists under sources; add "${c.source}" there or cite a permalink`,
          });
      });
      const figures = (entry.reported?.figures ?? []) as { repos?: string[] }[];
      figures.forEach((f, i) =>
        f.repos?.forEach((repo, j) => {
          if (!seen.has(repo.toLowerCase()))
            ctx.addIssue({
              code: 'custom',
              path: ['reported', 'figures', i, 'repos', j],
              message: `expected one of the entry's rustRepos; ${repo} is not listed there`,
            });
        }),
      );
      const changes = (entry.changes ?? []) as { date: string }[];
      changes.forEach((c, i) => {
        if (i > 0 && c.date <= changes[i - 1].date)
          ctx.addIssue({
            code: 'custom',
            path: ['changes', i, 'date'],
            message: `expected changes oldest first, one per day: ${c.date} comes after ${changes[i - 1].date}`,
          });
      });
      if (changes.length > 0 && entry.updated !== changes[changes.length - 1].date)
        ctx.addIssue({
          code: 'custom',
          path: ['updated'],
          message: `expected updated to be the newest change date (${changes[changes.length - 1].date}), got ${entry.updated}`,
        });
      const order = MATURITY_DATE_KEYS;
      const d = entry.dates as Partial<MaturityDates>;
      for (let i = 1; i < order.length; i++) {
        const later = d[order[i]];
        if (!later) continue;
        for (let j = 0; j < i; j++) {
          const earlier = d[order[j]];
          if (earlier && later < earlier)
            ctx.addIssue({
              code: 'custom',
              path: ['dates', order[i]],
              message: `expected ${order[i]} (${later}) on or after ${order[j]} (${earlier})`,
            });
        }
      }
      const needed = { incubating: ['incubating'], graduated: ['graduated'], archived: ['archived'] } as const;
      for (const [field, levels] of Object.entries(needed)) {
        if ((levels as readonly string[]).includes(entry.maturity) && !d[field as keyof MaturityDates])
          ctx.addIssue({
            code: 'custom',
            path: ['dates', field],
            message: `expected a ${field} date for a ${entry.maturity} project`,
          });
      }
    });
}

/** The schema scripts use: references are slugs, checked against the taxonomy afterwards. */
export const projectFrontmatterSchema = makeProjectSchema(slugSchema, slugSchema);
export type ProjectFrontmatter = z.infer<typeof projectFrontmatterSchema>;
