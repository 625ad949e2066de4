import { WORKERS } from '../workers/registry.js';
import { TOPICS } from './topics.js';

describe('the topic manifest (bpmn/topics.ts)', () => {
  it('lists exactly the topics of workers/registry.ts, each with the error codes its worker declares', () => {
    // Given the workers the workers process subscribes
    const registry = Object.fromEntries(WORKERS.map((w) => [w.topic, [...w.errorCodes].sort()]));
    // When the manifest the diagram lint reads is compared with them
    const manifest = Object.fromEntries(Object.entries(TOPICS).map(([t, codes]) => [t, [...codes].sort()]));
    // Then they agree topic for topic and code for code
    expect(manifest).toEqual(registry);
    expect(WORKERS.length).toBe(Object.keys(TOPICS).length);
  });
});
