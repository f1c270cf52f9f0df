// Live changes of one class after a known state position (docs/live-state.md "The stream").
// Two transports behind one interface (docs/web-client.md "Adapters"):
//  * ticket: POST /sessions/{id}/stream-tickets, then the browser's native EventSource on the
//    ticket's streamUrl (an EventSource cannot send Authorization). The browser reconnects by
//    itself with Last-Event-ID; at `reauthenticate` we fetch a new ticket and resume at lastEventId.
//  * fetch: where Lectern has no stream tickets, fetch() with the bearer token, parsing SSE here,
//    and reconnecting with Last-Event-ID ourselves.
// Either way every event is applied once: an id at or below the last one applied is discarded
// and counted (the server promises none; the E2E asserts the counter stays 0).
import { auth, post, ApiError } from './api.js';

/** Public event names (docs/event-catalogue.md) plus the stream's own: EventSource needs one listener per name. */
export const EVENT_NAMES = [
  'chat.deleted', 'chat.hidden', 'chat.posted', 'cta.hidden', 'cta.shown', 'deck.added', 'exam_mode.changed',
  'interaction.settings_changed', 'layout.changed', 'participant.joined', 'participant.left', 'participant.muted',
  'participant.revoked', 'participant.unmuted', 'permission.granted', 'permission.revoked', 'poll.closed',
  'poll.created', 'poll.opened', 'poll.results_published', 'poll.tally', 'question.answered', 'question.asked',
  'question.dismissed', 'question.resolved', 'question.upvoted', 'recording.finalized', 'scene.changed',
  'scene.created', 'scene.deleted', 'scene.updated', 'session.cancelled', 'session.ended', 'session.rescheduled',
  'session.scheduled', 'session.started', 'slide.changed', 'whiteboard.updated',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens the stream of sessionId after position `after`.
 * handlers: onEvent({position, name, occurredAt, payload}), onState(state), onStatus(text), onEnd(reason)
 * Returns {close(), info} where info = {mode, connects, duplicatesDiscarded, lastPosition}.
 */
export async function openStream(sessionId, after, handlers) {
  const info = { mode: null, connects: 0, duplicatesDiscarded: 0, lastPosition: after, reauthentications: 0 };
  const deliver = (name, id, data) => {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (name === 'state') {
      info.lastPosition = Math.max(info.lastPosition ?? -1, Number(message.position ?? id ?? -1));
      handlers.onState?.(message);
      return;
    }
    const position = Number(message.position ?? id);
    if (info.lastPosition !== null && position <= info.lastPosition) {
      info.duplicatesDiscarded++;
      return;
    }
    info.lastPosition = position;
    handlers.onEvent?.({ ...message, name: message.name || name, position });
  };
  let transport;
  try {
    const ticket = await post(`/sessions/${sessionId}/stream-tickets`);
    info.mode = 'ticket';
    transport = ticketStream(sessionId, ticket, info, deliver, handlers);
  } catch (e) {
    if (!(e instanceof ApiError) || !ticketsMissing(e)) throw e;
    info.mode = 'fetch';
    transport = fetchStream(sessionId, info, deliver, handlers);
  }
  return { info, close: () => transport.close() };
}

/** A Lectern without stream tickets answers 404/405 without a class-specific code. */
function ticketsMissing(e) {
  const code = e.problem && (e.problem.code || e.problem.errorCode);
  return (e.status === 404 && code === 'NOT_FOUND') || e.status === 405;
}

function ticketStream(sessionId, firstTicket, info, deliver, handlers) {
  let source;
  let closed = false;
  const connect = (ticket, resumeAt) => {
    const url = new URL(ticket.streamUrl, location.href);
    if (resumeAt !== null && resumeAt !== undefined) url.searchParams.set('lastEventId', String(resumeAt));
    source = new EventSource(url.toString());
    source.onopen = () => {
      info.connects++;
      handlers.onStatus?.('live');
    };
    source.onerror = () => {
      if (closed) return;
      if (source.readyState === EventSource.CLOSED) {
        // Refused on reconnect (e.g. the ticket expired while we were away): a new ticket, same position.
        renew();
      } else {
        handlers.onStatus?.('reconnecting');
      }
    };
    for (const name of [...EVENT_NAMES, 'state']) {
      source.addEventListener(name, (event) => deliver(name, event.lastEventId, event.data));
    }
    source.addEventListener('dropped', (event) => {
      const data = safeJson(event.data);
      source.close();
      renew(data.resumeAfter ?? info.lastPosition);
    });
    source.addEventListener('reauthenticate', (event) => {
      const data = safeJson(event.data);
      info.reauthentications++;
      source.close();
      renew(data.lastEventId ?? info.lastPosition);
    });
  };
  const renew = async (resumeAt = info.lastPosition) => {
    handlers.onStatus?.('reconnecting');
    for (let attempt = 0; !closed; attempt++) {
      try {
        const ticket = await post(`/sessions/${sessionId}/stream-tickets`);
        if (!closed) connect(ticket, resumeAt);
        return;
      } catch (e) {
        if (e instanceof ApiError && [401, 403, 404].includes(e.status)) {
          handlers.onEnd?.(`stream refused: ${e.message}`);
          return;
        }
        await sleep(Math.min(500 * 2 ** attempt, 5000));
      }
    }
  };
  connect(firstTicket, info.lastPosition);
  return {
    close() {
      closed = true;
      source?.close();
    },
  };
}

function fetchStream(sessionId, info, deliver, handlers) {
  const controller = new AbortController();
  let closed = false;
  let retry = 2000;
  (async () => {
    let failures = 0;
    while (!closed) {
      try {
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${auth.token}` };
        if (info.lastPosition !== null && info.lastPosition !== undefined) headers['Last-Event-ID'] = String(info.lastPosition);
        const response = await fetch(`/sessions/${sessionId}/stream`, { headers, signal: controller.signal, cache: 'no-store' });
        if ([401, 403, 404].includes(response.status)) {
          handlers.onEnd?.(`stream refused: HTTP ${response.status}`);
          return;
        }
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        info.connects++;
        failures = 0;
        handlers.onStatus?.('live');
        let ended = null;
        await readSse(response.body, (name, id, data, retryMs) => {
          if (retryMs) retry = retryMs;
          if (name === 'dropped') {
            const d = safeJson(data);
            if (d.resumeAfter !== undefined) info.lastPosition = Number(d.resumeAfter);
            return;
          }
          if (name === 'reauthenticate') {
            info.reauthentications++;
            ended = safeJson(data);
            return;
          }
          if (data !== null) deliver(name, id, data);
        });
        if (ended && ended.lastEventId !== undefined && ended.lastEventId !== null) info.lastPosition = Number(ended.lastEventId);
      } catch (e) {
        if (closed) return;
        failures++;
      }
      if (closed) return;
      handlers.onStatus?.('reconnecting');
      await sleep(failures > 3 ? Math.min(retry * failures, 10000) : retry);
    }
  })();
  return {
    close() {
      closed = true;
      controller.abort();
    },
  };
}

/** Minimal text/event-stream parser (the WHATWG event-stream rules that Lectern's stream uses). */
async function readSse(body, onMessage) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = 'message';
  let id = null;
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length) onMessage(name, id, data.join('\n'));
        name = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let val = colon < 0 ? '' : line.slice(colon + 1);
      if (val.startsWith(' ')) val = val.slice(1);
      if (field === 'event') name = val;
      else if (field === 'data') data.push(val);
      else if (field === 'id') id = val;
      else if (field === 'retry' && /^\d+$/.test(val)) onMessage(null, null, null, Number(val));
    }
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text) || {};
  } catch {
    return {};
  }
}
