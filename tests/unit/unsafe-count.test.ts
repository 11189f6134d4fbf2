/**
 * Unsafe code counted on tree-sitter-rust's syntax tree, on fixtures: the word in comments,
 * strings and identifiers never counts; nested blocks, `unsafe fn` (declared and defined),
 * `unsafe impl`, `unsafe trait` and extern blocks (the 2024 `unsafe extern` form included)
 * each count; macro bodies are counted apart; crate-level `forbid`/`deny(unsafe_code)`.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { rustParser } from '../../scripts/lib/rust-grammar.ts';
import { countUnsafe, totalUnsafe } from '../../scripts/lib/unsafe/count.ts';

// Loading the WebAssembly grammar takes a moment on a loaded machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let parser: Parser;
beforeAll(async () => {
  parser = await rustParser();
});

const count = (text: string) => countUnsafe(parser, text);
const none = { blocks: 0, functions: 0, impls: 0, traits: 0, externBlocks: 0, inMacros: 0 };

describe('what is not unsafe code', () => {
  it('does not count the word in comments, doc comments, strings, raw strings, byte strings or chars', () => {
    const text = [
      '// unsafe { x() }',
      '/* unsafe fn f() {} /* nested unsafe impl */ still comment unsafe trait */',
      '/// unsafe { doc }',
      '//! unsafe extern "C" {}',
      'const A: &str = "unsafe { }";',
      'const B: &str = r#"unsafe fn g() {} "#;',
      'const C: &[u8] = b"unsafe";',
      "const D: char = 'u';",
    ].join('\n');
    expect(count(text)).toMatchObject({ ...none, parseErrors: false });
  });

  it('does not count identifiers that contain it, raw identifiers, or an unsafe fn pointer type', () => {
    const text = [
      'fn unsafe_thing(unsafe_ptr: usize) -> usize { let r#unsafe = unsafe_ptr; r#unsafe }',
      'type Callback = unsafe extern "C" fn(i32) -> i32;',
      'fn takes(f: unsafe fn()) {}',
      'extern crate alloc;',
      'extern "C" fn exported() {}',
    ].join('\n');
    expect(count(text)).toMatchObject(none);
  });
});

describe('what is unsafe code', () => {
  it('counts every unsafe block, nested ones and those in closures, consts and statics', () => {
    const text = [
      'fn f() {',
      '    unsafe { g(); unsafe { h() } }',
      '    let c = || unsafe { k() };',
      '}',
      'const X: u8 = unsafe { Y };',
      'static Z: u8 = unsafe { 1 };',
    ].join('\n');
    expect(count(text)).toMatchObject({ ...none, blocks: 5 });
  });

  it('counts unsafe fn with and without a body, free, in impls and in traits, and the unsafe block inside', () => {
    const text = [
      'unsafe fn free() {}',
      'pub(crate) const unsafe fn konst() {}',
      'pub unsafe extern "C" fn exported() { unsafe { g() } }',
      'impl S { unsafe fn method(&self) {} }',
      'trait T { unsafe fn declared(&self); }',
    ].join('\n');
    expect(count(text)).toMatchObject({ ...none, functions: 5, traits: 0, blocks: 1 });
  });

  it('counts unsafe impl and unsafe trait, not a plain or negative impl', () => {
    const text = [
      'unsafe impl Send for S {}',
      'unsafe impl<T: Sync> Sync for W<T> {}',
      'impl !Send for Q {}',
      'impl Clone for S { fn clone(&self) -> Self { *self } }',
      'unsafe trait Zeroable {}',
      'pub unsafe trait Pod: Zeroable { unsafe fn cast(&self); }',
    ].join('\n');
    expect(count(text)).toMatchObject({ ...none, impls: 2, traits: 2, functions: 1 });
  });

  it('counts extern blocks, the 2024 edition `unsafe extern` form included, not their items', () => {
    const text = [
      'extern "C" { fn c_fn(x: i32) -> i32; static ERRNO: i32; }',
      'extern { fn bare(); }',
      'fn inner() {',
      '    unsafe extern "C" {',
      '        #[link_name = "foo"]',
      '        fn foo(a: i32) -> i32;',
      '    }',
      '    unsafe { foo(1) };',
      '}',
    ].join('\n');
    const result = count(text);
    expect(result).toMatchObject({ ...none, externBlocks: 3, blocks: 1 });
    expect(totalUnsafe(result)).toBe(4);
  });

  it('counts unsafe tokens in macro definitions and invocations apart from the five kinds', () => {
    const text = [
      'macro_rules! zeroed { () => { unsafe { core::mem::zeroed() } } }',
      'fn f() { let v = vec![unsafe { g() }, 2]; }',
      '#[cfg_attr(feature = "x", doc = "unsafe")] fn d() {}',
    ].join('\n');
    expect(count(text)).toMatchObject({ ...none, inMacros: 2 });
  });
});

describe('crate-level lints', () => {
  it('reads #![forbid(unsafe_code)] and #![deny(unsafe_code)] at the top of a file', () => {
    expect(count('#![forbid(unsafe_code)]\nfn main() {}').lint).toBe('forbid');
    expect(count('#![deny(missing_docs, unsafe_code)]\nfn main() {}').lint).toBe('deny');
    expect(count('#![cfg_attr(not(test), forbid(unsafe_code))]\n').lint).toBe('forbid');
  });

  it('leaves out other lints, warn, outer attributes and comments', () => {
    expect(count('#![warn(unsafe_code)]\n').lint).toBeUndefined();
    expect(count('#![forbid(missing_docs)]\n').lint).toBeUndefined();
    expect(count('#[deny(unsafe_code)]\nfn f() {}\n').lint).toBeUndefined();
    expect(count('// #![forbid(unsafe_code)]\n').lint).toBeUndefined();
  });

  it('says when the parser met syntax the grammar does not know', () => {
    expect(count('fn f() { let x = ; }').parseErrors).toBe(true);
    expect(count('fn f() {}').parseErrors).toBe(false);
  });
});
