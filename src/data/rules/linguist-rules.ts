/**
 * The counter's choices where GitHub linguist leaves room: which language an ambiguous
 * extension is, and the default path rules that keep a file out of the language statistics
 * (a subset of linguist's `vendor.yml`, `documentation.yml` and file-name rules for generated
 * code). Shared by the counter (scripts/lib/tree-count.ts) and the data-notes page.
 * `.gitattributes` overrides every one of them (`-linguist-vendored` brings a path back).
 * Pure.
 *
 * Left out on purpose: linguist's `(^|/)cache/` rule (it hides first-party code such as
 * `src/cache/mod.rs`), its content-based generated-code checks (the counter does not read
 * non-Rust files) and rules for ecosystems CNCF repositories do not use (Cocoa pods, Visual
 * Studio, …). Generated Rust (prost/tonic output) counts unless `.gitattributes` marks it.
 */

export type PathRuleKind = 'vendored' | 'documentation' | 'generated';

export interface PathRule {
  kind: PathRuleKind;
  /** What notes and reports print, e.g. `vendor/`. */
  label: string;
  test: RegExp;
}

export const PATH_RULES: readonly PathRule[] = [
  // vendor.yml: dependencies copied into the tree.
  { kind: 'vendored', label: 'vendor/', test: /(^|\/)vendor\// },
  { kind: 'vendored', label: 'third_party/', test: /(^|\/)third[-_]?party\// },
  { kind: 'vendored', label: '3rdparty/', test: /(^|\/)3rd[-_]?party\// },
  { kind: 'vendored', label: 'node_modules/', test: /(^|\/)node_modules\// },
  { kind: 'vendored', label: 'bower_components/', test: /(^|\/)bower_components\// },
  { kind: 'vendored', label: 'Godeps/', test: /(^|\/)Godeps\// },
  { kind: 'vendored', label: 'top-level deps/', test: /^deps\// },
  { kind: 'vendored', label: '*.min.js', test: /(\.|-)min\.js$/ },
  // documentation.yml: docs and examples at the top of the repository.
  { kind: 'documentation', label: 'top-level docs/', test: /^[Dd]ocs?\// },
  { kind: 'documentation', label: 'documentation/', test: /(^|\/)[Dd]ocumentation\// },
  { kind: 'documentation', label: 'top-level examples/', test: /^[Ee]xamples\// },
  { kind: 'documentation', label: 'top-level samples/', test: /^[Ss]amples?\// },
  { kind: 'documentation', label: 'top-level demos/', test: /^[Dd]emos?\// },
  // generated.rb, by file name only: protobuf/gRPC and Kubernetes code generators.
  { kind: 'generated', label: '*.pb.go', test: /\.pb(\.gw)?\.go$/ },
  { kind: 'generated', label: '*_pb2.py', test: /_pb2(_grpc)?\.pyi?$/ },
  { kind: 'generated', label: '*.pb.cc/.pb.h', test: /\.pb\.(cc|h)$/ },
  { kind: 'generated', label: 'zz_generated*.go', test: /(^|\/)zz_generated[^/]*\.go$/ },
];

/** The first default rule a path falls under, or undefined. */
export function pathRuleOf(path: string): PathRule | undefined {
  return PATH_RULES.find((rule) => rule.test.test(path));
}

/** The `.gitattributes` linguist attributes the counter reads. */
export const LINGUIST_ATTRIBUTES = ['linguist-vendored', 'linguist-generated', 'linguist-documentation', 'linguist-language'] as const;

/** One path's attribute values as `git check-attr` prints them (`set`, `unset`, `unspecified` or a value). */
export type AttributeValues = Partial<Record<(typeof LINGUIST_ATTRIBUTES)[number], string>>;

/** `set`/`true` → true, `unset`/`false` → false, anything else (unspecified) → undefined. */
function flag(value: string | undefined): boolean | undefined {
  if (value === 'set' || value === 'true') return true;
  if (value === 'unset' || value === 'false') return false;
  return undefined;
}

export interface Exclusion {
  kind: PathRuleKind;
  /** `vendor/`, `top-level docs/`, … or `.gitattributes` for an attribute. */
  label: string;
}

/**
 * Why a file is left out of the statistics, or undefined when it counts: an attribute set
 * in `.gitattributes` wins; an attribute unset there (`-linguist-vendored`) cancels the
 * default rule of that kind; otherwise the default path rules apply.
 */
export function exclusionOf(path: string, attributes: AttributeValues = {}): Exclusion | undefined {
  const kinds: PathRuleKind[] = ['vendored', 'generated', 'documentation'];
  for (const kind of kinds) if (flag(attributes[`linguist-${kind}`]) === true) return { kind, label: `.gitattributes linguist-${kind}` };
  const rule = PATH_RULES.find((r) => r.test.test(path) && flag(attributes[`linguist-${r.kind}`]) !== false);
  return rule ? { kind: rule.kind, label: rule.label } : undefined;
}

/**
 * Extensions several linguist languages claim, settled for the code CNCF repositories hold.
 * `null`: not counted (no language), because no single reading is right often enough.
 */
export const AMBIGUOUS_EXTENSIONS: Readonly<Record<string, { language: string | null; why: string }>> = {
  '.rs': { language: 'Rust', why: 'RenderScript (also .rs) was deprecated by Android in 2021' },
  '.h': { language: 'C', why: 'linguist picks C, C++ or Objective-C from the content; the counter does not read C headers' },
  '.inc': { language: null, why: 'claimed by a dozen languages (C++, PHP, Pascal, assembly, SQL …)' },
  '.d': { language: null, why: 'D sources, DTrace scripts and make dependency files share it' },
  '.m': { language: 'Objective-C', why: 'rather than MATLAB, Mercury, Limbo …' },
  '.mm': { language: 'Objective-C++', why: 'rather than XML' },
  '.pl': { language: 'Perl', why: 'rather than Prolog or Raku' },
  '.pm': { language: 'Perl', why: 'rather than Raku or X PixMap' },
  '.t': { language: 'Perl', why: 'Perl test files, rather than Raku, Terra or Turing' },
  '.cs': { language: 'C#', why: 'rather than Smalltalk' },
  '.fs': { language: 'F#', why: 'rather than Forth, GLSL or Filterscript' },
  '.s': { language: 'Unix Assembly', why: 'rather than other assemblers' },
  '.asm': { language: 'Assembly', why: 'rather than Motorola 68K Assembly' },
  '.v': { language: 'Verilog', why: 'rather than V or the Rocq prover' },
  '.r': { language: 'R', why: 'rather than Rebol or Rez' },
  '.ml': { language: 'OCaml', why: 'rather than Standard ML' },
  '.l': { language: 'Lex', why: 'rather than Common Lisp, PicoLisp or Roff' },
  '.cl': { language: 'OpenCL', why: 'rather than Common Lisp or Cool' },
  '.es': { language: 'JavaScript', why: 'rather than Erlang' },
  '.md': { language: 'Markdown', why: 'rather than GCC machine descriptions' },
  '.txt': { language: 'Text', why: 'rather than Adblock filter lists or Vim help' },
  '.tpl': { language: 'Go Template', why: 'Helm chart templates, rather than Smarty' },
  '.sql': { language: 'SQL', why: 'rather than a vendor dialect' },
  '.yml': { language: 'YAML', why: 'rather than OpenAPI or MiniYAML variants' },
  '.yaml': { language: 'YAML', why: 'rather than OpenAPI or MiniYAML variants' },
  '.json': { language: 'JSON', why: 'rather than OpenAPI variants' },
  '.k': { language: 'KCL', why: 'rather than the K framework' },
  '.cue': { language: 'CUE', why: 'rather than cue sheets' },
  '.pro': { language: 'QMake', why: 'rather than IDL, Prolog or ProGuard' },
  '.cfg': { language: 'INI', why: 'rather than HAProxy' },
  '.spec': { language: 'RPM Spec', why: 'rather than Python or Ruby' },
  '.x': { language: 'RPC', why: 'rather than linker scripts, DirectX or Logos' },
  '.mod': { language: null, why: 'Modula-2, AMPL, NMODL, XML and kernel modules share it' },
  '.cgi': { language: null, why: 'any scripting language' },
  '.fcgi': { language: null, why: 'any scripting language' },
};
