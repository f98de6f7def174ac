// Sign in and read the account with a client typed from schema.graphql.
//   ACCOUNT_EMAIL=… ACCOUNT_PASSWORD=… [ACCOUNTGRAPH_URL=…] npm start
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from './gql/index.js';

const url = process.env.ACCOUNTGRAPH_URL ?? 'http://localhost:8080/graphql';

// The documents: `npm run codegen` turns each into a TypedDocumentNode
// whose result and variables types come from the schema.
const SignIn = graphql(`
  mutation SignIn($input: CustomerAccessTokenCreateInput!) {
    customerAccessTokenCreate(input: $input) {
      customerAccessToken { accessToken expiresAt }
      customerUserErrors { code field message }
    }
  }
`);

const Account = graphql(`
  query Account($token: String!) {
    customer(customerAccessToken: $token) {
      id displayName email numberOfOrders
      orders(first: 5) { nodes { id name processedAt totalPrice { amount currencyCode } } }
    }
  }
`);

// request posts one typed document; the result and the variables are
// checked against the schema at compile time.
async function request<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as { data?: TResult; errors?: { message: string }[] };
  if (!res.ok || body.errors?.length || !body.data) {
    throw new Error(`${url}: HTTP ${res.status}: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

const email = process.env.ACCOUNT_EMAIL ?? '';
const password = process.env.ACCOUNT_PASSWORD ?? '';

const { customerAccessTokenCreate: signIn } = await request(SignIn, { input: { email, password } });
const token = signIn?.customerAccessToken?.accessToken;
if (!token) throw new Error(`sign-in failed: ${JSON.stringify(signIn?.customerUserErrors)}`);

const { customer } = await request(Account, { token });
if (!customer) throw new Error('the access token names no customer');

console.log(JSON.stringify({
  ok: true,
  name: customer.displayName,
  email: customer.email,
  numberOfOrders: customer.numberOfOrders, // UnsignedInt64: a string
  orders: customer.orders.nodes.map((o) => ({
    name: o.name,
    processedAt: o.processedAt, // DateTime: a string
    total: `${o.totalPrice.amount} ${o.totalPrice.currencyCode}`,
  })),
}));
