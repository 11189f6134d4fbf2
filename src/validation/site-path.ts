/**
 * A root-relative path inside the site, such as `/logos/tikv.svg`: starts with one `/`, has
 * no scheme, no `//host`, no `..` segment and no whitespace or backslash. Used by the
 * validator and by `<Figure>`, which adds the base path to it.
 */
export function isSitePath(value: string): boolean {
  return /^\/(?!\/)[^\s\\]*$/.test(value) && !value.split(/[?#]/)[0].split('/').includes('..');
}
