/**
 * The toolchain rustup picks for a workspace: the `rust-toolchain` or `rust-toolchain.toml`
 * file in its directory or the nearest directory above it, and the channel that file pins.
 * Pure: the files come in as text keyed by repository path.
 */
import { posix } from 'node:path';
import type { Workspace } from '../../../src/schemas/crates.ts';
import { ManifestError, parseToml, type Table } from './manifest.ts';

/** File names rustup reads, in the order it prefers them when a directory holds both. */
const TOOLCHAIN_FILES = ['rust-toolchain', 'rust-toolchain.toml'] as const;

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * The channel a toolchain file pins, or undefined when it names only components, targets or
 * a profile. The legacy `rust-toolchain` may hold just a channel name on one line.
 */
export function toolchainChannel(file: string, text: string): string | undefined {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (posix.basename(file) === 'rust-toolchain' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(trimmed)) return trimmed;
  const toml = parseToml(file, text);
  if (toml.toolchain === undefined) return undefined;
  if (!isTable(toml.toolchain)) throw new ManifestError(`${file}: expected [toolchain] to be a table`);
  const channel = toml.toolchain.channel;
  if (channel === undefined) return undefined;
  if (typeof channel !== 'string' || channel.trim() === '')
    throw new ManifestError(`${file}: expected toolchain.channel to be a string, got ${JSON.stringify(channel)}`);
  return channel.trim();
}

/** The toolchain file rustup would use in `dir` (repository-relative, `''` for the top), if any. */
export function toolchainFor(dir: string, files: ReadonlyMap<string, string>): Workspace['toolchain'] {
  for (let at = dir; ; at = at.includes('/') ? posix.dirname(at) : '') {
    for (const name of TOOLCHAIN_FILES) {
      const path = at ? `${at}/${name}` : name;
      const text = files.get(path);
      if (text === undefined) continue;
      const channel = toolchainChannel(path, text);
      return { path, ...(channel ? { channel } : {}) };
    }
    if (at === '') return undefined;
  }
}
