/** Temporary content trees built from tests/fixtures/validation, for validation tests. */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/validation');

/**
 * One change to a file of the valid tree: `from` (a string that must occur, or a pattern that
 * must match) replaced by `to`; with `from` null, `to` is the whole new file.
 */
export interface TreeEdit {
  file: string;
  from: string | RegExp | null;
  to: string;
}

export const edit = (file: string, from: string | RegExp | null, to: string): TreeEdit => ({ file, from, to });

/** Markdown added to the valid beta entry, from line 25 (after its one paragraph and a blank line). */
export const betaBody = (text: string): TreeEdit[] => [
  edit('content/projects/beta.mdx', 'Beta routes traffic.\n', `Beta routes traffic.\n\n${text}\n`),
];

/** Three problems in beta's body, on lines 25 (unknown component), 29 (script tag) and 31 (javascript: URL). */
export const THREE_BODY_PROBLEMS = betaBody(
  '<Tabs>\nOne\n</Tabs>\n\n<script>alert(1)</script>\n\n<a href="javascript:void(0)">x</a>',
);

/** Apply edits to a tree, failing loudly when an edit no longer matches the valid fixture. */
export function applyEdits(root: string, edits: readonly TreeEdit[]): void {
  for (const { file, from, to } of edits) {
    const target = path.join(root, file);
    if (from === null) {
      writeFileSync(target, to);
      continue;
    }
    const text = readFileSync(target, 'utf8');
    const found = typeof from === 'string' ? text.includes(from) : from.test(text);
    if (!found) throw new Error(`edit of ${file}: ${String(from)} not found in the valid fixture`);
    writeFileSync(
      target,
      text.replace(from, () => to),
    );
  }
}

/**
 * A fresh copy of the valid tree, changed by `edits`, or with the files of
 * `bad/<overlay>` (cases that add whole files) laid over it.
 */
export function makeTree(change?: string | readonly TreeEdit[]): {
  root: string;
  content: string;
  cleanup: () => void;
} {
  const root = mkdtempSync(path.join(tmpdir(), 'validation-'));
  cpSync(path.join(FIXTURES, 'valid'), root, { recursive: true });
  if (typeof change === 'string') cpSync(path.join(FIXTURES, 'bad', change), root, { recursive: true });
  else if (change) applyEdits(root, change);
  return { root, content: path.join(root, 'content'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** One hash over every file's path and bytes under `dir`. */
export function hashTree(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(path.relative(dir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}
