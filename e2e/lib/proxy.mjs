// The harness's HTTP forwarder between the browsers and Lectern (ADR 0028 "drop simulation by proxy").
// Playwright's context.setOffline() does not cut a stream that is already open, so a network drop is
// simulated here: drop() destroys every socket (browser side and Lectern side) at once, blackhole()
// refuses new connections for a while, loseNextResponse() lets a request reach Lectern and throws its
// answer away (the client must retry with the same Idempotency-Key).
//
// Shims, ONLY for features listed in e2e/pending.json (the harness emulates them until they exist in
// Lectern; main code never does): `stream-tickets` (POST /sessions/{id}/stream-tickets, then the
// stream authorised by ?ticket=) and `cors` (Access-Control-* for one allowed origin).
import http from 'node:http';
import { randomUUID } from 'node:crypto';

export async function startProxy({ port, target, shims = {}, allowedOrigin }) {
  const upstream = new URL(target);
  const sockets = new Set();
  const upstreamRequests = new Set();
  const tickets = new Map();
  const keys = new Map(); // Idempotency-Key -> how many requests carried it
  const ticketAnswers = new Map();
  const stats = { requests: 0, drops: 0, refused: 0, lostResponses: 0, ticketsIssued: 0 };
  let blackholed = false;
  let loseNext = null;

  const cors = (req, res) => {
    if (!shims.cors || !req.headers.origin || req.headers.origin !== allowedOrigin) return false;
    res.setHeader('Access-Control-Allow-Origin', allowedOrigin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Location, Idempotent-Replayed, Retry-After');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key, Last-Event-ID');
      res.setHeader('Access-Control-Max-Age', '600');
      res.writeHead(204).end();
      return true;
    }
    return false;
  };

  const forward = (req, res, path, extraHeaders = {}) => {
    const headers = { ...req.headers, host: upstream.host, ...extraHeaders };
    // A new connection per request (agent: false): never a kept-alive socket that Lectern already closed.
    const out = http.request({ hostname: upstream.hostname, port: upstream.port, method: req.method, path, headers, agent: false });
    upstreamRequests.add(out);
    out.on('close', () => upstreamRequests.delete(out));
    const key = req.headers['idempotency-key'];
    if (key) keys.set(key, (keys.get(key) || 0) + 1);
    const lose = loseNext && loseNext(req) ? (loseNext = null, true) : false;
    if (lose) stats.lostKey = key;
    out.on('response', (answer) => {
      if (lose) {
        stats.lostResponses++;
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      const h = { ...answer.headers };
      if (res.getHeader('Access-Control-Allow-Origin')) {
        for (const name of ['access-control-allow-origin', 'vary', 'access-control-expose-headers']) delete h[name];
      }
      res.writeHead(answer.statusCode, { ...h, ...Object.fromEntries(Object.entries(res.getHeaders())) });
      if (typeof res.flushHeaders === 'function') res.flushHeaders();
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
    req.pipe(out);
  };

  const readBody = (req) => new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

  const problem = (res, status, code, detail) => {
    res.writeHead(status, { 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify({ status, code, title: code, detail }));
  };

  const issueTicket = async (req, res, sessionId) => {
    const key = req.headers['idempotency-key'];
    await readBody(req);
    if (!key) return problem(res, 400, 'IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key');
    const replay = ticketAnswers.get(key);
    if (replay) {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' });
      return res.end(replay);
    }
    // The ticket may open the stream only if the bearer may read the class: ask Lectern.
    const check = await fetch(`${upstream.origin}/sessions/${sessionId}/state`, { headers: { authorization: req.headers.authorization || '' } });
    if (!check.ok) {
      res.writeHead(check.status, { 'Content-Type': check.headers.get('content-type') || 'application/problem+json' });
      return res.end(await check.text());
    }
    await check.arrayBuffer();
    const ticket = randomUUID();
    const expiresAt = new Date(Date.now() + 5 * 60_000).toISOString();
    tickets.set(ticket, { authorization: req.headers.authorization, sessionId, expiresAt });
    stats.ticketsIssued++;
    const body = JSON.stringify({ ticket, expiresAt, streamUrl: `/sessions/${sessionId}/stream?ticket=${ticket}` });
    ticketAnswers.set(key, body);
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    stats.requests++;
    if (cors(req, res)) return;
    const url = new URL(req.url, 'http://proxy');
    if (shims.tickets) {
      const issue = req.method === 'POST' && /^\/sessions\/([^/]+)\/stream-tickets$/.exec(url.pathname);
      if (issue) return void issueTicket(req, res, issue[1]);
      const stream = req.method === 'GET' && /^\/sessions\/([^/]+)\/stream$/.exec(url.pathname);
      if (stream && url.searchParams.has('ticket')) {
        const ticket = tickets.get(url.searchParams.get('ticket'));
        if (!ticket || ticket.sessionId !== stream[1] || Date.parse(ticket.expiresAt) < Date.now()) {
          return problem(res, 401, 'UNAUTHENTICATED', 'Unknown or expired stream ticket');
        }
        url.searchParams.delete('ticket');
        return forward(req, res, url.pathname + url.search, { authorization: ticket.authorization });
      }
    }
    forward(req, res, req.url);
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    if (blackholed) {
      stats.refused++;
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    /** Cuts every open connection, streams included. */
    drop() {
      stats.drops++;
      for (const s of sockets) s.destroy();
      for (const r of upstreamRequests) r.destroy();
    },
    /** Cuts every connection and refuses new ones until restore(). */
    blackhole() {
      blackholed = true;
      this.drop();
    },
    restore() {
      blackholed = false;
    },
    /** The next request matching lets Lectern act, then its answer is lost on the way back. */
    loseNextResponse(match) {
      loseNext = match;
    },
    openConnections: () => sockets.size,
    /** How many requests through here carried this Idempotency-Key. */
    timesSeen: (key) => keys.get(key) || 0,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
