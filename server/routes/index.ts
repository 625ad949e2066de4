import type { Router } from 'express';
import type { Db } from '../../store/index.js';

export interface RouteDeps {
  db: Db;
}

/** Every /api router of the product; each feature adds its own here. */
export function apiRouters(_deps: RouteDeps): Router[] {
  return [];
}
