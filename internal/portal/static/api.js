// The portal talks to the shop only through the public GraphQL API, like any
// headless storefront would: one POST to /graphql per operation.

const TOKEN_KEY = 'accountgraph.session';

// session keeps the customer's access token in this browser.
export const session = {
  get() {
    try {
      const s = JSON.parse(localStorage.getItem(TOKEN_KEY) || 'null');
      if (!s || new Date(s.expiresAt) <= new Date()) return null;
      return s;
    } catch {
      return null;
    }
  },
  get token() {
    return this.get()?.accessToken ?? null;
  },
  save(t) {
    localStorage.setItem(TOKEN_KEY, JSON.stringify({
      accessToken: t.accessToken, expiresAt: t.expiresAt, setupOnly: !!t.twoFactorSetupRequired,
    }));
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
  },
};

// A sign-in on the shop's hosted sign-in page (/authentication/…) also
// starts a portal session, handed over in a short-lived cookie: take it
// into this browser's storage and drop the cookie.
(() => {
  const m = document.cookie.match(/(?:^|; )ag_portal_session=([^;]+)/);
  if (!m) return;
  document.cookie = 'ag_portal_session=; Max-Age=0; Path=/account/';
  try {
    const t = JSON.parse(atob(m[1].replace(/-/g, '+').replace(/_/g, '/')));
    if (t.accessToken) session.save(t);
  } catch {
    // A malformed cookie is ignored: the customer signs in here instead.
  }
})();

// APIError is a failed request: the network, the server, or a GraphQL error.
export class APIError extends Error {}

// UserErrors carries a mutation's customerUserErrors (or its kin) so forms
// can show each message at its field.
export class UserErrors extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join(' '));
    this.errors = errors;
  }
  has(code) {
    return this.errors.some((e) => e.code === code);
  }
}

// gql runs one operation and returns its data.
export async function gql(query, variables = {}) {
  let res;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new APIError('The shop could not be reached. Check your connection and try again.');
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new APIError(`The shop answered with an error (${res.status}). Please try again.`);
  }
  if (body.errors?.length) {
    const err = new APIError(body.errors.map((e) => e.message).join(' '));
    err.codes = body.errors.map((e) => e.extensions?.code).filter(Boolean);
    throw err;
  }
  return body.data;
}

// mutate runs a mutation whose root field is `field` and returns its payload,
// or throws UserErrors with every *UserErrors entry of the payload (the same
// entry can appear in two lists, e.g. twoFactorUserErrors; it is kept once).
export async function mutate(query, variables, field) {
  const data = await gql(query, variables);
  const payload = data[field];
  if (!payload) throw new APIError('The shop gave no answer. Please try again.');
  const seen = new Set();
  const errors = [];
  for (const [key, list] of Object.entries(payload)) {
    if (!/userErrors$/i.test(key) || !Array.isArray(list)) continue;
    for (const e of list) {
      const id = `${e.code}|${(e.field || []).join('.')}|${e.message}`;
      if (!seen.has(id)) {
        seen.add(id);
        errors.push(e);
      }
    }
  }
  if (errors.length) throw new UserErrors(errors);
  return payload;
}

// ERR is the selection of a mutation's errors.
export const ERR = 'customerUserErrors { code field message }';

// MERCHANDISE is the selection of a line's variant that merchandiseLine shows.
export const MERCHANDISE = 'merchandise { id title availableForSale price { amount currencyCode } image { url altText } product { title featuredImage { url altText } } }';
