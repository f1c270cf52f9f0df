// The only place that talks HTTP to Lectern. Every write carries an Idempotency-Key and is retried
// with the SAME key when the network fails, so a retry can never do a thing twice (ADR 0003).

const TOKEN = 'lectern.token';
const SUBJECT = 'lectern.subject';
const TENANT = 'lectern.tenant';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? `${status} ${problem.title || ''}: ${problem.detail}` : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const auth = {
  get token() { return sessionStorage.getItem(TOKEN); },
  get subject() { return sessionStorage.getItem(SUBJECT); },
  get tenant() { return sessionStorage.getItem(TENANT); },
  set(token, subject, tenant) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(SUBJECT, subject || claims(token).sub || '');
    sessionStorage.setItem(TENANT, tenant || claims(token).tenant || claims(token).tid || '');
  },
  clear() {
    for (const k of [TOKEN, SUBJECT, TENANT]) sessionStorage.removeItem(k);
  },
};

/** The claims of a JWT, for display only (the server verifies tokens; we never do). */
export function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')));
  } catch {
    return {};
  }
}

/** crypto.randomUUID() needs a secure context; outside one, a v4 UUID from getRandomValues. */
export function newKey() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Counters the E2E reads (window.lecternStats): how many writes were retried after a network failure. */
export const stats = { writes: 0, retries: 0 };
globalThis.lecternStats = stats;

async function send(method, path, { body, key, token = auth.token, headers = {} } = {}) {
  const h = { Accept: 'application/json, application/problem+json', ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (key) h['Idempotency-Key'] = key;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers: h, body: payload, cache: 'no-store' });
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return { status: response.status, data, headers: response.headers };
}

export async function get(path, options) {
  return (await send('GET', path, options)).data;
}

/**
 * A write: one Idempotency-Key for all its attempts. A network failure (fetch rejects) or a gateway
 * answer (502/503/504) is retried with backoff; any other answer is final.
 */
export async function write(method, path, body, { attempts = 6, ...options } = {}) {
  const key = newKey();
  stats.writes++;
  let last;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) {
      stats.retries++;
      await sleep(Math.min(250 * 2 ** (attempt - 1), 3000));
    }
    try {
      return (await send(method, path, { ...options, body, key })).data;
    } catch (e) {
      last = e;
      const retryable = !(e instanceof ApiError) || [502, 503, 504].includes(e.status);
      if (!retryable) throw e;
    }
  }
  throw last;
}

export const post = (path, body, options) => write('POST', path, body, options);
export const put = (path, body, options) => write('PUT', path, body, options);
export const del = (path, options) => write('DELETE', path, undefined, options);
