/**
 * Unsafe Rust in one file, counted on tree-sitter-rust's syntax tree, so that the word in a
 * comment, a string, a raw string or an identifier (`unsafe_op`, `r#unsafe`) never counts:
 *
 * - `unsafe { … }` blocks (nested ones each count; in closures, consts and statics too);
 * - `unsafe fn` items, with or without a body (a trait's declaration and each definition
 *   count; an `unsafe fn(…)` pointer *type* does not: it declares no code);
 * - `unsafe impl` and `unsafe trait`;
 * - `extern` blocks (`extern "C" { … }`, whose items Rust treats as unsafe to use), including
 *   the 2024 edition's `unsafe extern "C" { … }`, which tree-sitter-rust 0.24 does not know
 *   and parses as an error followed by a block;
 * - apart: `unsafe` tokens inside macro bodies and invocations (`macro_rules!`, `vec![…]`),
 *   which the grammar keeps as token trees without structure.
 *
 * And whether the file opens with `#![forbid(unsafe_code)]` or `#![deny(unsafe_code)]`
 * (also inside `#![cfg_attr(…)]`). Pure apart from the parser it is given.
 */
import type { Node, Parser } from 'web-tree-sitter';

export interface UnsafeCounts {
  blocks: number;
  functions: number;
  impls: number;
  traits: number;
  externBlocks: number;
}

export const UNSAFE_KINDS = [
  'blocks',
  'functions',
  'impls',
  'traits',
  'externBlocks',
] as const satisfies readonly (keyof UnsafeCounts)[];

export interface FileUnsafe extends UnsafeCounts {
  /** `unsafe` tokens in macro token trees: not part of the five kinds above. */
  inMacros: number;
  /** The crate-level lint the file sets, when it opens with one. */
  lint?: 'forbid' | 'deny';
  /** The parser met text it could not fit to the grammar (counted around it as far as it could). */
  parseErrors: boolean;
}

export const emptyCounts = (): UnsafeCounts => ({ blocks: 0, functions: 0, impls: 0, traits: 0, externBlocks: 0 });

export const totalUnsafe = (c: UnsafeCounts): number => c.blocks + c.functions + c.impls + c.traits + c.externBlocks;

const ATTRIBUTES = new Set(['attribute_item', 'inner_attribute_item']);

/** The lint a top-level `#![…]` sets for `unsafe_code`, looking into `cfg_attr` arguments. */
function lintOf(item: Node): 'forbid' | 'deny' | undefined {
  const attribute = item.namedChildren.find((c) => c?.type === 'attribute');
  if (!attribute) return undefined;
  const name = attribute.namedChildren[0]?.text;
  const args = attribute.namedChildren.find((c) => c?.type === 'token_tree');
  if (!args || !name) return undefined;
  const mentions = (tree: Node) => tree.namedChildren.some((c) => c?.type === 'identifier' && c.text === 'unsafe_code');
  if (name === 'forbid' || name === 'deny') return mentions(args) ? name : undefined;
  if (name !== 'cfg_attr') return undefined;
  // `cfg_attr(predicate, forbid(unsafe_code))`: an identifier followed by its own token tree.
  const parts = args.namedChildren;
  let found: 'forbid' | 'deny' | undefined;
  parts.forEach((c, i) => {
    const next = parts[i + 1];
    if (
      c?.type === 'identifier' &&
      (c.text === 'forbid' || c.text === 'deny') &&
      next?.type === 'token_tree' &&
      mentions(next)
    )
      found = found === 'forbid' ? found : c.text;
  });
  return found;
}

export function countUnsafe(parser: Parser, text: string): FileUnsafe {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter could not parse the file');
  const result: FileUnsafe = { ...emptyCounts(), inMacros: 0, parseErrors: false };
  try {
    const root = tree.rootNode;
    result.parseErrors = root.hasError;
    for (const child of root.namedChildren) {
      if (child?.type !== 'inner_attribute_item') continue;
      const lint = lintOf(child);
      if (lint && result.lint !== 'forbid') result.lint = lint;
    }
    const cursor = tree.walk();
    // Types of the nodes above the cursor, and how many of them are attributes.
    const ancestors: string[] = [];
    let inAttribute = 0;
    for (;;) {
      const type = cursor.nodeType;
      if (cursor.nodeIsNamed) {
        if (type === 'unsafe_block') result.blocks++;
        else if (type === 'foreign_mod_item') result.externBlocks++;
      } else if (type === 'unsafe') {
        const parent = ancestors.at(-1);
        if (parent === 'function_modifiers') {
          const owner = ancestors.at(-2);
          if (owner === 'function_item' || owner === 'function_signature_item') result.functions++;
        } else if (parent === 'impl_item') result.impls++;
        else if (parent === 'trait_item') result.traits++;
        else if (parent === 'token_tree' && inAttribute === 0) result.inMacros++;
        else if (parent === 'ERROR') {
          // `unsafe extern "C" {` (Rust 2024) comes out as ERROR(unsafe, extern_modifier) then a block.
          const here = cursor.currentNode;
          if (here.nextSibling?.type === 'extern_modifier') result.externBlocks++;
        }
      }
      if (cursor.gotoFirstChild()) {
        ancestors.push(type);
        if (ATTRIBUTES.has(type)) inAttribute++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          cursor.delete();
          return result;
        }
        const left = ancestors.pop()!;
        if (ATTRIBUTES.has(left)) inAttribute--;
      }
    }
  } finally {
    tree.delete();
  }
}
