// Jest loads global setup with Node's own ESM loader, which cannot resolve our TypeScript imports;
// tsx can, so the real work lives in engine-lifecycle.ts.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const lifecycle = await tsImport('./engine-lifecycle.ts', import.meta.url);
  await lifecycle.setup();
}
