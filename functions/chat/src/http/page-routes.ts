import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';

/** Only what the page needs: its own scripts, styles and API calls; no inline code, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const FILES = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
} as const;

/** Serves the chat page (no build step) from `folder` (`public/` beside the function's source or bundle). */
export function pageRoutes(folder: URL): Hono {
  const app = new Hono();
  const cache = new Map<string, string>();
  for (const [path, { file, type }] of Object.entries(FILES)) {
    app.get(path, async (c) => {
      let body = cache.get(file);
      if (body === undefined) cache.set(file, (body = await readFile(new URL(file, folder), 'utf8')));
      return c.body(body, 200, {
        'content-type': type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      });
    });
  }
  return app;
}
