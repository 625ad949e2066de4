import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Bundles the modeler page (modeler/src) with esbuild into modeler/dist (git-ignored). The server
// builds it on the first request when it is missing or older than its sources, so a fresh clone
// needs no extra step; `npm run modeler:build` does it ahead of time.

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const MODELER_SRC = path.join(HERE, 'src');
export const MODELER_DIST = path.join(HERE, 'dist');
const BUNDLE = path.join(MODELER_DIST, 'modeler.js');

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs;
    }),
  );
}

/** True when the bundle is missing or older than a source file. */
export function bundleIsStale(): boolean {
  return !fs.existsSync(BUNDLE) || fs.statSync(BUNDLE).mtimeMs < newestSource(MODELER_SRC);
}

/** Builds modeler/dist/modeler.js and modeler.css (with the bpmn font). */
export async function buildModeler(): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: { modeler: path.join(MODELER_SRC, 'main.ts') },
    outdir: MODELER_DIST,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
}

let building: Promise<void> | undefined;

/** Builds the bundle once when it is stale; concurrent callers share the build. */
export function ensureModelerBundle(): Promise<void> {
  if (!building && bundleIsStale()) {
    building = buildModeler().finally(() => {
      building = undefined;
    });
  }
  return building ?? Promise.resolve();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildModeler();
  console.log(`modeler bundle written to ${path.relative(process.cwd(), MODELER_DIST)}/`);
}
