/**
 * `/theme.js`: the blocking classic script in every page's <head> that applies the reader's
 * saved theme before the first paint (src/client/theme.js). It is generated here from src/
 * rather than copied from public/, where a pull request could change code that runs on every
 * page without any check: public/ holds no script at all (validation/public-files.ts). The
 * text is the file's own, byte for byte; the CSP allows it as a script from 'self'.
 */
import type { APIRoute } from 'astro';
import theme from '../client/theme.js?raw';

export const GET: APIRoute = () =>
  new Response(theme, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
