// Small DOM helpers. Everything the customer or the shop typed is put into the
// page as text nodes, never as HTML.

import { UserErrors } from './api.js';

// h builds an element: h('a', { href: '/x', class: 'btn', onclick: fn }, 'text', child, [more]).
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'style') el.style.cssText = v; // CSSOM, allowed by the page's CSP
    else if (k === 'checked' || k === 'disabled' || k === 'selected') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

// replace swaps an element's children, skipping null/false like h does
// (replaceChildren would print them as "null").
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let uid = 0;
export const nextId = (prefix = 'f') => `${prefix}-${++uid}`;

// money shows a MoneyV2 in the reader's locale. The amount stays a decimal
// string in the API; Intl only formats it.
export function money(m) {
  if (!m) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currencyCode }).format(Number(m.amount));
  } catch {
    return `${m.amount} ${m.currencyCode}`;
  }
}

export function date(iso, opts = { dateStyle: 'medium' }) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(undefined, opts).format(new Date(iso));
}

export const dateTime = (iso) => date(iso, { dateStyle: 'medium', timeStyle: 'short' });

// words turns an enum value into words: PARTIALLY_FULFILLED → Partially fulfilled.
export function words(v) {
  if (!v) return '';
  const s = v.toLowerCase().replaceAll('_', ' ');
  return s[0].toUpperCase() + s.slice(1);
}

export function badge(text, tone = 'neutral') {
  return h('span', { class: `badge badge-${tone}` }, text);
}

// input makes a labelled form control. `name` is also the last segment of the
// API field path, which is how errors find their field.
export function input(label, name, { type = 'text', value = '', hint, required, autocomplete, options, ...rest } = {}) {
  const id = nextId(name);
  let control;
  if (options) {
    control = h('select', { id, name, required, ...rest },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  } else if (type === 'textarea') {
    control = h('textarea', { id, name, required, rows: 5, ...rest });
    control.value = value ?? '';
  } else if (type === 'checkbox') {
    control = h('input', { id, name, type, checked: !!value, ...rest });
    return h('div', { class: 'field field-check' }, control, h('label', { for: id }, label),
      hint && h('p', { class: 'hint', id: `${id}-hint` }, hint));
  } else {
    control = h('input', { id, name, type, value: value ?? '', required, autocomplete, ...rest });
  }
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { for: id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control, hint && h('p', { class: 'hint', id: `${id}-hint` }, hint));
}

// values reads a form's named controls; empty text becomes null.
export function values(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') out[el.name] = el.checked;
    else out[el.name] = el.value.trim() === '' ? null : el.value.trim();
  }
  return out;
}

// form wires submit handling: the button is disabled while the request runs
// (no double submits), errors are shown at their fields and in a summary.
export function form(props, children, onSubmit, submitLabel = 'Save') {
  const button = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel);
  const el = h('form', { novalidate: true, ...props }, h('div', { class: 'form-errors', role: 'alert', tabindex: '-1', hidden: true }),
    children, h('div', { class: 'actions' }, button));
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(el);
    button.disabled = true;
    el.setAttribute('aria-busy', 'true');
    try {
      await onSubmit(values(el), el);
    } catch (err) {
      showErrors(el, err);
    } finally {
      button.disabled = false;
      el.removeAttribute('aria-busy');
    }
  });
  return el;
}

export function clearErrors(formEl) {
  for (const p of formEl.querySelectorAll('.error')) p.remove();
  for (const c of formEl.querySelectorAll('[aria-invalid]')) {
    c.removeAttribute('aria-invalid');
    const ids = (c.getAttribute('aria-describedby') || '').split(' ').filter((i) => !i.endsWith('-error'));
    if (ids.length) c.setAttribute('aria-describedby', ids.join(' '));
    else c.removeAttribute('aria-describedby');
  }
  const box = formEl.querySelector('.form-errors');
  if (box) {
    box.hidden = true;
    box.replaceChildren();
  }
}

// showErrors puts each API error under the control its `field` path names
// (["input", "email"] → the control named email) and lists them all at the top.
export function showErrors(formEl, err) {
  const list = err instanceof UserErrors ? err.errors : [{ message: err.message || 'Something went wrong. Please try again.' }];
  const box = formEl.querySelector('.form-errors');
  for (const e of list) {
    const name = e.field?.length ? e.field[e.field.length - 1] : null;
    const control = name && formEl.querySelector(`[name="${CSS.escape(name)}"]`);
    if (control) {
      const id = `${control.id}-error`;
      if (!document.getElementById(id)) {
        control.closest('.field')?.append(h('p', { class: 'error', id }, e.message));
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') || ''} ${id}`.trim());
      }
    }
  }
  if (box) {
    box.replaceChildren(h('p', {}, list.length > 1 ? 'Please fix these:' : 'Please fix this:'),
      h('ul', {}, list.map((e) => h('li', {}, e.message))));
    box.hidden = false;
    box.focus();
  }
}

// toast announces the outcome of an action to everyone, screen readers included.
export function toast(message, tone = 'ok') {
  const t = document.getElementById('toast');
  t.className = `toast toast-${tone} show`;
  t.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('show'), 5000);
}

// action runs a button's work with the button disabled, reporting failures.
export async function action(button, work) {
  button.disabled = true;
  try {
    await work();
  } catch (err) {
    toast(err.message || 'Something went wrong.', 'error');
  } finally {
    if (button.isConnected) button.disabled = false;
  }
}

// actionButton is a button whose click runs work through action.
export function actionButton(label, cls, work, props = {}) {
  const button = h('button', { type: 'button', class: cls, ...props }, label);
  button.addEventListener('click', () => action(button, work));
  return button;
}

// confirmButton asks for a second click instead of a modal dialog.
export function confirmButton(label, question, onConfirm, cls = 'btn btn-danger-quiet') {
  const wrap = h('span', { class: 'confirm' });
  const start = h('button', { type: 'button', class: cls }, label);
  start.addEventListener('click', () => {
    const yes = actionButton(`Yes, ${label.toLowerCase()}`, 'btn btn-danger', onConfirm);
    const no = h('button', { type: 'button', class: 'btn btn-quiet' }, 'Cancel');
    no.addEventListener('click', () => { wrap.replaceChildren(start); start.focus(); });
    wrap.replaceChildren(h('span', { class: 'confirm-q' }, question), yes, no);
    yes.focus();
  });
  wrap.append(start);
  return wrap;
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, children);
}

export function empty(text, ...extra) {
  return h('div', { class: 'empty' }, h('p', {}, text), extra);
}

// picture shows a product image, or the product's initials when it has none
// or it cannot be loaded.
export function picture(image, title, size = 64) {
  const fallback = () => h('span', { class: 'thumb thumb-empty', style: `width:${size}px;height:${size}px`, 'aria-hidden': 'true' },
    (title || '?').split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase());
  if (!image?.url) return fallback();
  const img = h('img', { class: 'thumb', src: image.url, alt: image.altText || '', width: size, height: size, loading: 'lazy' });
  img.addEventListener('error', () => img.replaceWith(fallback()));
  return img;
}

// merchandiseLine shows a line of a wishlist or saved cart: the variant's
// picture, product and variant titles, the caller's details under them and
// its aside (price or actions) at the end.
export function merchandiseLine(m, size, details, aside) {
  return h('li', { class: 'line-card' },
    picture(m.image || m.product.featuredImage, m.product.title, size),
    h('div', { class: 'line-text' }, h('strong', {}, m.product.title),
      m.title !== 'Default Title' ? h('span', { class: 'muted' }, m.title) : null, details),
    aside);
}

// outOfStock is the badge a line gets when its variant cannot be bought.
export const outOfStock = (m) => (m.availableForSale ? null : [' ', badge('Out of stock', 'warn')]);
