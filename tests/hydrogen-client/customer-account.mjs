// Hydrogen's own Customer Account API client (createCustomerAccountClient
// of @shopify/hydrogen, pinned in package.json) against accountgraph:
// login on the hosted page, authorize, queries and mutations of the
// skeleton's account pages, a refresh and logout. Hydrogen writes
// https://shopify.com in front of every URL; the fetch below sends those
// requests to SERVER instead, as the README's "Use with Hydrogen" adapter
// does. Prints one JSON line; exits non-zero on the first failure.
import {createCustomerAccountClient} from '@shopify/hydrogen';

const {SERVER, EMAIL, PASSWORD, CLIENT_ID, SHOP_ID} = process.env;
const STOREFRONT = 'https://storefront.test';
const seen = [];

const realFetch = globalThis.fetch;
const toServer = (url) => (url.startsWith('https://shopify.com/') ? SERVER + url.slice('https://shopify.com'.length) : url);
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input.url;
  seen.push(new URL(url).pathname);
  return realFetch(toServer(url), init);
};

// A session as Hydrogen's: get, set, unset, destroy.
const store = new Map();
const session = {
  get: (k) => store.get(k),
  set: (k, v) => store.set(k, v),
  unset: (k) => store.delete(k),
  destroy: async () => '',
  isPending: false,
};
const client = (path) =>
  createCustomerAccountClient({
    session, customerAccountId: CLIENT_ID, shopId: SHOP_ID, request: new Request(STOREFRONT + path),
    waitUntil: () => {}, logErrors: false,
  });
const fail = (what, detail) => {
  console.log(JSON.stringify({ok: false, what, detail: String(detail).slice(0, 2000)}));
  process.exit(1);
};
const check = (cond, what, detail) => cond || fail(what, JSON.stringify(detail));

// The skeleton's account documents (customer-account GraphQL).
const ADDRESS = `fragment Address on CustomerAddress { id formatted firstName lastName company address1 address2 territoryCode zoneCode city zip phoneNumber }`;
const CUSTOMER_DETAILS = `#graphql
  query CustomerDetails($language: LanguageCode) @inContext(language: $language) {
    customer { id firstName lastName defaultAddress { ...Address } addresses(first: 6) { nodes { ...Address } } }
  }
  ${ADDRESS}`;
const CUSTOMER_UPDATE = `#graphql
  mutation customerUpdate($customer: CustomerUpdateInput!, $language: LanguageCode) @inContext(language: $language) {
    customerUpdate(input: $customer) { customer { firstName lastName emailAddress { emailAddress } phoneNumber { phoneNumber } } userErrors { code field message } }
  }`;
const CREATE_ADDRESS = `#graphql
  mutation customerAddressCreate($address: CustomerAddressInput!, $defaultAddress: Boolean, $language: LanguageCode) @inContext(language: $language) {
    customerAddressCreate(address: $address, defaultAddress: $defaultAddress) { customerAddress { id } userErrors { code field message } }
  }`;
const CUSTOMER_ORDERS = `#graphql
  query CustomerOrders($endCursor: String, $first: Int, $last: Int, $startCursor: String, $language: LanguageCode) @inContext(language: $language) {
    customer { orders(sortKey: PROCESSED_AT, reverse: true, first: $first, last: $last, before: $startCursor, after: $endCursor) {
      nodes { id number processedAt financialStatus fulfillmentStatus totalPrice { amount currencyCode } }
      pageInfo { hasPreviousPage hasNextPage endCursor startCursor } } }
  }`;

// Login: Hydrogen redirects to the hosted page; the shopper signs in there.
const login = await client('/account/login').login();
const authorizeURL = login.headers.get('location');
check(authorizeURL?.startsWith(`https://shopify.com/authentication/${SHOP_ID}/oauth/authorize?`), 'login redirect', authorizeURL);
let page = await realFetch(toServer(authorizeURL), {redirect: 'manual'});
const cookie = (page.headers.get('set-cookie') || '').split(';')[0];
const html = await page.text();
check(page.status === 200, 'hosted page', html);
const form = new URLSearchParams();
for (const m of html.matchAll(/<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"/g)) form.set(m[1], m[2].replaceAll('&amp;', '&').replaceAll('&#34;', '"').replaceAll('&#39;', "'"));
form.set('email', EMAIL);
form.set('password', PASSWORD);
page = await realFetch(toServer(authorizeURL.split('?')[0]), {method: 'POST', redirect: 'manual', body: form,
  headers: {'content-type': 'application/x-www-form-urlencoded', cookie}});
const callback = page.headers.get('location');
check(page.status === 303 && callback?.startsWith(`${STOREFRONT}/account/authorize?`), 'sign-in', `${page.status} ${callback} ${await page.text()}`);

// Authorize: Hydrogen exchanges the code (and checks the ID token's nonce
// with atob).
const done = await createCustomerAccountClient({session, customerAccountId: CLIENT_ID, shopId: SHOP_ID,
  request: new Request(callback), waitUntil: () => {}, logErrors: false}).authorize();
check(done.status === 302, 'authorize', done.status);
const account = client('/account');
check(await account.isLoggedIn(), 'logged in', [...store.keys()]);
const firstToken = await account.getAccessToken();

// The account pages.
const updated = await account.mutate(CUSTOMER_UPDATE, {variables: {customer: {firstName: 'Hedy', lastName: 'Lamarr'}, language: 'EN'}});
check(!updated.errors && updated.data.customerUpdate.customer.firstName === 'Hedy', 'customerUpdate', updated);
const address = await account.mutate(CREATE_ADDRESS, {variables: {defaultAddress: true, language: 'EN', address: {
  firstName: 'Hedy', lastName: 'Lamarr', address1: 'Stephansplatz 1', city: 'Wien', zip: '1010', territoryCode: 'AT'}}});
check(!address.errors && address.data.customerAddressCreate.customerAddress?.id, 'customerAddressCreate', address);
const details = await account.query(CUSTOMER_DETAILS, {variables: {language: 'EN'}});
check(!details.errors && details.data.customer.defaultAddress?.city === 'Wien' && details.data.customer.firstName === 'Hedy', 'CustomerDetails', details);
const orders = await account.query(CUSTOMER_ORDERS, {variables: {first: 20, language: 'EN'}});
check(!orders.errors && orders.data.customer.orders.nodes.length >= 1, 'CustomerOrders', orders);

// Refresh: an access token about to expire is renewed before the query.
store.set('customerAccount', {...store.get('customerAccount'), expiresAt: String(Date.now() - 5000)});
const again = await account.query(CUSTOMER_DETAILS, {variables: {language: 'EN'}});
const secondToken = await account.getAccessToken();
check(!again.errors && secondToken && secondToken !== firstToken, 'refresh', {again, changed: secondToken !== firstToken});

// Logout: to the provider with the ID token, back to the storefront; the
// session's token stops working.
const out = await client('/account/logout').logout();
const logoutURL = out.headers.get('location');
check(logoutURL?.startsWith(`https://shopify.com/authentication/${SHOP_ID}/logout?`), 'logout redirect', logoutURL);
page = await realFetch(toServer(logoutURL), {redirect: 'manual'});
check(page.status === 302 && [STOREFRONT, STOREFRONT + '/'].includes(page.headers.get('location')), 'logout', `${page.status} ${page.headers.get('location')}`);
const dead = await realFetch(toServer(`https://shopify.com/${SHOP_ID}/account/customer/api/2026-04/graphql`), {method: 'POST',
  headers: {'content-type': 'application/json', authorization: secondToken}, body: JSON.stringify({query: '{ customer { id } }'})});
check(dead.status === 401, 'token after logout', dead.status);

console.log(JSON.stringify({ok: true, orders: orders.data.customer.orders.nodes.length, paths: [...new Set(seen)]}));
