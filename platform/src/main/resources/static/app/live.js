// Applies a stream event to this screen's copy of the class state (docs/live-state.md "The state
// document"). The server's ClassStateReducer is the truth; this only mirrors the parts the pages show,
// and the E2E checks that what a screen shows matches GET /sessions/{id}/state and the log.
import { id } from './adapters.js';

export function applyEvent(state, event, me) {
  const p = event.payload || {};
  state.roster ||= {};
  state.chat ||= [];
  state.questions ||= {};
  state.polls ||= {};
  state.studio ||= {};
  state.interaction ||= {};
  switch (event.name) {
    case 'session.started': state.status = 'live'; break;
    case 'session.ended': state.status = 'ended'; break;
    case 'session.cancelled': state.status = 'cancelled'; break;
    case 'session.rescheduled':
      if (p.title) state.title = p.title;
      break;
    case 'participant.joined': {
      const user = id(p.userId);
      state.roster[user] = { ...(state.roster[user] || { permissions: [] }), userId: user, subject: p.subject, classRole: p.classRole, present: true };
      break;
    }
    case 'participant.left': {
      const user = state.roster[id(p.userId)];
      if (user) user.present = false;
      break;
    }
    case 'participant.revoked': {
      const user = state.roster[id(p.userId)];
      if (user) { user.present = false; user.revoked = true; }
      break;
    }
    case 'permission.granted':
    case 'permission.revoked': {
      const user = state.roster[id(p.userId)];
      if (user) {
        const set = new Set(user.permissions || []);
        if (event.name === 'permission.granted') set.add(p.permission); else set.delete(p.permission);
        user.permissions = [...set];
      }
      break;
    }
    case 'participant.muted':
    case 'participant.unmuted':
      if (me && id(p.userId) === me.userId) state.interaction.youAreMuted = event.name === 'participant.muted';
      break;
    case 'chat.posted':
      state.chat.push({ messageId: id(p.messageId), userId: id(p.userId), classRole: p.classRole, text: p.text, postedAt: p.postedAt, hidden: false, deleted: false });
      break;
    case 'chat.hidden':
    case 'chat.deleted': {
      const message = state.chat.find((m) => m.messageId === id(p.messageId));
      if (message) {
        if (event.name === 'chat.hidden') message.hidden = true;
        else { message.deleted = true; delete message.text; }
      }
      break;
    }
    case 'interaction.settings_changed':
      for (const k of ['chatEnabled', 'slowModeSeconds', 'anonymousQuestions', 'blockedWords']) if (k in p) state.interaction[k] = p[k];
      break;
    case 'exam_mode.changed': state.interaction.examMode = p.enabled; break;
    case 'question.asked':
      state.questions[id(p.questionId)] = { text: p.text, userId: id(p.userId), anonymous: p.anonymous, upvotes: 0, status: 'open', askedAt: p.askedAt };
      break;
    case 'question.upvoted': {
      const q = state.questions[id(p.questionId)];
      if (q) q.upvotes = (q.upvotes || 0) + 1;
      break;
    }
    case 'question.answered': {
      const q = state.questions[id(p.questionId)];
      if (q) { q.status = 'answered'; q.answer = { text: p.text, live: p.live, at: p.answeredAt }; }
      break;
    }
    case 'question.resolved':
    case 'question.dismissed': {
      const q = state.questions[id(p.questionId)];
      if (q) q.status = event.name === 'question.resolved' ? 'resolved' : 'dismissed';
      break;
    }
    case 'poll.created':
      state.polls[id(p.pollId)] = { question: p.question, options: p.options, status: 'draft', multipleChoice: p.multipleChoice, allowChange: p.allowChange, showLiveResults: p.showLiveResults };
      // No ballot yet: a poll with live results starts at zero (tallies replace these counts).
      if (p.showLiveResults) Object.assign(state.polls[id(p.pollId)], { counts: (p.options || []).map(() => 0), ballots: 0 });
      break;
    case 'poll.opened':
    case 'poll.closed': {
      const poll = state.polls[id(p.pollId)];
      if (poll) poll.status = event.name === 'poll.opened' ? 'open' : 'closed';
      break;
    }
    case 'poll.results_published':
    case 'poll.tally': {
      const poll = state.polls[id(p.pollId)];
      if (poll) {
        if (p.counts) poll.counts = p.counts;
        if (p.ballots !== undefined) poll.ballots = p.ballots;
        if (event.name === 'poll.results_published') poll.status = 'published';
        else if (p.status) poll.status = p.status;
      }
      break;
    }
    case 'scene.created':
    case 'scene.updated':
      state.studio.scenes ||= {};
      state.studio.scenes[id(p.sceneId)] = { ...(state.studio.scenes[id(p.sceneId)] || {}), id: id(p.sceneId), name: p.name, layout: p.layout };
      break;
    case 'scene.deleted':
      if (state.studio.scenes) delete state.studio.scenes[id(p.sceneId)];
      break;
    case 'scene.changed': state.studio.scene = { id: id(p.sceneId), name: p.name, layout: p.layout }; break;
    case 'layout.changed': state.studio.layout = p.layout; break;
    case 'deck.added':
      state.studio.decks ||= {};
      state.studio.decks[id(p.deckId)] = { title: p.title, pageCount: p.pageCount, renderedPages: p.renderedPages, pageTitles: p.pageTitles };
      break;
    case 'slide.changed': {
      const deck = state.studio.decks && state.studio.decks[id(p.deckId)];
      state.studio.slide = { deckId: id(p.deckId), page: p.page, title: deck && deck.pageTitles ? deck.pageTitles[p.page - 1] : undefined };
      break;
    }
    case 'cta.shown': state.studio.cta = { id: id(p.ctaId), label: p.label, url: p.url, qr: `/sessions/${state.sessionId}/cta/qr.png` }; break;
    case 'cta.hidden': state.studio.cta = null; break;
    default: break;
  }
  state.position = event.position;
  return state;
}
