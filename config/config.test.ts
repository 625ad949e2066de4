import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const cfg = loadConfig({});
    expect(cfg.PORT).toBe(3000);
    expect(cfg.ENGINE_URL).toBe('http://localhost:8080/engine-rest');
    expect(cfg.DATABASE_URL).toBeUndefined();
    expect(cfg.publicUrl).toBe('http://localhost:3000');
  });

  it('reads ENGINE_URLS as the list of engine nodes, ENGINE_URL alone otherwise', () => {
    expect(loadConfig({}).engineUrls).toEqual(['http://localhost:8080/engine-rest']);
    const two = loadConfig({
      ENGINE_URLS: ' http://engine:8080/engine-rest , http://engine-2:8080/engine-rest ',
    });
    expect(two.engineUrls).toEqual(['http://engine:8080/engine-rest', 'http://engine-2:8080/engine-rest']);
    // (the first node stands for ENGINE_URL when that is not set)
    expect(two.ENGINE_URL).toBe('http://engine:8080/engine-rest');
    expect(
      loadConfig({ ENGINE_URL: 'http://a:8080/engine-rest', ENGINE_URLS: 'http://b:8080/engine-rest' })
        .ENGINE_URL,
    ).toBe('http://a:8080/engine-rest');
  });

  it.each([
    ['a list with a malformed entry', 'http://engine:8080/engine-rest,engine-2'],
    ['an empty list', ' , '],
    ['a node named twice', 'http://e:8080/engine-rest,http://e:8080/engine-rest'],
  ])('names ENGINE_URLS for %s', (_what, value) => {
    expect(() => loadConfig({ ENGINE_URLS: value })).toThrow(/ENGINE_URLS/);
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
