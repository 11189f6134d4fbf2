/**
 * tree-sitter-rust, the grammar editors and code-analysis tools use for Rust, loaded through
 * web-tree-sitter (WebAssembly: no native build). Both ship their `.wasm` in their npm
 * packages, so nothing is downloaded at run time. One parser per process, made on first use:
 *
 *   const parser = await rustParser();
 *   const tree = parser.parse(text);
 *   try { … tree.rootNode.descendantsOfType('unsafe_block') … } finally { tree.delete(); }
 *
 * Trees live in WebAssembly memory: call `tree.delete()` when done. Node positions
 * (`startIndex`, `endIndex`) are UTF-16 offsets into the string parsed.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;

/** The path of tree-sitter-rust's WebAssembly grammar in node_modules. */
export function rustGrammarPath(): string {
  return createRequire(import.meta.url).resolve('tree-sitter-rust/tree-sitter-rust.wasm');
}

/** The process's Rust parser (web-tree-sitter initialised and the grammar loaded once). */
export function rustParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    const language = await Language.load(await readFile(rustGrammarPath()));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}
