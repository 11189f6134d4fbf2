import { z } from 'astro/zod';
import { isoDateSchema, lineSchema, slugSchema } from './common.ts';
import { maturitySchema } from './taxonomy.ts';

const count = (what: string) =>
  z
    .number({ error: `expected ${what} as a whole number` })
    .int({ error: `expected ${what} as a whole number` })
    .nonnegative({ error: `expected ${what} of 0 or more` });

/**
 * One repository looked at for a left-out project. `commit`, `commitDate`, `codeLines` and
 * `rustShare` are the counter's figures (`npm run measure:rust`), given together; a repository
 * that could not be measured has none of them, and the item's reason says why.
 */
export const leftOutRepoSchema = z
  .strictObject({
    /** GitHub `owner/name`. */
    repo: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { error: 'expected a GitHub repository as owner/name' }),
    /** Abbreviated or full commit the figures were read at. */
    commit: z
      .string()
      .regex(/^[0-9a-f]{7,40}$/, { error: 'expected a git commit hash (7 to 40 hex digits)' })
      .optional(),
    /** Committer date of that commit. */
    commitDate: isoDateSchema.optional(),
    /** Rust code lines the counter found in the whole repository. */
    codeLines: count('a code line count').optional(),
    /** Of them, the code lines the project ships (not tests, examples or test programs), when fewer. */
    shippedCodeLines: count('a code line count').optional(),
    /** Rust bytes as a percentage of programming-language bytes. */
    rustShare: z
      .number({ error: 'expected a percentage between 0 and 100' })
      .min(0, { error: 'expected a percentage between 0 and 100' })
      .max(100, { error: 'expected a percentage between 0 and 100' })
      .optional(),
  })
  .superRefine((r, ctx) => {
    const keys = ['commit', 'commitDate', 'codeLines', 'rustShare'] as const;
    const given = keys.filter((k) => r[k] !== undefined);
    if (given.length > 0 && given.length < keys.length)
      ctx.addIssue({
        code: 'custom',
        path: [keys.find((k) => r[k] === undefined)!],
        message: `expected commit, commitDate, codeLines and rustShare together (a measured repository), or none of them (not measured)`,
      });
    if (r.shippedCodeLines !== undefined && (r.codeLines === undefined || r.shippedCodeLines > r.codeLines))
      ctx.addIssue({
        code: 'custom',
        path: ['shippedCodeLines'],
        message: 'expected shippedCodeLines to be at most the measured codeLines',
      });
  });
export type LeftOutRepo = z.infer<typeof leftOutRepoSchema>;

/**
 * One item of `content/left-out.yaml`: a CNCF project with some Rust that the inclusion rule
 * (src/data/rules/rust-class.ts) leaves out, with its figures and the reason. `npm run discover`
 * reports such a project as "left out" rather than as a project missing an entry.
 */
export const leftOutSchema = z.strictObject({
  /** Stable identifier, e.g. `agones`. */
  id: slugSchema,
  /** The project's name as the CNCF landscape spells it (the `name` of its item). */
  landscapeName: lineSchema('the landscape name', 120),
  /** Its CNCF maturity. */
  maturity: maturitySchema,
  /** The repositories looked at; empty when there is none to measure. */
  repos: z.array(leftOutRepoSchema),
  /** Why the rule leaves the project out, in one or two sentences. */
  reason: lineSchema('the reason', 600),
  /** When the reason was last checked. */
  checked: isoDateSchema,
});
export type LeftOut = z.infer<typeof leftOutSchema>;
