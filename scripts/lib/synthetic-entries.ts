/**
 * Synthetic catalog entries for the build benchmark (scripts/bench-build.ts): copies of the
 * real entries, cycled, each given its own slug, name and landscape name (which must be
 * unique), so a tree of any size is valid and its entries have realistic sizes: the same
 * frontmatter, repositories, figures and prose as the real ones. Pure text in, text out.
 */
import { splitEntry } from '../../src/validation/entry-file.ts';

export interface EntryFile {
  /** File name without `.mdx`. */
  slug: string;
  text: string;
}

/** Replaces a top-level scalar of the frontmatter YAML (`key: value` at column 0). */
function setScalar(text: string, key: string, value: string): string {
  const pattern = new RegExp(`^${key}:.*$`, 'm');
  if (!pattern.test(text)) throw new Error(`entry has no top-level "${key}:" line`);
  // JSON strings are valid YAML double-quoted scalars.
  return text.replace(pattern, `${key}: ${JSON.stringify(value)}`);
}

const scalar = (text: string, key: string): string => {
  const raw = new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
  if (raw === undefined) throw new Error(`entry has no top-level "${key}:" line`);
  return raw.replace(/^(['"])(.*)\1$/, '$2');
};

/** `count` entries made from `templates` in turn: slug `<template>-s<n>`, name `<name> <n>`. */
export function syntheticEntries(templates: readonly EntryFile[], count: number): EntryFile[] {
  if (templates.length === 0) throw new Error('need at least one template entry');
  const ordered = [...templates].sort((a, b) => a.slug.localeCompare(b.slug));
  return Array.from({ length: count }, (_, n) => {
    const template = ordered[n % ordered.length];
    const parts = splitEntry(template.text);
    if (!parts) throw new Error(`${template.slug}: expected an entry with --- fenced frontmatter`);
    let yaml = parts.yaml;
    yaml = setScalar(yaml, 'name', `${scalar(yaml, 'name')} ${n}`);
    yaml = setScalar(yaml, 'landscapeName', `${scalar(yaml, 'landscapeName')} (synthetic ${n})`);
    const text = template.text.slice(0, parts.yamlStart) + yaml + template.text.slice(parts.yamlEnd);
    return { slug: `${template.slug}-s${n}`, text };
  });
}
