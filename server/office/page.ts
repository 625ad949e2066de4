// The office workbench page (issue 13): plain HTML, CSS and script from server/office/public and the
// chart library (chart.js, a maintained package) from node_modules. No data is in the page itself:
// its script signs in with the person's engine account and calls /api/office/* with it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { chineseFontPath } from '../../mail/certificate.js';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
// chart.js exports no path to its browser build: it sits next to the package's main file (dist/).
const CHART_JS = path.join(
  path.dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.min.js',
);

/** The files the page loads, by URL; nothing else under /office is served from disk. */
const FILES: Record<string, { file: string; type: string }> = {
  '/office': { file: path.join(PUBLIC_DIR, 'office.html'), type: 'html' },
  '/office/publicity': { file: path.join(PUBLIC_DIR, 'publicity.html'), type: 'html' },
  '/office/assets/office.css': { file: path.join(PUBLIC_DIR, 'office.css'), type: 'css' },
  '/office/assets/office.js': { file: path.join(PUBLIC_DIR, 'office.js'), type: 'js' },
  '/office/assets/publicity.js': { file: path.join(PUBLIC_DIR, 'publicity.js'), type: 'js' },
  '/office/assets/chart.umd.min.js': { file: CHART_JS, type: 'js' },
  // The certificates' Noto Sans SC (SIL OFL 1.1): used only where the machine has no Chinese font.
  '/office/assets/noto-sans-sc.otf': { file: chineseFontPath('Regular'), type: 'font/otf' },
  // The expert's one-time link of the invitation e-mail (issue 13 (3)); public, the token decides.
  '/account/set-password': { file: path.join(PUBLIC_DIR, 'set-password.html'), type: 'html' },
  '/office/assets/set-password.js': { file: path.join(PUBLIC_DIR, 'set-password.js'), type: 'js' },
  // Art. 23 / issue 16: the winner's secret 质量绩效表 link of the request e-mail; the token decides.
  '/performance-report': { file: path.join(PUBLIC_DIR, 'performance-report.html'), type: 'html' },
  '/office/assets/performance-report.js': {
    file: path.join(PUBLIC_DIR, 'performance-report.js'),
    type: 'js',
  },
};

export function officePageRouter(): Router {
  const router = Router();
  for (const [url, { file, type }] of Object.entries(FILES))
    router.get(url, (_req, res) => {
      // The link's token must not leak to other sites through the Referer header.
      res.type(type).set('Cache-Control', 'no-cache').set('Referrer-Policy', 'no-referrer').sendFile(file);
    });
  return router;
}
