import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { WORKERS } from './registry.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * Workers that may subscribe without a variables list, i.e. fetch every variable of the instance,
 * each with the reason. None does today: every handler reads a known set of variables.
 */
const ALL_VARIABLES: Record<string, string> = {};

describe('the workers of workers/registry.ts', () => {
  it('each subscribe with a variables list, unless listed as needing every variable', () => {
    // Given every worker, When its definition is read, Then it names its variables or is exempt by name
    const without = WORKERS.filter((w) => w.variables === undefined).map((w) => w.topic);
    expect(without.sort()).toEqual(Object.keys(ALL_VARIABLES).sort());
  });

  it('fetch every variable their input schema reads', () => {
    for (const w of WORKERS.filter((d) => d.variables !== undefined)) {
      // Given a worker's object schema, Then each of its keys is fetched
      expect(w.input).toBeInstanceOf(z.ZodObject);
      const keys = Object.keys((w.input as z.ZodObject).shape);
      expect({ topic: w.topic, missing: keys.filter((k) => !w.variables!.includes(k)) }).toEqual({
        topic: w.topic,
        missing: [],
      });
    }
  });

  it('fetch every variable their handler reads from its input beyond the schema (input.<name>)', () => {
    for (const w of WORKERS.filter((d) => d.variables !== undefined)) {
      // Given the worker's source, When it reads input.<name>, Then <name> is in its list
      const source = fs.readFileSync(path.join(HERE, w.topic, 'index.ts'), 'utf8');
      const read = [...source.matchAll(/\binput\.(\w+)\b(?!\()/g)].map((m) => m[1]!);
      const missing = [...new Set(read)].filter((k) => !w.variables!.includes(k));
      expect({ topic: w.topic, missing }).toEqual({ topic: w.topic, missing: [] });
    }
  });

  it('list no variable twice', () => {
    for (const w of WORKERS.filter((d) => d.variables !== undefined))
      expect({ topic: w.topic, n: w.variables!.length }).toEqual({
        topic: w.topic,
        n: new Set(w.variables).size,
      });
  });
});
