/** Temporary content trees built from tests/fixtures/validation, for validation tests. */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/validation');

/** A fresh copy of the valid tree, with the files of `bad/<overlay>` laid over it. */
export function makeTree(overlay?: string): { root: string; content: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'validation-'));
  cpSync(path.join(FIXTURES, 'valid'), root, { recursive: true });
  if (overlay) cpSync(path.join(FIXTURES, 'bad', overlay), root, { recursive: true });
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
