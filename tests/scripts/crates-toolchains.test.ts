/**
 * What the crate extraction keeps for the safety views: each crate's edition, rust-version
 * and `unsafe_code` lint (inherited from the workspace or not), the registry a locked package
 * comes from when it is not crates.io, and the toolchain file rustup would use for each
 * workspace (nearest above it, legacy one-line form, a link to a file elsewhere in the tree).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { extractCrates } from '../../scripts/lib/crates/extract.ts';
import { readCargoFiles } from '../../scripts/lib/crates/git-files.ts';
import { parseLockfile } from '../../scripts/lib/crates/lockfile.ts';
import { toolchainChannel, toolchainFor } from '../../scripts/lib/crates/toolchain.ts';
import { commitFiles, initRepo, symlink } from '../helpers/git-fixtures.ts';

vi.setConfig({ testTimeout: 60_000 });

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

const WORKSPACE = `
[workspace]
members = ["a", "b", "c"]

[workspace.package]
edition = "2024"
rust-version = "1.85"

[workspace.lints.rust]
unsafe_code = { level = "forbid", priority = -1 }
`;

describe('editions, rust-version and the unsafe_code lint', () => {
  const r = extractCrates(
    files({
      'Cargo.toml': WORKSPACE,
      'a/Cargo.toml':
        '[package]\nname = "a"\nedition.workspace = true\nrust-version.workspace = true\n[lints]\nworkspace = true\n',
      'b/Cargo.toml':
        '[package]\nname = "b"\nedition = "2021"\nrust-version = "1.70.0"\n[lints.rust]\nunsafe_code = "deny"\n',
      'c/Cargo.toml': '[package]\nname = "c"\n',
    }),
  );
  const by = Object.fromEntries(r.crates.map((c) => [c.name, c]));

  it('reads them inherited from the workspace', () => {
    expect(by.a).toMatchObject({ edition: '2024', rustVersion: '1.85', unsafeCodeLint: 'forbid' });
  });

  it('reads them set in the crate, as a string or a table', () => {
    expect(by.b).toMatchObject({ edition: '2021', rustVersion: '1.70.0', unsafeCodeLint: 'deny' });
  });

  it('leaves them out when the crate sets none (Cargo then builds edition 2015)', () => {
    expect(by.c).not.toHaveProperty('edition');
    expect(by.c).not.toHaveProperty('rustVersion');
    expect(by.c).not.toHaveProperty('unsafeCodeLint');
  });

  it('names a manifest that inherits lints the workspace does not have, or sets an edition Cargo refuses', () => {
    expect(() =>
      extractCrates(
        files({
          'Cargo.toml': '[workspace]\nmembers = ["a"]\n',
          'a/Cargo.toml': '[package]\nname = "a"\n[lints]\nworkspace = true\n',
        }),
      ),
    ).toThrow('a/Cargo.toml: lints.workspace = true, but Cargo.toml has no [workspace.lints]');
    expect(() => extractCrates(files({ 'Cargo.toml': '[package]\nname = "x"\nedition = "21"\n' }))).toThrow(
      'Cargo.toml: expected package.edition to be a year such as "2021", got "21"',
    );
    expect(() =>
      extractCrates(files({ 'Cargo.toml': '[package]\nname = "x"\n[lints.rust]\nunsafe_code = "never"\n' })),
    ).toThrow('Cargo.toml: expected lints.rust.unsafe_code to be one of forbid, deny, warn, allow, got "never"');
  });
});

describe('the registry of a locked package', () => {
  const LOCK = `version = 4
[[package]]
name = "tokio"
version = "1.41.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tokio"
version = "1.41.0"
source = "sparse+https://crates.example.org/index/"

[[package]]
name = "serde"
version = "1.0.200"
source = "sparse+https://index.crates.io/"
`;

  it('is absent for crates.io (git or sparse index) and kept for any other registry', () => {
    expect(parseLockfile('Cargo.lock', LOCK).packages).toEqual([
      { name: 'serde', version: '1.0.200', source: 'registry' },
      { name: 'tokio', version: '1.41.0', source: 'registry' },
      { name: 'tokio', version: '1.41.0', source: 'registry', registry: 'https://crates.example.org/index/' },
    ]);
  });
});

describe('toolchain files', () => {
  it('reads the channel of rust-toolchain.toml, of the legacy one-line file and of a legacy TOML file', () => {
    expect(toolchainChannel('rust-toolchain.toml', '[toolchain]\nchannel = "1.80.0"\ncomponents = ["clippy"]\n')).toBe(
      '1.80.0',
    );
    expect(toolchainChannel('rust-toolchain', 'nightly-2024-05-01\n')).toBe('nightly-2024-05-01');
    expect(toolchainChannel('rust-toolchain', '[toolchain]\nchannel = "stable"\n')).toBe('stable');
    expect(toolchainChannel('rust-toolchain.toml', '[toolchain]\ncomponents = ["rustfmt"]\n')).toBeUndefined();
  });

  it('finds the nearest file at or above the workspace, the legacy name first as rustup does', () => {
    const tree = files({
      'rust-toolchain.toml': '[toolchain]\nchannel = "1.80.0"\n',
      'sub/rust-toolchain': 'nightly\n',
      'sub/rust-toolchain.toml': '[toolchain]\nchannel = "1.70.0"\n',
    });
    expect(toolchainFor('', tree)).toEqual({ path: 'rust-toolchain.toml', channel: '1.80.0' });
    expect(toolchainFor('other/deep', tree)).toEqual({ path: 'rust-toolchain.toml', channel: '1.80.0' });
    expect(toolchainFor('sub/crate', tree)).toEqual({ path: 'sub/rust-toolchain', channel: 'nightly' });
    expect(toolchainFor('', files({}))).toBeUndefined();
  });

  it('goes into each workspace of the extraction', () => {
    const r = extractCrates(
      files({
        'svc/Cargo.toml': '[package]\nname = "svc"\n',
        'svc/rust-toolchain.toml': '[toolchain]\nchannel = "1.85.0"\n',
        'tool/Cargo.toml': '[package]\nname = "tool"\n',
      }),
    );
    expect(r.workspaces).toEqual([
      { root: 'svc', toolchain: { path: 'svc/rust-toolchain.toml', channel: '1.85.0' } },
      { root: 'tool' },
    ]);
  });

  describe('read from git', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'toolchain-test-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it('follows a link to a file in the tree and leaves out one that points outside', async () => {
      const dir = path.join(tmp, 'repo');
      initRepo(dir);
      symlink(dir, 'ci/rust-toolchain.toml', 'rust-toolchain.toml');
      symlink(dir, '../../outside/Cargo.lock', 'Cargo.lock');
      const commit = commitFiles(
        dir,
        { 'Cargo.toml': '[package]\nname = "x"\n', 'ci/rust-toolchain.toml': '[toolchain]\nchannel = "1.74.0"\n' },
        '2024-05-01T10:00:00+00:00',
      );
      const { files: read } = await readCargoFiles(path.join(dir, '.git'), commit);
      expect([...read.keys()].sort()).toEqual(['Cargo.toml', 'ci/rust-toolchain.toml', 'rust-toolchain.toml']);
      expect(extractCrates(read).workspaces).toEqual([
        { root: '', toolchain: { path: 'rust-toolchain.toml', channel: '1.74.0' } },
      ]);
    });
  });
});
