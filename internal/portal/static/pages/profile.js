// The customer's own details.

import { ERR, gql, mutate } from '../api.js';
import { card, form, h, input, toast } from '../ui.js';

export async function page(ctx) {
  const { customer: c } = await gql(`query Profile($t: String!) { customer(customerAccessToken: $t) {
    firstName lastName email pendingEmail emailVerified phone birthday acceptsMarketing createdAt } }`, { t: ctx.token });
  const details = form({ 'aria-label': 'Your details' }, [
    h('div', { class: 'row' }, input('First name', 'firstName', { value: c.firstName, autocomplete: 'given-name' }),
      input('Last name', 'lastName', { value: c.lastName, autocomplete: 'family-name' })),
    input('Email', 'email', { type: 'email', value: c.email, autocomplete: 'email', required: true,
      hint: c.pendingEmail ? `Waiting for you to confirm ${c.pendingEmail}.` : 'A new address changes once you follow the link we email to it.' }),
    input('Phone', 'phone', { type: 'tel', value: c.phone, autocomplete: 'tel', hint: 'International format, e.g. +16135550123.' }),
    input('Birthday', 'birthday', { type: 'date', value: c.birthday, autocomplete: 'bday', hint: 'We may send you a treat.' }),
    input('Email me news and offers', 'acceptsMarketing', { type: 'checkbox', value: c.acceptsMarketing }),
  ], async (v) => {
    const change = {};
    for (const k of ['firstName', 'lastName', 'phone', 'birthday']) if ((v[k] ?? null) !== (c[k] ?? null)) change[k] = v[k];
    if (v.email && v.email !== c.email) change.email = v.email;
    if (v.acceptsMarketing !== c.acceptsMarketing) change.acceptsMarketing = v.acceptsMarketing;
    await mutate(`mutation Profile($t: String!, $c: CustomerUpdateInput!) { customerUpdate(customerAccessToken: $t, customer: $c) {
      customer { id } ${ERR} } }`, { t: ctx.token, c: change }, 'customerUpdate');
    toast(change.email ? `Saved. Follow the link we sent to ${change.email} to confirm it.` : 'Your details are saved.');
    ctx.refresh();
  }, 'Save details');
  return h('div', {}, h('h1', {}, 'Profile'), card('Your details', details));
}
