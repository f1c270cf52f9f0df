// Adapters for features a given Lectern may or may not have (docs/web-client.md "Adapters"):
// each tries the server's endpoint and falls back to what works everywhere.
import { get, post, ApiError } from './api.js';

/** Seeded users of the local profile (DevSeed: <role>@<school>; student1..30 once the people seed exists). */
export const SEEDED_SCHOOLS = ['north-high', 'south-high'];
export function seededUsers(school) {
  const roles = ['teacher', 'assistant', 'admin', 'student', 'public_viewer', 'auditor'];
  const users = roles.map((role) => ({ subject: `${role}@${school}`, role }));
  for (let i = 1; i <= 30; i++) users.push({ subject: `student${i}@${school}`, role: 'student' });
  return users;
}

/** The local profile's development issuer answers; elsewhere a token is pasted. */
export async function devIssuerAvailable() {
  try {
    const response = await fetch('/dev/jwks.json', { cache: 'no-store' });
    return response.ok;
  } catch {
    return false;
  }
}

export async function devToken(tenant, subject) {
  return post('/dev/tokens', { tenant, subject }, { token: null });
}

const remembered = () => `lectern.classes.${sessionStorage.getItem('lectern.subject') || ''}`;

/** Classes this browser scheduled or opened: the list where GET /sessions does not exist. */
export function rememberClass(session) {
  const list = JSON.parse(localStorage.getItem(remembered()) || '[]').filter((c) => c.sessionId !== session.sessionId);
  list.unshift({ sessionId: session.sessionId, title: session.title, status: session.status, startsAt: session.startsAt });
  localStorage.setItem(remembered(), JSON.stringify(list.slice(0, 50)));
}

/** GET /sessions (the class list per role) where it exists, else the remembered classes. */
export async function listClasses() {
  try {
    const page = await get('/sessions?limit=50');
    const items = Array.isArray(page) ? page : page.items || page.sessions || page.content || page.classes || [];
    return { source: 'server', items };
  } catch (e) {
    if (e instanceof ApiError && [404, 405].includes(e.status)) {
      return { source: 'browser', items: JSON.parse(localStorage.getItem(remembered()) || '[]') };
    }
    throw e;
  }
}

/** Ids in payloads are plain strings; tolerate {value: ...} too. */
export const id = (v) => (v && typeof v === 'object' && 'value' in v ? v.value : v);
