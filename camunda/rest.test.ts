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
