import { z } from 'zod';
import { WORKERS } from './registry.js';

describe('the workers of workers/registry.ts', () => {
  it('fetch every variable their input schema reads when they subscribe with a variables list', () => {
    // Given the workers that name the variables they read
    const declared = WORKERS.filter((w) => w.variables !== undefined);
    expect(declared.length).toBeGreaterThan(0);
    for (const w of declared) {
      // When their schema is an object schema, Then each of its keys is fetched
      expect(w.input).toBeInstanceOf(z.ZodObject);
      const keys = Object.keys((w.input as z.ZodObject).shape);
      expect({ topic: w.topic, missing: keys.filter((k) => !w.variables!.includes(k)) }).toEqual({
        topic: w.topic,
        missing: [],
      });
    }
  });
});
