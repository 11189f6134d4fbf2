/** CONTRIBUTING.md and the GitHub templates stay in step with the schemas and the rules. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_TAGS, type MdxRule } from '../../src/validation/mdx-safety.ts';
import { schemaFieldPaths } from '../helpers/schema-fields.ts';
import { projectFrontmatterSchema } from '../../src/schemas/project.ts';
import { sourceSchema } from '../../src/schemas/source.ts';
import { categorySchema } from '../../src/schemas/taxonomy.ts';
import { MIN_CODE_LINES, PURE_SHARE } from '../../src/data/rules/rust-class.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const guide = read('CONTRIBUTING.md');

/** The field names in the first column of the table under `heading`. */
function tableFields(heading: string): string[] {
  const section = guide.slice(guide.indexOf(heading));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| Field |')));
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

describe('CONTRIBUTING.md', () => {
  it('documents every frontmatter field of the project schema, and no other', () => {
    expect(tableFields('### Entry frontmatter').sort()).toEqual(schemaFieldPaths(projectFrontmatterSchema).sort());
  });

  it('documents every field of sources.yaml and categories.yaml', () => {
    expect(tableFields('### Sources').sort()).toEqual(schemaFieldPaths(sourceSchema).sort());
    expect(tableFields('### Categories').sort()).toEqual(schemaFieldPaths(categorySchema).sort());
  });

  it('lists every MDX rule and forbidden tag validate enforces', () => {
    const rules: MdxRule[] = [
      'mdx:syntax',
      'mdx:no-import-export',
      'mdx:no-expression',
      'mdx:forbidden-tag',
      'mdx:unknown-component',
      'mdx:event-handler',
      'mdx:unsafe-url',
      'mdx:insecure-url',
      'mdx:local-image',
      'mdx:search-attribute',
      'mdx:nesting',
    ];
    for (const rule of rules) expect(guide).toContain(`| \`${rule}\` |`);
    for (const tag of FORBIDDEN_TAGS) expect(guide).toContain(`\`<${tag}>\``);
  });

  it('names the commands contributors run, all of which exist', () => {
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    const used = [...guide.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]);
    for (const name of ['validate', 'new', 'sync:landscape', 'measure:rust']) expect(used).toContain(name);
    for (const name of used) expect(scripts, `npm run ${name}`).toHaveProperty(name);
  });
});

describe('GitHub templates', () => {
  const forms = readdirSync(path.join(ROOT, '.github/ISSUE_TEMPLATE')).filter((f) => f !== 'config.yml');

  it('has issue forms to add a project and to correct data', () => {
    expect(forms.sort()).toEqual(['add-project.yml', 'correct-data.yml']);
  });

  it.each(forms)('%s is an issue form with required, uniquely named fields', (file) => {
    const form = loadYaml(read(`.github/ISSUE_TEMPLATE/${file}`)) as {
      name: string;
      description: string;
      body: { type: string; id?: string; validations?: { required?: boolean } }[];
    };
    expect(form.name).toBeTruthy();
    expect(form.description).toBeTruthy();
    const inputs = form.body.filter((b) => b.type !== 'markdown');
    expect(inputs.length).toBeGreaterThan(2);
    const ids = inputs.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(inputs.some((b) => b.validations?.required)).toBe(true);
  });

  it('has a pull request template that asks for sources and a clean validate', () => {
    const template = read('.github/PULL_REQUEST_TEMPLATE.md');
    expect(template).toContain('## Sources');
    expect(template).toContain('npm run validate');
  });

  it('states the inclusion rule with the thresholds the code applies', () => {
    const guide = read('CONTRIBUTING.md');
    expect(guide).toContain(`at least ${MIN_CODE_LINES.toLocaleString('en-US')} Rust code lines`);
    expect(guide).toContain(`Rust is at least ${PURE_SHARE}% of the`);
  });
});
