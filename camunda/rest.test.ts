import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { engineData, engineRest, EngineRestError } from './rest.js';

// The typed client against a small HTTP server that answers like the engine (the engine tests drive
// the real one): query serialization, Basic auth, JSON bodies and errors.
describe('engineRest().api (openapi-fetch, typed from the engine OpenAPI)', () => {
  const seen: { method?: string; url?: string; auth?: string; body: string }[] = [];
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.setHeader('Content-Type', 'application/json');
        if (req.url?.startsWith('/engine-rest/group/missing')) {
          res.statusCode = 404;
          res.end(JSON.stringify({ type: 'InvalidRequestException', message: 'No group found' }));
        } else res.end(JSON.stringify([{ id: 'p1', businessKey: 'cycle-2025/A-1' }]));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the typed query with the account and returns the body', async () => {
    // Given a client for the workers' account
    const rest = engineRest(base, { username: 'worker', password: 'pw' });
    // When it asks for a cycle's applications
    const found = await engineData(
      rest.api.GET('/history/process-instance', {
        params: { query: { processInstanceBusinessKeyLike: 'cycle-2025/%', finished: true } },
      }),
    );
    // Then the engine got the encoded query with HTTP Basic, and the answer comes back
    expect(found).toEqual([{ id: 'p1', businessKey: 'cycle-2025/A-1' }]);
    expect(seen.at(-1)).toMatchObject({
      method: 'GET',
      url: '/engine-rest/history/process-instance?processInstanceBusinessKeyLike=cycle-2025%2F%25&finished=true',
      auth: `Basic ${Buffer.from('worker:pw').toString('base64')}`,
    });
  });

  it('turns a non-2xx answer into EngineRestError with the engine message, like the untyped calls', async () => {
    const rest = engineRest(base, { username: 'worker', password: 'pw' });
    const typed = engineData(rest.api.GET('/group/{id}', { params: { path: { id: 'missing' } } }));
    await expect(typed).rejects.toBeInstanceOf(EngineRestError);
    await expect(typed).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('No group found'),
    });
    await expect(rest.get('/group/missing')).rejects.toMatchObject({ status: 404 });
  });
});

// README "两个引擎节点": the server's and the workers' engine calls go to the node that answers.
describe('engineRest over several engine nodes', () => {
  const seen: { method?: string; url?: string; body: string }[] = [];
  let live: http.Server;
  let liveUrl: string;
  let deadUrl: string;
  let resetUrl: string;
  let resetHits = 0;
  let reset: http.Server;
  beforeAll(async () => {
    live = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body });
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ node: 'live' }));
      });
    });
    // A node that takes the request and drops the connection before answering (it may have acted on it).
    reset = http.createServer((req) => {
      resetHits += 1;
      req.socket.destroy();
    });
    const dead = http.createServer();
    for (const s of [live, reset, dead]) await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const url = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/engine-rest`;
    liveUrl = url(live);
    resetUrl = url(reset);
    deadUrl = url(dead);
    await new Promise<void>((r) => dead.close(() => r())); // nothing listens there any more
  });
  afterAll(async () => {
    for (const s of [live, reset]) await new Promise<void>((r) => s.close(() => r()));
  });

  it('sends reads and writes to the next node when the first cannot be reached', async () => {
    const rest = engineRest([deadUrl, liveUrl], { username: 'worker', password: 'pw' });
    expect(rest.baseUrl).toBe(deadUrl);
    await expect(rest.get('/process-instance/count')).resolves.toEqual({ node: 'live' });
    await expect(rest.post('/process-instance', { active: true })).resolves.toEqual({ node: 'live' });
    const typed = await engineData(rest.api.POST('/process-instance/count', { body: { active: true } }));
    expect(typed).toEqual({ node: 'live' });
    expect(seen.slice(-3)).toEqual([
      { method: 'GET', url: '/engine-rest/process-instance/count', body: '' },
      { method: 'POST', url: '/engine-rest/process-instance', body: '{"active":true}' },
      { method: 'POST', url: '/engine-rest/process-instance/count', body: '{"active":true}' },
    ]);
  });

  it('repeats a read on the next node after a dropped connection, never a write', async () => {
    const rest = engineRest([resetUrl, liveUrl], { username: 'worker', password: 'pw' });
    const before = seen.length;
    await expect(rest.get('/task/count')).resolves.toEqual({ node: 'live' });
    const again = engineRest([resetUrl, liveUrl], { username: 'worker', password: 'pw' });
    await expect(again.post('/task/t1/complete', {})).rejects.toThrow(/无法连接/);
    expect(seen.slice(before).map((s) => s.url)).toEqual(['/engine-rest/task/count']);
    expect(resetHits).toBe(2);
  });

  it('names every node when none answers', async () => {
    const rest = engineRest([deadUrl, `${deadUrl.replace('/engine-rest', '')}/other/engine-rest`], {
      username: 'worker',
      password: 'pw',
    });
    await expect(rest.get('/task/count')).rejects.toThrow(
      /无法连接任何引擎节点（http:\/\/127\.0\.0\.1:\d+\/engine-rest、/,
    );
  });
});
