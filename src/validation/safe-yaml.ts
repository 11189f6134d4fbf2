/**
 * js-yaml's `load` with limits for text from outside (entries, landscape.yml, taxonomy files):
 * a 42 KB "billion laughs" of nested aliases took `sync` and `new` to an out-of-memory crash.
 * Aliases are capped per document, nesting is capped by js-yaml's maxDepth, and text over the
 * size limit is refused before parsing.
 */
import { load, type LoadOptions } from 'js-yaml';

/** Aliases (`*ref`) one document may use: entries use none, landscape.yml a handful. */
export const MAX_YAML_ALIASES = 100;
/** Largest YAML text parsed (the CNCF landscape.yml is about 1.1 MB). */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;

export class YamlLimitError extends Error {
  override name = 'YamlLimitError';
}

export function loadYaml(text: string, options: LoadOptions & { maxBytes?: number } = {}): unknown {
  const maxBytes = options.maxBytes ?? MAX_YAML_BYTES;
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes)
    throw new YamlLimitError(
      `${options.filename ? `${options.filename}: ` : ''}the YAML is ${bytes} bytes (expected at most ${maxBytes})`,
    );
  const { maxBytes: _, ...rest } = options;
  return load(text, { maxDepth: 100, ...rest, maxAliases: options.maxAliases ?? MAX_YAML_ALIASES });
}
