import { Hono } from 'hono';
import type { AppEnv } from '../env';

// A bridge's arch over water in the header's green: small enough to ship inline, sharp at any size a tab asks for.
const bridge = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b3d2e"/><path d="M4 20h24M6 20c2-7 18-7 20 0" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/><path d="M5 25h22" stroke="#7cc4a4" stroke-width="2" stroke-linecap="round"/></svg>`;

/**
 * The site's icon. Browsers ask for `/favicon.ico` whatever a page links, and a 404 there fills every access log; SVG
 * under that name is shown by the browsers the county's offices use.
 */
export const faviconRoutes = new Hono<AppEnv>().get('/favicon.ico', (c) =>
  c.body(bridge, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=604800' }),
);
