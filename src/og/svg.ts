/**
 * SVG and XML as text: sizes, nesting and escaping. Shared beyond the share images: the logo
 * checks and `npm run logos` read sizes here, and every XML the project writes (sanitized logos,
 * share cards, placeholder logos, the feed) escapes its text with `escapeXml`.
 */

/** Largest intrinsic width or height taken from an SVG (logos are a few hundred units). */
export const MAX_SVG_SIZE = 100_000;

/** Intrinsic size of an SVG from its root element, so every `<img>` gets width and height. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) throw new Error('expected an <svg> root element');
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(root)?.[1];
  const viewBox = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  // Finite and positive: `1e400` parses as Infinity, which reached the page as width="NaN".
  const usable = (n: number) => Number.isFinite(n) && n > 0 && n <= MAX_SVG_SIZE;
  if (viewBox && viewBox.length === 4 && viewBox.every(Number.isFinite) && usable(viewBox[2]) && usable(viewBox[3]))
    return { width: viewBox[2], height: viewBox[3] };
  const width = parseFloat(attr('width') ?? '');
  const height = parseFloat(attr('height') ?? '');
  if (usable(width) && usable(height)) return { width, height };
  throw new Error(
    `expected a viewBox or width and height on the <svg> element, finite, positive and at most ${MAX_SVG_SIZE}`,
  );
}

/** Scale an intrinsic size to fit a square box, keeping the aspect ratio (whole pixels). */
export function fitBox(size: { width: number; height: number }, box: number): { width: number; height: number } {
  const scale = box / Math.max(size.width, size.height);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/**
 * An SVG document as an element nested in another, drawn into `box`: what comes before its
 * root (XML prolog, doctype, comments) is dropped, and the root's own position and size are
 * replaced by the box's, keeping its viewBox (made from its width and height when it has none).
 * resvg draws a nested <svg> directly at the box's size, where an <image> of the same document
 * is first drawn at the document's own size and then resampled: share cards render about 40%
 * faster this way. Everything in the nested document applies inside the host, so it must be
 * trusted: no <style> (it would restyle the host), no references to files or URLs (resvg would
 * read them from the build machine), no ids the host uses. Logos are checked for exactly this
 * by validation (validation/logo-safety.ts) before any build draws them.
 */
export function nestSvg(
  svg: string,
  box: { x: number; y: number; width: number; height: number },
  preserveAspectRatio = 'xMidYMid meet',
): string {
  const start = svg.search(/<svg\b/i);
  if (start < 0) throw new Error('expected an <svg> root element');
  const doc = svg.slice(start).trimEnd();
  const root = /^<svg\b[^>]*>/i.exec(doc)![0];
  const { width, height } = svgSize(doc);
  const viewBox = /\sviewBox\s*=\s*["']([^"']+)["']/i.exec(root)?.[1] ?? `0 0 ${width} ${height}`;
  const selfClosing = root.endsWith('/>');
  const rest = root
    .slice(4, selfClosing ? -2 : -1)
    .replace(/\s(?:x|y|width|height|viewBox|preserveAspectRatio)\s*=\s*(?:"[^"]*"|'[^']*')/gi, '')
    .trimEnd();
  const open = `<svg x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" viewBox="${viewBox}" preserveAspectRatio="${preserveAspectRatio}"${rest}`;
  return `${open}${selfClosing ? '/>' : '>'}${doc.slice(root.length)}`;
}

/** Text made safe inside an XML/SVG element or an attribute in either kind of quotes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
