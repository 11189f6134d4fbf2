/**
 * The default path rules that keep a file out of the language statistics, a subset of
 * GitHub linguist's `vendor.yml`, `documentation.yml` and file-name rules for generated code.
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
