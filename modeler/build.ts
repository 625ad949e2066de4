import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Bundles the modeler page (modeler/src) with esbuild into modeler/dist (git-ignored). In a
// checkout the server builds it on the first request when it is missing or older than its sources,
// so a fresh clone needs no extra step; `npm run modeler:build` does it ahead of time. `npm run build`
// writes it next to the compiled server (dist/modeler/dist), where the production image has no
// sources and no esbuild: there the bundle is only served, never built.

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

/** Builds modeler.js and modeler.css (with the bpmn font) into outdir (modeler/dist by default). */
export async function buildModeler(outdir = MODELER_DIST): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: { modeler: path.join(MODELER_SRC, 'main.ts') },
    outdir,
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

/**
 * Builds the bundle once when it is stale; concurrent callers share the build. Without the sources
 * (the compiled server of the production image) the bundle built by `npm run build` must be there.
 */
export function ensureModelerBundle(): Promise<void> {
  if (!fs.existsSync(MODELER_SRC)) {
    return fs.existsSync(BUNDLE)
      ? Promise.resolve()
      : Promise.reject(new Error(`建模器前端包缺失（${BUNDLE}）：请先运行 npm run build`));
  }
  if (!building && bundleIsStale()) {
    building = buildModeler().finally(() => {
      building = undefined;
    });
  }
  return building ?? Promise.resolve();
}

// `tsx modeler/build.ts [outdir]`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? path.resolve(process.argv[2]) : MODELER_DIST;
  await buildModeler(outdir);
  console.log(`modeler bundle written to ${path.relative(process.cwd(), outdir)}/`);
}
