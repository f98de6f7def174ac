// The account portal: a small single-page app over the public GraphQL API.
// Routes are real paths under /account/, so links from emails
// (/account/reset/<id>/<token>, /account/verify/<token>) open the right page.

import { gql, session } from './api.js';
import { h, toast } from './ui.js';
import * as auth from './pages/auth.js';
import * as overview from './pages/overview.js';
import * as profile from './pages/profile.js';
import * as addresses from './pages/addresses.js';
import * as orders from './pages/orders.js';
import * as payments from './pages/payments.js';
import * as wishlists from './pages/wishlists.js';
import * as savedCarts from './pages/savedcarts.js';
import * as loyalty from './pages/loyalty.js';
import * as preferences from './pages/preferences.js';
import * as security from './pages/security.js';
import * as support from './pages/support.js';
import * as privacy from './pages/privacy.js';

const BASE = '/account';

// Each route: a path pattern under /account/, the page, its title, whether it
// needs a signed-in customer, and its place in the navigation.
const routes = [
  { path: '', page: overview.page, title: 'Overview', nav: 'Overview' },
  { path: 'orders', page: orders.list, title: 'Orders', nav: 'Orders' },
  { path: 'order', page: orders.detail, title: 'Order' },
  { path: 'addresses', page: addresses.page, title: 'Addresses', nav: 'Addresses' },
  { path: 'wishlists', page: wishlists.page, title: 'Wishlists', nav: 'Wishlists' },
  { path: 'saved-carts', page: savedCarts.page, title: 'Saved carts', nav: 'Saved carts' },
  { path: 'payment-methods', page: payments.page, title: 'Payment methods', nav: 'Payment methods' },
  { path: 'loyalty', page: loyalty.page, title: 'Rewards', nav: 'Rewards' },
  { path: 'profile', page: profile.page, title: 'Profile', nav: 'Profile' },
  { path: 'communication', page: preferences.page, title: 'Communication', nav: 'Communication' },
  { path: 'security', page: security.page, title: 'Sign-in & security', nav: 'Security' },
  { path: 'support', page: support.page, title: 'Support', nav: 'Support' },
  { path: 'privacy', page: privacy.page, title: 'Your data', nav: 'Your data' },
  { path: 'login', page: auth.login, title: 'Sign in', public: true },
  { path: 'register', page: auth.register, title: 'Create account', public: true },
  { path: 'recover', page: auth.recover, title: 'Reset password', public: true },
  { path: 'reset/:id/:token', page: auth.reset, title: 'Choose a new password', public: true },
  { path: 'activate/:id/:token', page: auth.activate, title: 'Activate your account', public: true },
  { path: 'verify/:token', page: auth.verify, title: 'Email verification', public: true, any: true },
  { path: 'shared/:token', page: wishlists.shared, title: 'Shared wishlist', public: true, any: true },
];

function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const r of routes) {
    const pat = r.path.split('/').filter(Boolean);
    if (pat.length !== parts.length) continue;
    const params = {};
    if (pat.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i])), true) : p === parts[i]))) {
      return { route: r, params };
    }
  }
  return null;
}

// routePath maps the address bar to a path under /account/. The shop's share
// links (/wishlists/shared/<token>) are served by this app too.
function routePath() {
  const p = location.pathname;
  if (p.startsWith('/wishlists/shared/')) return `shared/${p.slice('/wishlists/shared/'.length)}`;
  return p.startsWith(BASE) ? p.slice(BASE.length).replace(/^\/+|\/+$/g, '') : '';
}

export function go(path, { replace = false } = {}) {
  const url = path.startsWith('/') ? path : `${BASE}/${path}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render(true);
}

let me = null; // the signed-in customer's name, for the header

export async function whoAmI(force = false) {
  if (!session.token) return null;
  if (me && !force) return me;
  const data = await gql('query Me($t: String!) { customer(customerAccessToken: $t) { firstName displayName email } }', { t: session.token });
  me = data.customer;
  return me;
}

export function signedIn(token, next) {
  session.save(token);
  me = null;
  if (token.twoFactorSetupRequired) {
    go('security', { replace: true });
    toast('This shop requires two-step sign-in. Set it up to continue.', 'info');
    return;
  }
  go(next && next.startsWith(`${BASE}/`) && !next.startsWith(`${BASE}/login`) ? next : `${BASE}/`, { replace: true });
}

export async function signOut(message = 'You are signed out.') {
  const token = session.token;
  session.clear();
  me = null;
  if (token) {
    try {
      await gql('mutation Out($t: String!) { customerAccessTokenDelete(customerAccessToken: $t) { deletedAccessToken } }', { t: token });
    } catch { /* the token is forgotten here either way */ }
  }
  go('login', { replace: true });
  toast(message);
}

const main = () => document.getElementById('main');

function navigation(current, customer) {
  const s = session.get();
  const links = routes.filter((r) => r.nav && (!s?.setupOnly || r.path === 'security'));
  const list = h('ul', {}, links.map((r) => h('li', {}, h('a', {
    href: `${BASE}/${r.path}`, 'aria-current': r === current ? 'page' : null,
  }, r.nav))));
  const out = h('button', { type: 'button', class: 'btn btn-quiet signout' }, 'Sign out');
  out.addEventListener('click', () => signOut());
  return [customer ? h('p', { class: 'who' }, 'Signed in as ', h('strong', {}, customer.firstName || customer.displayName)) : null, list, out];
}

let firstRender = true;

async function render(moved = false) {
  const found = match(routePath());
  const el = main();
  const nav = document.getElementById('nav');
  if (!found) {
    el.replaceChildren(h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: `${BASE}/` }, 'Back to your account')));
    return;
  }
  const { route, params } = found;
  const s = session.get();
  if (!route.public && !s) {
    const next = location.pathname + location.search;
    history.replaceState(null, '', `${BASE}/login${next !== `${BASE}/` && next !== BASE ? `?next=${encodeURIComponent(next)}` : ''}`);
    return render(moved);
  }
  if (route.public && !route.any && s && !s.setupOnly) {
    history.replaceState(null, '', `${BASE}/`);
    return render(moved);
  }
  if (s?.setupOnly && !route.public && route.path !== 'security') {
    history.replaceState(null, '', `${BASE}/security`);
    return render(moved);
  }
  document.body.classList.toggle('signed-in', !route.public && !!s);
  document.title = `${route.title} · Your account`;
  el.setAttribute('aria-busy', 'true');
  el.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    const customer = !route.public && !s.setupOnly ? await whoAmI() : null;
    if (!route.public && !s.setupOnly && !customer) {
      session.clear();
      go('login', { replace: true });
      toast('Your session has ended. Please sign in again.', 'info');
      return;
    }
    nav.replaceChildren(...(route.public ? [] : navigation(route, customer)));
    const ctx = { params, query: new URLSearchParams(location.search), token: session.token, customer, refresh: () => render() };
    const node = await route.page(ctx);
    el.replaceChildren(node);
  } catch (err) {
    el.replaceChildren(h('h1', {}, route.title), h('div', { class: 'notice notice-error', role: 'alert' },
      h('p', {}, err.message || 'Something went wrong.'), h('button', { type: 'button', class: 'btn', onclick: () => render() }, 'Try again')));
  } finally {
    el.removeAttribute('aria-busy');
  }
  if (moved || !firstRender) {
    // Move focus to the new page's heading so keyboard and screen reader
    // users start at the top of what changed.
    const h1 = el.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    }
    window.scrollTo(0, 0);
    nav.classList.remove('open');
    document.getElementById('menu')?.setAttribute('aria-expanded', 'false');
  }
  firstRender = false;
}

// Links inside the app change the page without a reload.
document.addEventListener('click', (ev) => {
  const a = ev.target.closest('a[href]');
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !(url.pathname === BASE || url.pathname.startsWith(`${BASE}/`))) return;
  ev.preventDefault();
  history.pushState(null, '', url.pathname + url.search);
  render(true);
});
window.addEventListener('popstate', () => render(true));

document.getElementById('menu')?.addEventListener('click', (ev) => {
  const nav = document.getElementById('nav');
  const open = nav.classList.toggle('open');
  ev.currentTarget.setAttribute('aria-expanded', String(open));
});

// Renew a token that ends within a day, so an active customer stays signed in.
async function renew() {
  const s = session.get();
  if (!s || s.setupOnly || new Date(s.expiresAt) - Date.now() > 24 * 3600 * 1000) return;
  try {
    const data = await gql('mutation Renew($t: String!) { customerAccessTokenRenew(customerAccessToken: $t) { customerAccessToken { accessToken expiresAt } } }', { t: s.accessToken });
    const t = data.customerAccessTokenRenew?.customerAccessToken;
    if (t) session.save(t);
  } catch { /* renewal is best effort */ }
}

renew().finally(() => render());
