/** Intrinsic size of an SVG from its root element, so every `<img>` gets width and height. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) throw new Error('expected an <svg> root element');
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(root)?.[1];
  const viewBox = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (viewBox && viewBox.length === 4 && viewBox[2] > 0 && viewBox[3] > 0) return { width: viewBox[2], height: viewBox[3] };
  const width = parseFloat(attr('width') ?? '');
  const height = parseFloat(attr('height') ?? '');
  if (width > 0 && height > 0) return { width, height };
  throw new Error('expected a viewBox or width and height on the <svg> element');
}

/** Scale an intrinsic size to fit a square box, keeping the aspect ratio (whole pixels). */
export function fitBox(size: { width: number; height: number }, box: number): { width: number; height: number } {
  const scale = box / Math.max(size.width, size.height);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}
