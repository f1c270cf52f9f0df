// Lectern's reference web client: plain ES modules, no build step (ADR 0028, docs/web-client.md).
import { auth, claims, get, post } from './api.js';
import { h, fill, form, button, describe } from './dom.js';
import { SEEDED_SCHOOLS, seededUsers, devIssuerAvailable, devToken, listClasses, rememberClass } from './adapters.js';
import { openStream } from './stream.js';
import { applyEvent } from './live.js';

const app = document.getElementById('app');
const ROLE_HINT = 'lectern.roleHint';
let current = null; // the open class view: {close()}

window.addEventListener('hashchange', route);
route();

function route() {
  if (current) {
    current.close();
    current = null;
  }
  const hash = location.hash.replace(/^#\/?/, '');
  showWho();
  if (!auth.token) return signIn();
  const [page, arg] = hash.split('/');
  if (page === 'class' && arg) return classView(arg);
  return home();
}

function showWho() {
  const who = document.getElementById('whoami');
  fill(who);
  if (auth.token) {
    who.append(`${auth.subject || claims(auth.token).sub} (${auth.tenant || ''}) `,
      h('button', { type: 'button', 'data-testid': 'sign-out', onclick: () => { auth.clear(); location.hash = '#/'; route(); } }, 'Sign out'));
  }
}

// ---------------------------------------------------------------- sign-in
async function signIn() {
  fill(app, h('section', {}, h('h2', {}, 'Sign in'), h('p', {}, 'Checking the identity options…')));
  const local = await devIssuerAvailable();
  const sections = [];
  if (local) {
    const school = h('select', { name: 'tenant', 'data-testid': 'signin-tenant' }, SEEDED_SCHOOLS.map((s) => h('option', { value: s }, s)));
    const user = h('select', { name: 'subject', 'data-testid': 'signin-user' });
    const fillUsers = () => fill(user, seededUsers(school.value).map((u) => h('option', { value: u.subject, 'data-role': u.role }, `${u.subject} (${u.role})`)));
    school.addEventListener('change', fillUsers);
    fillUsers();
    sections.push(h('section', {}, h('h2', {}, 'Sign in as a seeded user (local profile)'),
      form('signin-form', [h('label', {}, 'School ', school), h('label', {}, 'User ', user),
        h('label', {}, 'Or another subject ', h('input', { name: 'other', 'data-testid': 'signin-other', placeholder: 'name@school' }))],
      'Sign in', async (values) => {
        const subject = values.other ? values.other.trim() : values.subject;
        const minted = await devToken(values.tenant, subject);
        const role = values.other ? guessRole(subject) : user.selectedOptions[0].dataset.role;
        finishSignIn(minted.accessToken, subject, values.tenant, role);
      })));
  }
  sections.push(h('section', {}, h('h2', {}, 'Sign in with an access token'),
    h('p', {}, 'Paste an access token from your school\'s identity provider.'),
    form('token-form', [h('label', {}, 'Token ', h('textarea', { name: 'token', rows: 3, cols: 40, 'data-testid': 'token-input' })),
      h('label', {}, 'I am ', h('select', { name: 'role' }, ['teacher', 'assistant', 'student', 'admin'].map((r) => h('option', { value: r }, r))))],
    'Use token', async (values) => {
      const token = values.token.trim();
      await get('/sessions/00000000-0000-0000-0000-000000000000', { token }).catch((e) => {
        if (e.status === 401) throw e;
      });
      finishSignIn(token, claims(token).sub, claims(token).tenant, values.role);
    })));
  fill(app, ...sections);
}

function guessRole(subject) {
  const m = /^([a-z_]+?)\d*@/.exec(subject || '');
  return m ? m[1] : 'student';
}

function finishSignIn(token, subject, tenant, role) {
  auth.set(token, subject, tenant);
  sessionStorage.setItem(ROLE_HINT, role || 'student');
  location.hash = '#/';
  route();
}

const roleHint = () => sessionStorage.getItem(ROLE_HINT) || 'student';

// ---------------------------------------------------------------- home: class list, schedule, open
async function home() {
  const list = h('ul', { 'data-testid': 'class-list' });
  const source = h('p', { class: 'muted', 'data-testid': 'class-list-source' });
  const classes = h('section', {}, h('h2', {}, 'Classes'), source, list);
  const openForm = form('open-form', [h('label', {}, 'Class id ', h('input', { name: 'sessionId', size: 38, 'data-testid': 'open-id' }))],
    'Open', async (values) => { location.hash = `#/class/${values.sessionId.trim()}`; });
  const sections = [classes, h('section', {}, h('h2', {}, 'Open a class'), openForm)];
  if (['teacher', 'admin'].includes(roleHint())) {
    const inMinutes = (m) => new Date(Date.now() + m * 60000);
    const local = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
    sections.unshift(h('section', {}, h('h2', {}, 'Schedule a class'), form('schedule-form', [
      h('label', {}, 'Title ', h('input', { name: 'title', required: true, maxlength: 200, 'data-testid': 'schedule-title' })),
      h('label', {}, 'Starts ', h('input', { name: 'startsAt', type: 'datetime-local', value: local(inMinutes(5)), 'data-testid': 'schedule-starts' })),
      h('label', {}, 'Minutes ', h('input', { name: 'durationMinutes', type: 'number', min: 1, value: 45, 'data-testid': 'schedule-duration' })),
      h('label', {}, h('input', { name: 'recordingEnabled', type: 'checkbox' }), ' Record'),
    ], 'Schedule', async (values) => {
      let startsAt = new Date(values.startsAt);
      if (!(startsAt > new Date())) startsAt = inMinutes(1);
      const created = await post('/sessions', {
        title: values.title, startsAt: startsAt.toISOString(), durationMinutes: Number(values.durationMinutes),
        recordingEnabled: values.recordingEnabled === 'on',
      });
      rememberClass(created);
      location.hash = `#/class/${created.sessionId}`;
    })));
  }
  fill(app, ...sections);
  try {
    const result = await listClasses();
    source.textContent = result.source === 'server' ? 'Your classes' : 'Classes opened in this browser';
    fill(list, result.items.length ? result.items.map((c) => h('li', { 'data-testid': 'class-item', 'data-session-id': c.sessionId },
      h('a', { href: `#/class/${c.sessionId}` }, c.title || c.sessionId), ` ${c.status || ''}`)) : h('li', { class: 'muted' }, 'None yet'));
  } catch (e) {
    source.textContent = describe(e);
  }
}

// ---------------------------------------------------------------- one class: teacher, assistant, student
async function classView(sessionId) {
  let closed = false;
  let stream = null;
  const view = { close() { closed = true; stream?.close(); } };
  current = view;
  const errors = h('div', { class: 'error', 'data-testid': 'class-error' });
  fill(app, h('section', {}, h('p', {}, 'Loading the class…'), errors));
  let state;
  try {
    state = await get(`/sessions/${sessionId}/state`);
  } catch (e) {
    fill(app, h('section', {}, h('h2', {}, 'Class'), h('div', { class: 'error', 'data-testid': 'class-error' }, describe(e))));
    return;
  }
  rememberClass({ sessionId, title: state.title, status: state.status });
  const initialPosition = state.position ?? null;
  const me = { classRole: null, userId: null };
  const events = []; // what this screen received from the stream, in order
  const base = `/sessions/${sessionId}`;
  const whoAmI = () => {
    const entry = Object.values(state.roster || {}).find((r) => r.subject && r.subject === auth.subject);
    if (entry) { me.userId = entry.userId; me.classRole = me.classRole || entry.classRole; }
  };
  const role = () => me.classRole || (roleHint() === 'admin' ? 'teacher' : roleHint());
  const isTeacher = () => role() === 'teacher';
  const isStaff = () => ['teacher', 'assistant'].includes(role());
  const can = (permission) => isTeacher() || ((state.roster || {})[me.userId]?.permissions || []).includes(permission);
  const act = (label, testid, fn) => button(label, testid, fn, errors);

  const join = async () => {
    if (state.status !== 'live' || me.joined) return;
    const joined = await post(`${base}/join`);
    me.joined = true;
    me.classRole = joined.classRole;
  };

  // Panels: containers re-rendered on every change; forms outside them keep what is typed.
  const header = h('div');
  const chatList = h('ul', { 'data-testid': 'chat-list' });
  const questionList = h('ul', { 'data-testid': 'question-list' });
  const pollList = h('div', { 'data-testid': 'poll-list' });
  const studio = h('div', { 'data-testid': 'studio' });
  const people = h('ul', { 'data-testid': 'roster' });
  const eventList = h('ol', { class: 'events', 'data-testid': 'event-list' });

  const chatForm = form('chat-form', [h('input', { name: 'text', maxlength: 1000, size: 40, 'data-testid': 'chat-input', autocomplete: 'off' })], 'Send', async (values, el) => {
    await post(`${base}/chat`, { text: values.text });
    el.reset();
  });
  const askForm = form('ask-form', [h('input', { name: 'text', maxlength: 1000, size: 40, 'data-testid': 'ask-input', autocomplete: 'off' }),
    h('label', {}, h('input', { type: 'checkbox', name: 'anonymous' }), ' anonymous')], 'Ask', async (values, el) => {
    await post(`${base}/questions`, { text: values.text, anonymous: values.anonymous === 'on' });
    el.reset();
  });
  const pollForm = form('poll-form', [
    h('label', {}, 'Question ', h('input', { name: 'question', size: 36, 'data-testid': 'poll-question' })),
    h('label', {}, 'Options (one per line) ', h('textarea', { name: 'options', rows: 3, 'data-testid': 'poll-options' })),
    h('label', {}, h('input', { type: 'checkbox', name: 'showLiveResults', checked: true }), ' live results'),
    h('label', {}, h('input', { type: 'checkbox', name: 'allowChange' }), ' allow changing a vote'),
  ], 'Create and open', async (values, el) => {
    const options = values.options.split('\n').map((o) => o.trim()).filter(Boolean);
    const created = await post(`${base}/polls`, { question: values.question, options, showLiveResults: values.showLiveResults === 'on', allowChange: values.allowChange === 'on' });
    await post(`${base}/polls/${created.pollId}/open`);
    el.reset();
  });
  const sceneForm = form('scene-form', [h('input', { name: 'name', placeholder: 'Scene name', 'data-testid': 'scene-name' }),
    h('select', { name: 'layout' }, ['presentation_focus', 'cameras_only', 'side_by_side', 'whiteboard', 'speaker', 'screen_share'].map((l) => h('option', { value: l }, l)))],
  'Add scene', async (values, el) => {
    await post(`${base}/scenes`, { name: values.name, layout: values.layout });
    el.reset();
  });
  const deckForm = form('deck-form', [h('input', { type: 'file', name: 'file', accept: 'application/pdf', 'data-testid': 'deck-file' })], 'Upload slides', async (_values, el) => {
    const data = new FormData(el);
    await post(`${base}/decks`, data);
    el.reset();
  });

  const render = () => {
    whoAmI();
    renderHeader();
    renderChat();
    renderQuestions();
    renderPolls();
    renderStudio();
    renderPeople();
    chatForm.hidden = state.status !== 'live' || state.interaction?.youAreMuted;
    askForm.hidden = state.status !== 'live';
    pollForm.hidden = !isTeacher();
    sceneForm.hidden = !isTeacher();
    deckForm.hidden = !can('present');
  };
  let pending = false;
  const scheduleRender = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; if (!closed) render(); });
  };

  function renderHeader() {
    const controls = [];
    if (isTeacher() && state.status === 'scheduled') controls.push(act('Start class', 'start-class', async () => { await post(`${base}/start`); await join(); }));
    if (isTeacher() && state.status === 'live') controls.push(act('End class', 'end-class', () => post(`${base}/end`)));
    if (state.status === 'live' && !me.joined) controls.push(act('Join', 'join-class', join));
    fill(header, h('h2', { 'data-testid': 'class-title' }, state.title || 'Class'),
      h('p', {}, 'Status: ', h('strong', { 'data-testid': 'class-status' }, state.status), ' · you are ', h('span', { 'data-testid': 'my-role' }, role()),
        ' · id ', h('code', { 'data-testid': 'class-id' }, sessionId)), ...controls);
  }

  const nameOf = (userId) => {
    const r = (state.roster || {})[userId];
    if (r && r.subject) return r.subject;
    if (userId && userId === me.userId) return 'you';
    return r ? `${r.classRole || 'someone'} ${String(userId).slice(0, 4)}` : String(userId || 'someone').slice(0, 8);
  };

  function renderChat() {
    fill(chatList, (state.chat || []).filter((m) => isStaff() || !m.hidden).map((m) => h('li', {
      'data-testid': 'chat-message', 'data-message-id': m.messageId, class: m.hidden || m.deleted ? 'hidden-message' : null,
    }, h('strong', {}, nameOf(m.userId)), ': ', h('span', { 'data-testid': 'chat-text' }, m.deleted ? '(deleted)' : m.text),
    m.hidden ? ' (hidden)' : '',
    isStaff() && !m.deleted ? [!m.hidden ? act('Hide', 'chat-hide', () => post(`${base}/chat/${m.messageId}/hide`, {})) : null,
      act('Delete', 'chat-delete', () => post(`${base}/chat/${m.messageId}/delete`, {}))] : null)));
  }

  function renderQuestions() {
    const entries = Object.entries(state.questions || {}).filter(([, q]) => isStaff() || ['open', 'answered'].includes(q.status));
    entries.sort(([, a], [, b]) => (b.upvotes || 0) - (a.upvotes || 0) || String(a.askedAt).localeCompare(String(b.askedAt)));
    fill(questionList, entries.map(([qid, q]) => h('li', { 'data-testid': 'question', 'data-question-id': qid },
      h('span', { 'data-testid': 'question-text' }, q.text), ' · ', h('span', { 'data-testid': 'question-upvotes' }, String(q.upvotes || 0)), ' ▲ · ',
      h('span', { 'data-testid': 'question-status' }, q.status), q.answer && q.answer.text ? [' · answer: ', h('span', { 'data-testid': 'question-answer' }, q.answer.text)] : null,
      !isStaff() && q.status === 'open' && q.userId !== me.userId ? act('Upvote', 'question-upvote', () => post(`${base}/questions/${qid}/upvote`)) : null,
      isStaff() && ['open', 'answered'].includes(q.status) ? [
        act('Answered live', 'question-answer-live', () => post(`${base}/questions/${qid}/answer`, { live: true })),
        act('Resolve', 'question-resolve', () => post(`${base}/questions/${qid}/resolve`)),
        act('Dismiss', 'question-dismiss', () => post(`${base}/questions/${qid}/dismiss`, {})),
      ] : null)));
  }

  function renderPolls() {
    fill(pollList, Object.entries(state.polls || {}).map(([pid, poll]) => {
      const counts = poll.counts || [];
      const total = counts.reduce((a, b) => a + b, 0) || 1;
      return h('div', { 'data-testid': 'poll', 'data-poll-id': pid },
        h('p', {}, h('strong', { 'data-testid': 'poll-question-text' }, poll.question), ' (', h('span', { 'data-testid': 'poll-status' }, poll.status), ') · ballots ',
          h('span', { 'data-testid': 'poll-ballots' }, poll.ballots ?? '–')),
        h('ul', {}, (poll.options || []).map((option, i) => h('li', { 'data-testid': 'poll-option' },
          h('span', { 'data-testid': 'poll-option-text' }, option), ' ',
          counts.length ? [h('span', { class: 'bar', style: `width:${Math.round((100 * (counts[i] || 0)) / total)}px` }), ' ', h('span', { 'data-testid': `poll-count-${i}` }, String(counts[i] ?? 0))] : null,
          !isStaff() && poll.status === 'open' ? act('Vote', `poll-vote-${i}`, () => post(`${base}/polls/${pid}/votes`, { options: [i] })) : null))),
        isTeacher() ? [poll.status === 'draft' ? act('Open', 'poll-open', () => post(`${base}/polls/${pid}/open`)) : null,
          poll.status === 'open' ? act('Close', 'poll-close', () => post(`${base}/polls/${pid}/close`)) : null,
          poll.status === 'closed' ? act('Publish results', 'poll-publish', () => post(`${base}/polls/${pid}/publish`)) : null] : null);
    }));
  }

  let slideKey = null;
  const slideImage = h('img', { alt: 'current slide', 'data-testid': 'slide-image' });
  function renderStudio() {
    const s = state.studio || {};
    const scenes = Object.entries(s.scenes || {});
    const slide = s.slide;
    const deck = slide && s.decks ? s.decks[slide.deckId] : null;
    if (slide && `${slide.deckId}/${slide.page}` !== slideKey) {
      slideKey = `${slide.deckId}/${slide.page}`;
      get(`${base}/decks/${slide.deckId}/pages/${slide.page}`).then((page) => { slideImage.src = page.url; }).catch(() => { slideImage.removeAttribute('src'); });
    }
    const decks = Object.entries(s.decks || {});
    fill(studio,
      h('p', {}, 'Scene: ', h('strong', { 'data-testid': 'current-scene' }, s.scene ? s.scene.name : 'none'), ' · layout ', h('span', { 'data-testid': 'current-layout' }, s.layout || (s.scene && s.scene.layout) || '–')),
      isTeacher() && scenes.length ? h('p', {}, 'Switch to: ', scenes.map(([sid, scene]) => act(scene.name || sid, 'scene-switch', () => post(`${base}/scene`, { sceneId: sid })))) : null,
      slide ? h('div', { class: 'slide' }, h('p', { 'data-testid': 'current-slide' }, `${deck ? deck.title : 'Slides'} · page ${slide.page}${deck ? ` of ${deck.pageCount}` : ''}${slide.title ? ` · ${slide.title}` : ''}`), slideImage) : h('p', { class: 'muted' }, 'No slide shown'),
      can('present') ? decks.map(([did, d]) => h('p', {}, d.title, ' ',
        act('◀', 'slide-prev', () => post(`${base}/slides`, { deckId: did, page: Math.max(1, (slide && slide.deckId === did ? slide.page : 2) - 1) })),
        act('▶', 'slide-next', () => post(`${base}/slides`, { deckId: did, page: Math.min(d.pageCount, (slide && slide.deckId === did ? slide.page : 0) + 1) })))) : null,
      s.cta ? h('p', { 'data-testid': 'cta' }, h('a', { href: s.cta.url, rel: 'noopener noreferrer', target: '_blank' }, s.cta.label)) : null);
  }

  function renderPeople() {
    fill(people, Object.values(state.roster || {}).map((r) => h('li', { 'data-testid': 'person', 'data-user-id': r.userId },
      nameOf(r.userId), ` · ${r.classRole || ''}${r.present ? ' · present' : ''}${(r.permissions || []).length ? ` · ${(r.permissions || []).join(', ')}` : ''}`,
      isTeacher() && r.classRole === 'assistant' && !(r.permissions || []).includes('moderate')
        ? act('Let moderate', 'grant-moderate', () => post(`${base}/permissions`, { userId: r.userId, permission: 'moderate', action: 'grant' })) : null,
      isTeacher() && r.classRole === 'student' && !(r.permissions || []).includes('present')
        ? act('Let present', 'grant-present', () => post(`${base}/permissions`, { userId: r.userId, permission: 'present', action: 'grant' })) : null)));
  }

  const connection = document.getElementById('connection');
  const status = (text) => { connection.dataset.state = text; connection.textContent = text; };

  fill(app,
    h('section', {}, header, errors),
    h('section', {}, h('h2', {}, 'Chat'), chatList, chatForm),
    h('section', {}, h('h2', {}, 'Questions'), questionList, askForm),
    h('section', {}, h('h2', {}, 'Polls'), pollList, pollForm),
    h('section', {}, h('h2', {}, 'Studio'), studio, sceneForm, deckForm),
    h('section', {}, h('h2', {}, 'People'), people),
    h('section', {}, h('h2', {}, 'Live events'), eventList));
  render();
  try {
    await join();
  } catch (e) {
    errors.textContent = describe(e);
  }
  if (closed) return;
  stream = await openStream(sessionId, state.position ?? null, {
    onStatus: status,
    onEnd: (reason) => { status('ended'); errors.textContent = reason; },
    onState: (fresh) => { state = fresh; scheduleRender(); },
    onEvent: (event) => {
      events.push(event);
      eventList.append(h('li', { 'data-testid': 'event', 'data-position': event.position, 'data-name': event.name }, `${event.position} ${event.name}`));
      const wasLive = state.status === 'live';
      applyEvent(state, event, me);
      if (!wasLive && state.status === 'live') join().catch((e) => { errors.textContent = describe(e); });
      scheduleRender();
    },
  }).catch((e) => { errors.textContent = describe(e); return null; });
  // For the E2E and for debugging: what this screen holds (read-only use).
  window.lecternScreen = { sessionId, initialPosition, get state() { return state; }, events, get stream() { return stream && stream.info; }, me };
}
