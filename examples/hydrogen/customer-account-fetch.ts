// Use with Hydrogen: Hydrogen's customer account client writes
// https://shopify.com in front of its sign-in, token, logout and GraphQL
// URLs. Install this fetch in the storefront's server entry (server.ts),
// before createHydrogenContext, to send those requests to accountgraph.
// The browser is redirected to the same URLs by login() and logout(): the
// storefront's /account/login and /account/logout routes rewrite the
// Location header with toAccountgraph (see README, "Use with Hydrogen").
//
//   import {installAccountgraphFetch, toAccountgraph} from './customer-account-fetch';
//   installAccountgraphFetch(env.ACCOUNTGRAPH_URL);          // e.g. https://accounts.shop.example
//   // app/routes/account_.login.tsx:
//   const res = await context.customerAccount.login();
//   res.headers.set('location', toAccountgraph(res.headers.get('location')!, env.ACCOUNTGRAPH_URL));
//   return res;
//
// tests/hydrogen-client/customer-account.mjs runs Hydrogen's client this way.

const SHOPIFY = 'https://shopify.com/';

/** toAccountgraph moves a Shopify customer account URL to accountgraph. */
export function toAccountgraph(url: string, base: string): string {
  return url.startsWith(SHOPIFY) ? base.replace(/\/$/, '') + '/' + url.slice(SHOPIFY.length) : url;
}

/** installAccountgraphFetch sends the server's requests for shopify.com to accountgraph. */
export function installAccountgraphFetch(base: string): void {
  const fetch = globalThis.fetch;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(SHOPIFY)) return fetch(input, init);
    const moved = toAccountgraph(url, base);
    return input instanceof Request ? fetch(new Request(moved, input), init) : fetch(moved, init);
  };
}
