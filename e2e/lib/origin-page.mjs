// A page on another origin (http://127.0.0.1:<port>): a third-party app that gets a token,
// schedules a class, reads its state and holds a native EventSource on a stream ticket
// (docs/web-client.md "Another origin"). It uses only what any browser app could: fetch + EventSource.
import http from 'node:http';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Another origin</title></head>
<body><h1>Another origin</h1><pre id="log"></pre>
<script type="module">
const api = new URLSearchParams(location.search).get('api');
const received = [];
const errors = [];
const info = { opens: 0, errors: 0, state: null, sessionId: null };
window.received = received;
window.errors = errors;
window.info = info;
const log = (line) => { document.getElementById('log').textContent += line + '\\n'; };
async function call(method, path, token, body) {
  const headers = {};
  if (token) headers.Authorization = 'Bearer ' + token;
  if (method !== 'GET') headers['Idempotency-Key'] = crypto.randomUUID();
  if (body) headers['Content-Type'] = 'application/json';
  const r = await fetch(api + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const data = await r.json().catch(() => null);
  if (!r.ok) throw new Error(method + ' ' + path + ' -> ' + r.status + ' ' + JSON.stringify(data));
  return data;
}
window.run = async (subject, tenant) => {
  const { accessToken } = await call('POST', '/dev/tokens', null, { tenant, subject });
  const startsAt = new Date(Date.now() + 120000).toISOString();
  const created = await call('POST', '/sessions', accessToken, { title: 'From another origin', startsAt, durationMinutes: 30 });
  info.sessionId = created.sessionId;
  const state = await call('GET', '/sessions/' + created.sessionId + '/state', accessToken);
  info.state = state;
  const ticket = await call('POST', '/sessions/' + created.sessionId + '/stream-tickets', accessToken);
  const url = new URL(ticket.streamUrl, api);
  url.searchParams.set('lastEventId', String(state.position));
  const names = ${JSON.stringify(['session.started', 'session.ended', 'participant.joined', 'participant.left', 'chat.posted', 'poll.created', 'poll.opened', 'poll.tally', 'question.asked', 'session.rescheduled'])};
  const source = new EventSource(url.toString());
  window.source = source;
  source.onopen = () => { info.opens++; log('open'); };
  source.onerror = () => { info.errors++; log('error, readyState ' + source.readyState); };
  for (const name of names) {
    source.addEventListener(name, (e) => { received.push({ id: Number(e.lastEventId), name, at: Date.now() }); log(e.lastEventId + ' ' + name); });
  }
  return { sessionId: created.sessionId, token: accessToken, position: state.position };
};
</script></body></html>`;

export async function startOriginPage(port) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(PAGE);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
