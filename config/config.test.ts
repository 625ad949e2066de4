import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const cfg = loadConfig({});
    expect(cfg.PORT).toBe(3000);
    expect(cfg.ENGINE_URL).toBe('http://localhost:8080/engine-rest');
    expect(cfg.DATABASE_URL).toBeUndefined();
    expect(cfg.publicUrl).toBe('http://localhost:3000');
  });

  it.each([
    ['ENGINE_URL', 'not a url'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['SMTP_URL', 'http://mail'],
  ])('names %s when its value %p is malformed', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(key);
  });
});
