import { Agent, createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpenLoop, type Send } from './open-loop.js';

/**
 * A server that answers one request at a time, each after `serviceMs` of timer (so it never blocks
 * the load's own event loop): offered faster than it serves, its queue grows by a known amount.
 */
function serialServer(serviceMs: number): Server {
  let freeAt = 0;
  return createServer((request, response) => {
    // A wrong answer comes at once, ahead of the queue: what is checked is its body, not its wait.
    if (request.url?.startsWith('/wrong')) return void response.end('not what was asked');
    if (request.url?.startsWith('/fast')) return void response.end(request.url);
    const now = performance.now();
    freeAt = Math.max(freeAt, now) + serviceMs;
    setTimeout(() => response.end(request.url), freeAt - now);
  });
}

let server: Server;
let origin = '';
/** fetch: as many connections as there are requests in flight. */
const send: Send = async (path, signal) => {
  const response = await fetch(`${origin}${path}`, { signal });
  return { status: response.status, body: await response.text() };
};
/** One connection: a request waits in the client until the one before it is answered. */
const oneConnection = new Agent({ keepAlive: true, maxSockets: 1 });
const sendOneAtATime: Send = (path, signal) =>
  new Promise((resolve, reject) => {
    get(`${origin}${path}`, { agent: oneConnection, signal }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body })).on('error', reject);
    }).on('error', reject);
  });
beforeAll(async () => {
  server = serialServer(20);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  oneConnection.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('runOpenLoop', () => {
  it.each([
    ['a connection per request', send],
    ['one connection, so requests also wait in the client before they go out', sendOneAtATime],
  ])('charges each request the queue it waited in, from the moment it was due, over %s', async (_client, client) => {
    // 100 requests a second for a second at a server that serves 50: the k-th, due at 10k ms,
    // is answered at 20(k + 1) ms, so it waits 10k + 20 ms. Over k = 0 … 99 the 99th percentile
    // is about 1 000 ms, fifty times the service time.
    const figures = await runOpenLoop({
      streams: [
        {
          name: 'work',
          rps: 100,
          path: (k) => `/work?i=${k}`,
          check: (k, body) => (body === `/work?i=${k}` ? undefined : 'wrong body'),
          send: client,
        },
      ],
      warmupMs: 0,
      durationMs: 1000,
      timeoutMs: 10_000,
    });
    const work = figures.get('work');
    expect(work?.due).toBe(100);
    expect(work?.errors).toBe(0);
    expect(work?.wrong).toBe(0);
    const trueP99 = 10 * 98 + 20;
    expect(work?.p99Ms).toBeGreaterThan(0.7 * trueP99);
    expect(work?.p99Ms).toBeLessThan(1.5 * trueP99);
    // It served at its own rate, not the offered one: about 50 a second finished inside the window.
    expect(work?.answeredPerSecond).toBeGreaterThan(30);
    expect(work?.answeredPerSecond).toBeLessThan(60);
  });

  it('leaves the warm-up out, counts a late answer as an error at the timeout, and a wrong body as wrong', async () => {
    const figures = await runOpenLoop({
      streams: [
        { name: 'late', rps: 100, path: (k) => `/late?i=${k}`, send },
        { name: 'wrong', rps: 5, path: (k) => `/wrong?i=${k}`, check: () => 'not the digest', send },
      ],
      warmupMs: 200,
      durationMs: 600,
      timeoutMs: 300,
    });
    const late = figures.get('late');
    // Due in the window: 60 requests; the queue grows past the 300 ms timeout within it.
    expect(late?.due).toBe(60);
    expect(late?.errors).toBeGreaterThan(0);
    expect(late?.maxMs).toBeLessThanOrEqual(300 * 1.2);
    expect(late?.firstProblem).toMatch(/^\/late\?i=\d+: no answer within 300 ms$/);
    const wrong = figures.get('wrong');
    expect(wrong?.due).toBe(3);
    expect(wrong?.wrong).toBeGreaterThan(0);
    expect(wrong?.firstProblem).toMatch(/^\/wrong\?i=\d+: not the digest$/);
  });

  it('charges a stall of its own loop to the requests that fell due during it, not to none of them', async () => {
    // The server answers at once, but the load's event loop stops for 300 ms after 200 ms: the 30
    // requests due in the stall go out late, at once, and each waited from its due moment.
    setTimeout(() => {
      const until = performance.now() + 300;
      while (performance.now() < until);
    }, 200);
    const figures = await runOpenLoop({
      streams: [{ name: 'fast', rps: 100, path: (k) => `/fast?i=${k}`, send }],
      warmupMs: 0,
      durationMs: 1000,
      timeoutMs: 10_000,
    });
    const fast = figures.get('fast');
    expect(fast?.errors).toBe(0);
    expect(fast?.maxMs).toBeGreaterThan(250);
    // 30 of 100 requests were held: the 99th percentile is one of them.
    expect(fast?.p99Ms).toBeGreaterThan(200);
    expect(fast?.p50Ms).toBeLessThan(100);
  });
});
