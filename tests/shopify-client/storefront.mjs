// A storefront's account pages, written for Shopify with Shopify's own
// client, pointed at accountgraph by changing only the store domain.
// Usage: STORE_DOMAIN=127.0.0.1:8443 node storefront.mjs
import { createStorefrontApiClient } from '@shopify/storefront-api-client';

const client = createStorefrontApiClient({
  storeDomain: process.env.STORE_DOMAIN,
  apiVersion: '2026-04',
  publicAccessToken: 'storefront-public-token',
});

const CUSTOMER_FRAGMENT = `#graphql
  fragment CustomerDetails on Customer {
    id firstName lastName displayName email phone acceptsMarketing
    defaultAddress { id formatted(withName: true) }
    addresses(first: 6) {
      edges { node { id formatted firstName lastName company address1 address2 country countryCodeV2 province provinceCode city zip phone } }
    }
  }`;

const CREATE = `#graphql
  mutation customerCreate($input: CustomerCreateInput!) @inContext(country: CA, language: EN) {
    customerCreate(input: $input) {
      customer { id }
      customerUserErrors { code field message }
    }
  }`;
const LOGIN = `#graphql
  mutation customerAccessTokenCreate($input: CustomerAccessTokenCreateInput!) @inContext(country: CA, language: EN) {
    customerAccessTokenCreate(input: $input) {
      customerUserErrors { code field message }
      customerAccessToken { accessToken expiresAt }
    }
  }`;
const CUSTOMER = `#graphql
  query CustomerDetails($customerAccessToken: String!, $country: CountryCode, $language: LanguageCode)
  @inContext(country: $country, language: $language) {
    customer(customerAccessToken: $customerAccessToken) { ...CustomerDetails }
  }
  ${CUSTOMER_FRAGMENT}`;
const ADDRESS_CREATE = `#graphql
  mutation customerAddressCreate($address: MailingAddressInput!, $customerAccessToken: String!) {
    customerAddressCreate(address: $address, customerAccessToken: $customerAccessToken) {
      customerAddress { id }
      customerUserErrors { code field message }
    }
  }`;
const DEFAULT_ADDRESS = `#graphql
  mutation customerDefaultAddressUpdate($addressId: ID!, $customerAccessToken: String!) {
    customerDefaultAddressUpdate(addressId: $addressId, customerAccessToken: $customerAccessToken) {
      customer { defaultAddress { id } }
      customerUserErrors { code field message }
    }
  }`;
const UPDATE = `#graphql
  mutation customerUpdate($customerAccessToken: String!, $customer: CustomerUpdateInput!) {
    customerUpdate(customerAccessToken: $customerAccessToken, customer: $customer) {
      customer { firstName acceptsMarketing }
      customerAccessToken { accessToken expiresAt }
      customerUserErrors { code field message }
    }
  }`;
const RECOVER = `#graphql
  mutation customerRecover($email: String!) {
    customerRecover(email: $email) { customerUserErrors { code field message } }
  }`;
const LOGOUT = `#graphql
  mutation customerAccessTokenDelete($customerAccessToken: String!) {
    customerAccessTokenDelete(customerAccessToken: $customerAccessToken) { deletedAccessToken deletedCustomerAccessTokenId userErrors { field message } }
  }`;

function check(cond, what, detail) {
  if (!cond) {
    console.error(`FAIL: ${what}: ${JSON.stringify(detail)}`);
    process.exit(1);
  }
}

async function call(doc, variables) {
  const { data, errors } = await client.request(doc, { variables });
  check(!errors, 'no GraphQL errors', errors);
  return data;
}

const email = `shopify.client.${Date.now()}@example.com`;
const password = 'a storefront passphrase';

let d = await call(CREATE, { input: { email, password, firstName: 'Hedy', lastName: 'Lamarr', acceptsMarketing: false } });
check(d.customerCreate.customerUserErrors.length === 0 && d.customerCreate.customer.id, 'customerCreate', d);

d = await call(CREATE, { input: { email, password } });
check(d.customerCreate.customerUserErrors[0]?.code === 'TAKEN', 'duplicate email is TAKEN', d);

d = await call(LOGIN, { input: { email, password: 'wrong password' } });
check(d.customerAccessTokenCreate.customerUserErrors[0]?.code === 'UNIDENTIFIED_CUSTOMER', 'wrong password', d);

d = await call(LOGIN, { input: { email, password } });
const token = d.customerAccessTokenCreate.customerAccessToken?.accessToken;
check(token && !isNaN(Date.parse(d.customerAccessTokenCreate.customerAccessToken.expiresAt)), 'login', d);

const addressIds = [];
for (const address of [
  { firstName: 'Hedy', lastName: 'Lamarr', address1: '1 Hollywood Blvd', city: 'Los Angeles', province: 'California', country: 'United States', zip: '90028' },
  { firstName: 'Hedy', lastName: 'Lamarr', company: 'Inventions', address1: 'Graben 1', city: 'Wien', country: 'Austria', zip: '1010' },
]) {
  d = await call(ADDRESS_CREATE, { customerAccessToken: token, address });
  check(d.customerAddressCreate.customerUserErrors.length === 0, 'customerAddressCreate', d);
  addressIds.push(d.customerAddressCreate.customerAddress.id);
}
d = await call(DEFAULT_ADDRESS, { customerAccessToken: token, addressId: addressIds[1] });
check(d.customerDefaultAddressUpdate.customer.defaultAddress.id === addressIds[1], 'default address', d);

d = await call(UPDATE, { customerAccessToken: token, customer: { firstName: 'Hedwig', acceptsMarketing: true } });
check(d.customerUpdate.customer.firstName === 'Hedwig' && d.customerUpdate.customer.acceptsMarketing, 'customerUpdate', d);

d = await call(CUSTOMER, { customerAccessToken: token, country: 'US', language: 'EN' });
const c = d.customer;
check(c.email === email && c.displayName === 'Hedwig Lamarr', 'customer', c);
check(c.addresses.edges.length === 2 && c.addresses.edges[0].node.countryCodeV2 === 'US' && c.addresses.edges[0].node.provinceCode === 'CA', 'addresses', c.addresses);
check(c.defaultAddress.formatted.join(' | ') === 'Hedy Lamarr | Inventions | Graben 1 | 1010 Wien | Austria', 'formatted', c.defaultAddress);

d = await call(RECOVER, { email });
check(d.customerRecover.customerUserErrors.length === 0, 'customerRecover', d);

d = await call(LOGOUT, { customerAccessToken: token });
check(d.customerAccessTokenDelete.deletedAccessToken === token, 'logout', d);
d = await call(CUSTOMER, { customerAccessToken: token });
check(d.customer === null, 'signed out', d);

console.log(JSON.stringify({ ok: true, email, addresses: addressIds.length, url: client.getApiUrl() }));
