import { z } from 'astro/zod';
import { isoDateSchema, lineSchema } from './common.ts';

/**
 * One row of `data/project-orgs.yaml`, the reviewed exceptions to "a project's GitHub
 * organisations are the owners of the repositories its landscape item names". `npm run
 * discover` screens every repository of a project's organisations.
 */
export const projectOrgSchema = z.strictObject({
  /** The project's `name` in the landscape (or an entry's name). */
  project: lineSchema('the project name', 120),
  /** A GitHub organisation or user name. */
  org: z
    .string({ error: 'expected a GitHub organisation name' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/, { error: 'expected a GitHub organisation name such as "tikv"' }),
  /**
   * `organisation`: every repository of `org` is the project's too (its code lives there,
   * though the landscape names no repository in it). `named-repositories`: `org` holds the
   * project's named repositories but is shared with other work, so only those are the project's.
   */
  scope: z.enum(['organisation', 'named-repositories'], {
    error: 'expected scope "organisation" or "named-repositories"',
  }),
  /** Why, with where it is shown (the project's governance, README or website). */
  reason: lineSchema('the reason', 600),
  /** When the reason was last checked. */
  checked: isoDateSchema,
});
export type ProjectOrg = z.infer<typeof projectOrgSchema>;

export const projectOrgsSchema = z.array(projectOrgSchema).superRefine((rows, ctx) => {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const key = `${row.project.toLowerCase()}\u0000${row.org.toLowerCase()}`;
    if (seen.has(key))
      ctx.addIssue({ code: 'custom', path: [i, 'org'], message: `${row.project} and ${row.org} are given twice` });
    seen.add(key);
  });
});
