// @ts-check
// The tests' API helper: typed by the TypeScript client generated from Lectern's OpenAPI document
// (openapi-typescript -> generated/lectern.d.ts, checked with `tsc --noEmit` on every run).
import createClient from 'openapi-fetch';

/** @typedef {import('../generated/lectern').paths} Paths */
/** @typedef {import('../generated/lectern').components['schemas']} Schemas */
/** @typedef {import('openapi-fetch').Client<Paths>} Client */

/**
 * fetch that sends a request again after a network failure (a kept-alive connection the server had
 * closed): the same Request, so a write keeps its Idempotency-Key and cannot happen twice.
 * @param {Request} request
 * @returns {Promise<Response>}
 */
async function retryingFetch(request) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(request.clone());
    } catch (e) {
      if (attempt >= 4) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

/** A fresh Idempotency-Key per write. */
const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });

/**
 * @template T
 * @param {{ data?: T, error?: unknown, response: Response }} result
 * @param {string} what
 * @returns {T}
 */
function must(result, what) {
  if (result.error !== undefined || result.data === undefined) {
    throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

/**
 * A write's answer. The description documents writes as "a JSON object" (their recorded first answer is
 * replayed byte for byte), not as a fixed schema, so their fields are read untyped.
 * @param {any} result @param {string} what @returns {Record<string, any>}
 */
function written(result, what) {
  return must(result, what);
}

export class Lectern {
  /** @param {string} base @param {string} [token] */
  constructor(base, token) {
    this.base = base;
    this.token = token;
    /** @type {Client} */
    this.http = createClient({ baseUrl: base, fetch: retryingFetch, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  }

  /** @param {string} tenant @param {string} subject @returns {Promise<Lectern>} */
  async as(tenant, subject) {
    const minted = must(await this.http.POST('/dev/tokens', { body: { tenant, subject } }), `token for ${subject}`);
    return new Lectern(this.base, minted.accessToken);
  }

  /** @param {string} tenant @param {string} subject */
  async canSignIn(tenant, subject) {
    const result = await this.http.POST('/dev/tokens', { body: { tenant, subject } });
    return result.response.ok;
  }

  /** As an admin: a user with one role (for schools without the people seed). @param {string} subject @param {string} displayName @param {'student'|'teacher'|'assistant'} role */
  async createUser(subject, displayName, role) {
    const user = written(await this.http.POST('/admin/users', { params: { header: key() }, body: { subject, displayName } }), `create ${subject}`);
    must(await this.http.PUT('/admin/users/{userId}/roles/{role}', { params: { path: { userId: user.userId, role }, header: key() } }), `grant ${role}`);
    return user;
  }

  /** @param {string} title @param {number} [inSeconds] @returns {Promise<{sessionId: string}>} */
  async schedule(title, inSeconds = 120) {
    const startsAt = new Date(Date.now() + inSeconds * 1000).toISOString();
    return /** @type {{sessionId: string}} */ (written(await this.http.POST('/sessions', { params: { header: key() }, body: { title, startsAt, durationMinutes: 45 } }), 'schedule'));
  }

  /** @param {string} sessionId */
  async start(sessionId) {
    return must(await this.http.POST('/sessions/{sessionId}/start', { params: { path: { sessionId }, header: key() } }), 'start');
  }

  /** @param {string} sessionId */
  async join(sessionId) {
    return must(await this.http.POST('/sessions/{sessionId}/join', { params: { path: { sessionId }, header: key() } }), 'join');
  }

  /** @param {string} sessionId @param {string} text */
  async chat(sessionId, text) {
    return must(await this.http.POST('/sessions/{sessionId}/chat', { params: { path: { sessionId }, header: key() }, body: { text } }), 'chat');
  }

  /** @param {string} sessionId @returns {Promise<Record<string, any>>} */
  async state(sessionId) {
    return must(await this.http.GET('/sessions/{sessionId}/state', { params: { path: { sessionId } } }), 'state');
  }

  /** The whole log of a class as its teacher may read it. @param {string} sessionId @returns {Promise<Schemas['EventLogEntryView'][]>} */
  async events(sessionId) {
    /** @type {Schemas['EventLogEntryView'][]} */
    const all = [];
    // The description types these query parameters as strings (the controller reads them as text to
    // answer a precise 400), and a page's fields as optional: both are read that way here.
    let after = '0';
    for (;;) {
      const page = must(await this.http.GET('/sessions/{sessionId}/events', { params: { path: { sessionId }, query: { after, limit: '500' } } }), 'events');
      const events = page.events ?? [];
      all.push(...events);
      if (!page.next || events.length === 0) return all;
      after = String(events[events.length - 1].position);
    }
  }
}
