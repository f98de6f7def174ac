// Saved addresses: add, edit, make default, delete.

import { ERR, gql, mutate } from '../api.js';
import { actionButton, confirmButton, empty, form, h, input, replace, toast } from '../ui.js';

const FIELDS = 'id firstName lastName company address1 address2 city province zip country phone formatted(withName: true)';

function addressForm(a, onSave, label) {
  return form({ class: 'address-form', 'aria-label': label }, [
    h('div', { class: 'row' }, input('First name', 'firstName', { value: a?.firstName, autocomplete: 'given-name' }),
      input('Last name', 'lastName', { value: a?.lastName, autocomplete: 'family-name' })),
    input('Company', 'company', { value: a?.company, autocomplete: 'organization' }),
    input('Address', 'address1', { value: a?.address1, autocomplete: 'address-line1', required: true }),
    input('Apartment, suite, etc.', 'address2', { value: a?.address2, autocomplete: 'address-line2' }),
    h('div', { class: 'row' }, input('City', 'city', { value: a?.city, autocomplete: 'address-level2', required: true }),
      input('Province or state', 'province', { value: a?.province, autocomplete: 'address-level1' })),
    h('div', { class: 'row' }, input('Postal code', 'zip', { value: a?.zip, autocomplete: 'postal-code' }),
      input('Country', 'country', { value: a?.country, autocomplete: 'country-name', required: true })),
    input('Phone', 'phone', { type: 'tel', value: a?.phone, autocomplete: 'tel', hint: 'For delivery questions, e.g. +16135550123.' }),
  ], onSave, label);
}

export async function page(ctx) {
  const { customer: c } = await gql(`query Addresses($t: String!) { customer(customerAccessToken: $t) {
    defaultAddress { id } addresses(first: 50) { nodes { ${FIELDS} } } } }`, { t: ctx.token });
  const defaultId = c.defaultAddress?.id;
  const addButton = h('button', { type: 'button', class: 'btn btn-primary', 'aria-expanded': 'false' }, 'Add an address');
  const addSlot = h('div');
  addButton.addEventListener('click', () => {
    addButton.setAttribute('aria-expanded', 'true');
    addButton.hidden = true;
    const f = addressForm(null, async (v) => {
      await mutate(`mutation AddAddress($t: String!, $a: MailingAddressInput!) { customerAddressCreate(customerAccessToken: $t, address: $a) {
        customerAddress { id } ${ERR} } }`, { t: ctx.token, a: v }, 'customerAddressCreate');
      toast('Address added.');
      ctx.refresh();
    }, 'Save address');
    addSlot.replaceChildren(h('section', { class: 'card' }, h('h2', {}, 'New address'), f));
    f.querySelector('input').focus();
  });

  const cards = c.addresses.nodes.map((a) => {
    const item = h('li', { class: 'card address' });
    const show = () => {
      const edit = h('button', { type: 'button', class: 'btn btn-quiet' }, 'Edit');
      edit.setAttribute('aria-label', `Edit ${a.address1}`);
      edit.addEventListener('click', () => {
        const f = addressForm(a, async (v) => {
          await mutate(`mutation EditAddress($t: String!, $id: ID!, $a: MailingAddressInput!) { customerAddressUpdate(customerAccessToken: $t, id: $id, address: $a) {
            customerAddress { id } ${ERR} } }`, { t: ctx.token, id: a.id, a: v }, 'customerAddressUpdate');
          toast('Address saved.');
          ctx.refresh();
        }, 'Save address');
        const cancel = h('button', { type: 'button', class: 'btn btn-quiet' }, 'Cancel');
        cancel.addEventListener('click', show);
        f.querySelector('.actions').append(cancel);
        item.replaceChildren(h('h2', { class: 'sr-only' }, `Edit ${a.address1}`), f);
        f.querySelector('input').focus();
      });
      const makeDefault = a.id === defaultId ? null : actionButton('Make default', 'btn btn-quiet', async () => {
        await mutate(`mutation DefaultAddress($t: String!, $id: ID!) { customerDefaultAddressUpdate(customerAccessToken: $t, addressId: $id) {
          customer { id } ${ERR} } }`, { t: ctx.token, id: a.id }, 'customerDefaultAddressUpdate');
        toast('Default address changed.');
        ctx.refresh();
      });
      replace(item,
        a.id === defaultId ? h('span', { class: 'badge badge-ok' }, 'Default') : null,
        h('address', {}, a.formatted.map((l) => h('span', { class: 'line' }, l))),
        h('div', { class: 'actions' }, edit, makeDefault, confirmButton('Delete', 'Delete this address?', async () => {
          await mutate(`mutation DeleteAddress($t: String!, $id: ID!) { customerAddressDelete(customerAccessToken: $t, id: $id) {
            deletedCustomerAddressId ${ERR} } }`, { t: ctx.token, id: a.id }, 'customerAddressDelete');
          toast('Address deleted.');
          ctx.refresh();
        })));
    };
    show();
    return item;
  });
  return h('div', {},
    h('h1', {}, 'Addresses'),
    h('div', { class: 'actions' }, addButton), addSlot,
    cards.length ? h('ul', { class: 'address-grid' }, cards) : empty('No saved addresses yet.'));
}
