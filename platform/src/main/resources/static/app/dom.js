// Tiny DOM helper. User text only ever goes in as text nodes (never innerHTML): chat, questions
// and poll texts are stored exactly as typed (docs/interaction.md "Chat text is stored as given").

/** h('li', {class: 'x', 'data-testid': 'y', onclick: fn}, 'text', childNode, ...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'value') {
      el.value = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A form whose submit hands the named fields to handler; errors are shown in the form. */
export function form(testid, fields, submitLabel, handler) {
  const error = h('div', { class: 'error', 'data-testid': `${testid}-error` });
  const el = h('form', { 'data-testid': testid }, ...fields, h('button', { type: 'submit', 'data-testid': `${testid}-submit` }, submitLabel), error);
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const values = Object.fromEntries(new FormData(el).entries());
    try {
      await handler(values, el);
    } catch (e) {
      error.textContent = describe(e);
    }
  });
  return el;
}

export function describe(e) {
  if (e && e.problem) return `${e.problem.title || e.status}: ${e.problem.detail || ''}`.trim();
  return e && e.message ? e.message : String(e);
}

export function button(label, testid, handler, errorSink) {
  return h('button', {
    type: 'button',
    'data-testid': testid,
    onclick: async (event) => {
      const b = event.currentTarget;
      b.disabled = true;
      try {
        await handler();
      } catch (e) {
        if (errorSink) errorSink.textContent = describe(e);
        else console.error(e);
      } finally {
        b.disabled = false;
      }
    },
  }, label);
}
