// Lectern's browser E2E (docs/web-client.md, ADR 0028): the reference web client in Debian's Chromium,
// driven by playwright-core, against a running Lectern.  node run.mjs --base=http://127.0.0.1:18140
// Closes with one line "E2E: N passed, N failed, N skipped" and exits non-zero on any failure.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProxy } from './lib/proxy.mjs';
import { startOriginPage } from './lib/origin-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => (process.argv.find((a) => a.startsWith(`--${name}=`)) || '').split('=').slice(1).join('=') || fallback;
const BASE = arg('base', process.env.LECTERN_BASE || 'http://127.0.0.1:18140').replace(/\/$/, '');
const PROXY_PORT = Number(arg('proxy-port', 19300));
const ORIGIN_PORT = Number(arg('origin-port', 19301));
const CHROMIUM = arg('chromium', process.env.CHROMIUM || '/usr/bin/chromium');
const TENANT = 'north-high';
const VERBOSE = process.argv.includes('--verbose');
const ONLY = arg('only', '');
const started = Date.now();
const pending = new Map(JSON.parse(readFileSync(join(here, 'pending.json'), 'utf8')).pending.map((p) => [p.id, p]));
const isPending = (id) => pending.has(id);
const log = (...a) => console.log(`[e2e +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);

const results = [];
let browser;
const cleanups = [];

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`PASS ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    log(`FAIL ${name} (${Date.now() - t0} ms)\n${e && e.stack ? e.stack : e}`);
    await screenshots(name).catch(() => {});
    throw e;
  }
}

const screens = {}; // name -> page
async function screenshots(name) {
  const dir = join(here, 'artifacts');
  mkdirSync(dir, { recursive: true });
  for (const [who, page] of Object.entries(screens)) {
    const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}-${who}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    log(`  screenshot ${file}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
function assertEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${message}\n  expected: ${b}\n  actual:   ${a}`);
}
async function eventually(fn, message, timeout = 15000) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value !== false && value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out: ${message}${last ? `\n  last error: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: here, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** The typed API client: generate from the OpenAPI document, then tsc --noEmit (runs beside the browser steps). */
async function typecheck() {
  let spec = join(here, 'openapi', 'lectern-snapshot.json');
  if (!isPending('openapi-live')) {
    const response = await fetch(`${BASE}/v3/api-docs`);
    if (!response.ok) throw new Error(`GET /v3/api-docs -> ${response.status} (openapi-live is not pending)`);
    mkdirSync(join(here, 'generated'), { recursive: true });
    spec = join(here, 'generated', 'openapi.json');
    writeFileSync(spec, await response.text());
  }
  const node = process.execPath;
  const gen = await run(node, [join(here, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', join(here, 'generated/lectern.d.ts')]);
  if (gen.code !== 0) throw new Error(`openapi-typescript failed:\n${gen.out}`);
  const tsc = await run(node, [join(here, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(here, 'tsconfig.json')]);
  if (tsc.code !== 0) throw new Error(`tsc --noEmit failed:\n${tsc.out}`);
  return spec;
}

async function notesOnPending() {
  const probe = async (path, init) => (await fetch(`${BASE}${path}`, init).catch(() => ({ status: 0 }))).status;
  if (isPending('openapi-live') && (await probe('/v3/api-docs')) === 200) log('NOTE: /v3/api-docs answers: remove "openapi-live" from e2e/pending.json');
  if (isPending('cors')) {
    const status = await fetch(`${BASE}/sessions`, { method: 'OPTIONS', headers: { Origin: `http://127.0.0.1:${ORIGIN_PORT}`, 'Access-Control-Request-Method': 'POST' } })
      .then((r) => (r.headers.get('access-control-allow-origin') ? 'yes' : 'no')).catch(() => 'no');
    if (status === 'yes') log('NOTE: Lectern answers CORS preflights: remove "cors" from e2e/pending.json');
  }
}

// ------------------------------------------------------------------ browser helpers
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function newScreen(who, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`  [${who}] page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400 && r.status() !== 405 && !(r.status() === 404 && isPending('stream-tickets') && r.url().endsWith('/stream-tickets'))) log(`  [${who}] ${r.request().method()} ${r.url()} -> ${r.status()}`); });
  page.on('requestfailed', (r) => { if (VERBOSE) log(`  [${who}] ${r.method()} ${r.url()} failed: ${r.failure() && r.failure().errorText}`); });
  page.on('dialog', (d) => { log(`  [${who}] DIALOG ${d.message()}`); d.dismiss(); });
  screens[who] = page;
  await page.goto(url);
  return page;
}

async function signIn(page, subject) {
  await page.getByTestId('signin-form').waitFor();
  await page.getByTestId('signin-tenant').selectOption(TENANT);
  await page.getByTestId('signin-user').selectOption(subject);
  await page.getByTestId('signin-form-submit').click();
  await page.getByTestId('sign-out').waitFor();
}

async function openClass(page, sessionId) {
  await page.getByTestId('open-id').fill(sessionId);
  await page.getByTestId('open-form-submit').click();
  await page.waitForFunction((id) => window.lecternScreen && window.lecternScreen.sessionId === id && window.lecternScreen.stream, sessionId);
}

const screen = (page) => page.evaluate(() => {
  const s = window.lecternScreen;
  return { initialPosition: s.initialPosition, events: s.events.map((e) => [e.position, e.name]), stream: { ...s.stream }, status: s.state.status, me: s.me };
});
const texts = (page, testid) => page.getByTestId(testid).allTextContents();

async function chatOnScreen(page) {
  return page.locator('[data-testid=chat-message] [data-testid=chat-text]').allTextContents();
}

/** A small valid PDF, one page per title (text drawn with a standard font), for the deck upload. */
function pdf(titles) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', null, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids = [];
  for (const title of titles) {
    const content = `BT /F1 36 Tf 72 700 Td (${title}) Tj ET`;
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${titles.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ------------------------------------------------------------------ the class scenario
async function classScenario(proxy) {
  const { Lectern } = await import('./lib/api.mjs');
  const anonymous = new Lectern(BASE);
  const students = ['student1@north-high', 'student2@north-high'];
  await step('the school has a teacher, an assistant and two students', async () => {
    for (const [i, subject] of students.entries()) {
      if (await anonymous.canSignIn(TENANT, subject)) continue;
      assert(isPending('people-seed'), `${subject} cannot sign in and "people-seed" is not pending`);
      const admin = await anonymous.as(TENANT, 'admin@north-high');
      await admin.createUser(subject, `Student ${i + 1}`, 'student');
    }
    for (const subject of ['teacher@north-high', 'assistant@north-high', ...students]) assert(await anonymous.canSignIn(TENANT, subject), `${subject} signs in`);
  });
  const teacherApi = await anonymous.as(TENANT, 'teacher@north-high');

  const teacher = await newScreen('teacher', `${proxy.url}/`);
  let sessionId;
  await step('teacher signs in on the web client and schedules a class', async () => {
    await signIn(teacher, 'teacher@north-high');
    await teacher.getByTestId('schedule-title').fill('Optics, E2E');
    await teacher.getByTestId('schedule-form-submit').click();
    await teacher.waitForFunction(() => window.lecternScreen && window.lecternScreen.stream);
    sessionId = await teacher.getByTestId('class-id').textContent();
    assertEqual(await teacher.getByTestId('class-status').textContent(), 'scheduled', 'status after scheduling');
    assertEqual((await teacherApi.state(sessionId)).status, 'scheduled', 'the server has it scheduled');
    await teacher.goto(`${proxy.url}/#/`);
    await eventually(async () => (await teacher.locator(`[data-testid=class-item][data-session-id="${sessionId}"]`).count()) === 1, 'the class is in the teacher\'s class list');
    await teacher.locator(`[data-testid=class-item][data-session-id="${sessionId}"] a`).click();
    await teacher.waitForFunction((id) => window.lecternScreen && window.lecternScreen.sessionId === id && window.lecternScreen.stream, sessionId);
  });

  await step('teacher starts the class and joins it', async () => {
    await teacher.getByTestId('start-class').click();
    await eventually(async () => (await teacher.getByTestId('class-status').textContent()) === 'live', 'status live on the teacher screen');
    await eventually(async () => (await teacher.getByTestId('my-role').textContent()) === 'teacher', 'teacher role');
  });

  const [s1, s2, assistant] = await Promise.all(['student1', 'student2', 'assistant'].map((who) => newScreen(who, `${proxy.url}/`)));
  const everyone = { teacher, student1: s1, student2: s2, assistant };
  await step('two students join in their own browser contexts, and the assistant', async () => {
    await Promise.all([[s1, students[0]], [s2, students[1]], [assistant, 'assistant@north-high']].map(async ([page, subject]) => {
      await signIn(page, subject);
      await openClass(page, sessionId);
    }));
    await eventually(async () => (await s1.getByTestId('my-role').textContent()) === 'student' && (await s2.getByTestId('my-role').textContent()) === 'student', 'students are students');
    await eventually(async () => (await assistant.getByTestId('my-role').textContent()) === 'assistant', 'assistant role');
    await eventually(async () => {
      const roster = (await texts(teacher, 'person')).join('\n');
      return students.every((s) => roster.includes(s)) && roster.includes('assistant@north-high');
    }, 'the teacher sees both students and the assistant in the roster');
    const info = await screen(s1);
    log(`  stream transport: ${info.stream.mode}`);
  });

  await step('chat works both ways', async () => {
    await teacher.getByTestId('chat-input').fill('Welcome to optics');
    await teacher.getByTestId('chat-form-submit').click();
    await s1.getByTestId('chat-input').fill('Hello from student 1');
    await s1.getByTestId('chat-form-submit').click();
    for (const [who, page] of Object.entries(everyone)) {
      await eventually(async () => {
        const chat = await chatOnScreen(page);
        return chat.includes('Welcome to optics') && chat.includes('Hello from student 1');
      }, `${who} sees both messages`);
    }
  });

  const xss = '<img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=1</script> & <b>bold</b>';
  await step('XSS: a chat message with markup renders as text on every screen', async () => {
    await s2.getByTestId('chat-input').fill(xss);
    await s2.getByTestId('chat-form-submit').click();
    for (const [who, page] of Object.entries(everyone)) {
      await eventually(async () => (await chatOnScreen(page)).includes(xss), `${who} shows the exact text`);
      assertEqual(await page.locator('[data-testid=chat-list] img, [data-testid=chat-list] script, [data-testid=chat-list] b').count(), 0, `${who}: no element made from the message`);
      assertEqual(await page.evaluate(() => window.__xss), undefined, `${who}: no script ran`);
    }
  });

  await step('questions: a student asks, the other upvotes, the teacher sees the count', async () => {
    await s1.getByTestId('ask-input').fill('Why is the sky blue?');
    await s1.getByTestId('ask-form-submit').click();
    const question = s2.locator('[data-testid=question]', { hasText: 'Why is the sky blue?' });
    await question.getByTestId('question-upvote').click();
    for (const [who, page] of Object.entries(everyone)) {
      await eventually(async () => (await page.locator('[data-testid=question]', { hasText: 'Why is the sky blue?' }).getByTestId('question-upvotes').textContent()) === '1', `${who} sees 1 upvote`);
    }
    assertEqual(await s1.locator('[data-testid=question]', { hasText: 'Why is the sky blue?' }).getByTestId('question-upvote').count(), 0, 'no upvote button on one\'s own question');
  });

  await step('a poll\'s tally is exact on every screen (teacher, two students, assistant)', async () => {
    await teacher.getByTestId('poll-question').fill('Which colour scatters most?');
    await teacher.getByTestId('poll-options').fill('Blue\nRed\nGreen');
    await teacher.getByTestId('poll-form-submit').click();
    const poll = (page) => page.locator('[data-testid=poll]', { hasText: 'Which colour scatters most?' });
    for (const page of [s1, s2]) await eventually(async () => (await poll(page).getByTestId('poll-status').textContent()) === 'open', 'poll open for students');
    await poll(s1).getByTestId('poll-vote-0').click();
    await poll(s2).getByTestId('poll-vote-1').click();
    const expected = await eventually(async () => {
      const state = await teacherApi.state(sessionId);
      const p = Object.values(state.polls || {}).find((x) => x.question === 'Which colour scatters most?');
      return p && p.ballots === 2 ? p : false;
    }, 'the server counted two ballots');
    assertEqual(expected.counts, [1, 1, 0], 'server tally');
    for (const [who, page] of Object.entries(everyone)) {
      await eventually(async () => {
        const counts = await Promise.all([0, 1, 2].map((i) => poll(page).getByTestId(`poll-count-${i}`).textContent()));
        return JSON.stringify(counts) === JSON.stringify(['1', '1', '0']) && (await poll(page).getByTestId('poll-ballots').textContent()) === '2';
      }, `${who} shows 1 / 1 / 0 with 2 ballots`);
    }
  });

  await step('scenes and slides: the teacher adds a scene, switches to it, uploads a deck and turns a page; every screen follows', async () => {
    await teacher.getByTestId('scene-name').fill('Board');
    await teacher.getByTestId('scene-form-submit').click();
    await teacher.getByTestId('scene-switch').filter({ hasText: 'Board' }).click();
    for (const [who, page] of Object.entries(everyone)) await eventually(async () => (await page.getByTestId('current-scene').textContent()) === 'Board', `${who} shows the scene`);
    await teacher.getByTestId('deck-file').setInputFiles({ name: 'optics.pdf', mimeType: 'application/pdf', buffer: pdf(['Refraction', 'Dispersion']) });
    await teacher.getByTestId('deck-form-submit').click();
    await teacher.getByTestId('slide-next').waitFor({ timeout: 30000 });
    await teacher.getByTestId('slide-next').click();
    await eventually(async () => (await teacher.getByTestId('current-slide').textContent()).includes('page 1 of 2'), 'teacher on page 1');
    await teacher.getByTestId('slide-next').click();
    for (const [who, page] of Object.entries(everyone)) {
      await eventually(async () => (await page.getByTestId('current-slide').textContent()).includes('page 2 of 2'), `${who} shows page 2 of 2`);
      await eventually(() => page.getByTestId('slide-image').evaluate((img) => img.complete && img.naturalWidth > 0), `${who} shows the page image`);
    }
  });

  await step('assistant moderation: the teacher lets the assistant moderate, the assistant hides a message', async () => {
    await teacher.locator('[data-testid=person]', { hasText: 'assistant@north-high' }).getByTestId('grant-moderate').click();
    await eventually(async () => (await teacher.locator('[data-testid=person]', { hasText: 'assistant@north-high' }).textContent()).includes('moderate'), 'grant shown');
    await assistant.locator('[data-testid=chat-message]', { hasText: 'Hello from student 1' }).getByTestId('chat-hide').click();
    for (const page of [s1, s2]) await eventually(async () => !(await chatOnScreen(page)).includes('Hello from student 1'), 'students no longer see the hidden message');
    await eventually(async () => (await teacher.locator('[data-testid=chat-message]', { hasText: 'Hello from student 1' }).textContent()).includes('(hidden)'), 'the teacher sees it marked hidden');
  });

  await step('a screen straight on Lectern (no harness in between) follows the class too', async () => {
    const direct = await newScreen('direct', `${BASE}/`);
    await signIn(direct, 'assistant@north-high');
    await openClass(direct, sessionId);
    const info = await screen(direct);
    log(`  direct screen's stream transport: ${info.stream.mode}${isPending('stream-tickets') ? ' (fetch until Lectern has stream tickets)' : ''}`);
    assert(info.stream.mode === (isPending('stream-tickets') ? 'fetch' : 'ticket'), 'transport as expected');
    everyone.direct = direct;
  });

  await step('a network drop and reconnect loses and duplicates nothing on any screen', async () => {
    const before = {};
    for (const [who, page] of Object.entries(everyone)) before[who] = (await screen(page)).stream.connects;
    // 1. Every connection cut and new ones refused; meanwhile the class goes on (API, straight to Lectern).
    proxy.blackhole();
    for (let i = 1; i <= 3; i++) await teacherApi.chat(sessionId, `While you were away ${i}`);
    // A student sends during the outage: the client retries with the same Idempotency-Key until it gets through.
    const refusedBefore = proxy.stats.refused;
    await s1.getByTestId('chat-input').fill('Sent during the outage');
    await s1.getByTestId('chat-form-submit').click();
    await eventually(async () => (await s1.evaluate(() => window.lecternStats.retries)) > 0 && proxy.stats.refused > refusedBefore, 'the student\'s client is retrying against the outage');
    proxy.restore();
    // 2. An answer lost on its way back: Lectern did it, the client retries with the same key, gets the replay.
    proxy.loseNextResponse((req) => req.method === 'POST' && /\/chat$/.test(req.url));
    await s2.getByTestId('chat-input').fill('Answer lost once');
    await s2.getByTestId('chat-form-submit').click();
    // Sent again with its key (by the client, or by Chromium itself on a reused connection), answered
    // with the replay: the form clears only once a write has succeeded.
    await eventually(() => proxy.stats.lostKey && proxy.timesSeen(proxy.stats.lostKey) >= 2, 'the request whose answer was lost is sent again with its key', 20000);
    await eventually(async () => (await s2.getByTestId('chat-input').inputValue()) === '', 'the student\'s write succeeded', 20000);
    const log1 = await eventually(async () => {
      const events = await teacherApi.events(sessionId);
      const texts = events.filter((e) => e.name === 'chat.posted').map((e) => e.payload.text);
      return texts.includes('Sent during the outage') && texts.includes('Answer lost once') ? events : false;
    }, 'both messages reached Lectern', 20000);
    const chatTexts = log1.filter((e) => e.name === 'chat.posted').map((e) => e.payload.text);
    assertEqual(chatTexts.filter((t) => t === 'Sent during the outage').length, 1, 'the message sent during the outage is in the log once');
    assertEqual(chatTexts.filter((t) => t === 'Answer lost once').length, 1, 'the message whose answer was lost is in the log once');
    assert(proxy.stats.lostResponses === 1 && proxy.stats.refused > 0, `the proxy cut things (${JSON.stringify(proxy.stats)})`);
    // The lost answer's request came again with the same key (the client's retry, or Chromium's own
    // retry on a reused connection): Lectern replayed its answer and appended nothing new.
    assertEqual(await s2.locator('[data-testid=chat-form-error]').textContent(), '', 'no error shown for the retried write');
    // 3. Every screen's event list equals the log after the position it started from, in order, once each.
    const head = log1[log1.length - 1].position;
    for (const [who, page] of Object.entries(everyone)) {
      const seen = await eventually(async () => {
        const s = await screen(page);
        return (who === 'direct' || s.stream.connects > before[who]) && s.events.length && s.events[s.events.length - 1][0] >= head ? s : false;
      }, `${who} reconnected and caught up to ${head}`, 20000);
      const expected = log1.filter((e) => e.position > seen.initialPosition).map((e) => [e.position, e.name]);
      const shown = seen.events.filter(([, name]) => name !== 'poll.tally' && name !== undefined);
      assertEqual(shown, expected, `${who}: the screen's event list equals the log`);
      assertEqual(seen.stream.duplicatesDiscarded, 0, `${who}: the stream sent no duplicate`);
      const chat = await chatOnScreen(page);
      for (const text of ['While you were away 1', 'While you were away 2', 'While you were away 3', 'Sent during the outage', 'Answer lost once']) {
        assertEqual(chat.filter((t) => t === text).length, 1, `${who} shows "${text}" once`);
      }
    }
  });
  return { sessionId, teacherApi, everyone };
}

// ------------------------------------------------------------------ another origin
async function otherOriginScenario(proxy, origin) {
  const { Lectern } = await import('./lib/api.mjs');
  await step('a page on another origin gets a token, schedules, reads state and holds a native EventSource across a drop', async () => {
    const page = await newScreen('other-origin', `${origin.origin}/?api=${encodeURIComponent(proxy.url)}`);
    log('  other origin: page loaded');
    const created = await page.evaluate(() => window.run('teacher@north-high', 'north-high'));
    log('  other origin: token, class, state, ticket');
    const api = new Lectern(BASE, created.token);
    // No wait for onopen: a resumed stream with nothing to send yet commits its headers only with its
    // first event or heartbeat. Whatever happens meanwhile is read from the log on the resume.
    await api.start(created.sessionId);
    await api.join(created.sessionId);
    await api.chat(created.sessionId, 'before the drop');
    await eventually(async () => (await page.evaluate(() => window.received.length)) >= 3, 'live events arrive');
    log('  other origin: events arrived; dropping');
    proxy.drop();
    await api.chat(created.sessionId, 'during the drop 1');
    await api.chat(created.sessionId, 'during the drop 2');
    const logged = await api.events(created.sessionId);
    const head = logged[logged.length - 1].position;
    const got = await eventually(async () => {
      const r = await page.evaluate(() => ({ received: window.received, info: window.info }));
      return r.info.opens >= 2 && r.received.length && r.received[r.received.length - 1].id >= head ? r : false;
    }, 'the EventSource reconnected and resumed', 20000);
    const expected = logged.filter((e) => e.position > created.position).map((e) => ({ id: e.position, name: e.name }));
    assertEqual(got.received.map(({ id, name }) => ({ id, name })), expected, 'the other origin received exactly the log after its state');
  });
}

// ------------------------------------------------------------------ main
let exit = 1;
try {
  log(`Lectern at ${BASE}; pending: ${[...pending.keys()].join(', ') || 'none'}`);
  const health = await fetch(`${BASE}/actuator/health`).catch((e) => ({ ok: false, status: e.message }));
  if (!health.ok) throw new Error(`Lectern does not answer at ${BASE}/actuator/health (${health.status})`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  await notesOnPending();
  const typed = typecheck();
  typed.catch(() => {});
  const shims = { tickets: isPending('stream-tickets'), cors: isPending('cors') };
  const allowedOrigin = `http://127.0.0.1:${ORIGIN_PORT}`;
  // Two forwarders, so that the two scenarios run side by side and each drops only its own connections.
  const proxy = await startProxy({ port: PROXY_PORT, target: BASE, shims, allowedOrigin });
  cleanups.push(() => proxy.close());
  const originProxy = await startProxy({ port: PROXY_PORT + 2, target: BASE, shims, allowedOrigin });
  cleanups.push(() => originProxy.close());
  const origin = await startOriginPage(ORIGIN_PORT);
  cleanups.push(() => origin.close());
  browser = await chromium.launch({ executablePath: CHROMIUM, args: launchArgs, headless: true });
  cleanups.push(() => browser.close());
  log(`Chromium ${browser.version()}; browsers reach Lectern through ${proxy.url} and ${originProxy.url}`);
  const classes = async () => {
    if (ONLY === 'origin') return;
    const { everyone } = await classScenario(proxy);
    await step('teacher ends the class and every screen shows it ended', async () => {
      await everyone.teacher.getByTestId('end-class').click();
      for (const [who, page] of Object.entries(everyone)) await eventually(async () => (await page.getByTestId('class-status').textContent()) === 'ended', `${who} shows ended`);
    });
  };
  const other = async () => {
    if (ONLY !== 'class') await otherOriginScenario(originProxy, origin);
  };
  const outcomes = await Promise.allSettled([classes(), other()]);
  let failed = outcomes.some((o) => o.status === 'rejected');
  await step('typed API client: generated from OpenAPI, tsc --noEmit passes', async () => {
    const spec = await typed;
    log(`  generated from ${spec.replace(here + '/', '')}`);
  }).catch(() => { failed = true; });
  exit = failed ? 1 : 0;
} catch (e) {
  log(`E2E could not run: ${e && e.stack ? e.stack : e}`);
  results.push({ name: 'setup', ok: false, error: e });
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => {});
}
const passed = results.filter((r) => r.ok).length;
const failedCount = results.filter((r) => !r.ok).length;
for (const p of pending.values()) log(`pending (harness stands in): ${p.id} - ${p.needs}`);
log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`E2E: ${passed} passed, ${failedCount} failed, 0 skipped`);
process.exit(failedCount ? 1 : exit);
