// Saved carts and items saved for later.

import { ERR, gql, MERCHANDISE, mutate } from '../api.js';
import { actionButton, confirmButton, date, empty, h, merchandiseLine, money, outOfStock, toast } from '../ui.js';

const LINE = `id quantity ${MERCHANDISE}`;

// Lines shown per saved cart (restoring brings back all of them): a page of
// 20 carts stays well within the API's query limits (QUERY_MAX_VALUES).
const PAGE = 50;

export async function page(ctx) {
  const { customer: c } = await gql(`query SavedCarts($t: String!) { customer(customerAccessToken: $t) {
    savedCarts(first: 20, reverse: true) { nodes { id name createdAt updatedAt lines(first: ${PAGE}) { pageInfo { hasNextPage } nodes { ${LINE} priceWhenSaved { amount currencyCode } } } } }
    savedForLater(first: 50) { nodes { ${LINE} priceWhenSaved { amount currencyCode } } } } }`, { t: ctx.token });

  const line = (l) => merchandiseLine(l.merchandise, 56, h('span', { class: 'muted' }, `Quantity ${l.quantity}`),
    h('span', { class: 'num' }, money(l.merchandise.price),
      l.merchandise.price.amount !== l.priceWhenSaved.amount ? h('span', { class: 'muted small' }, ` (was ${money(l.priceWhenSaved)})`) : null,
      outOfStock(l.merchandise)));

  const carts = c.savedCarts.nodes.map((s) => {
    const restore = actionButton('Restore to cart', 'btn btn-primary', async () => {
      const p = await mutate(`mutation Restore($t: String!, $id: ID!) { savedCartRestore(customerAccessToken: $t, savedCartId: $id) {
        cart { totalQuantity checkoutUrl } warnings { code message } ${ERR} } }`, { t: ctx.token, id: s.id }, 'savedCartRestore');
      toast(`Your cart has ${p.cart.totalQuantity} items.${p.warnings.length ? ` ${p.warnings.map((w) => w.message).join(' ')}` : ''}`,
        p.warnings.length ? 'info' : 'ok');
    }, { 'aria-label': `Restore to cart: ${s.name}` });
    const rename = h('button', { type: 'button', class: 'btn btn-quiet' }, 'Rename');
    rename.addEventListener('click', () => {
      const field = h('input', { type: 'text', value: s.name, 'aria-label': 'Cart name', class: 'inline-input' });
      const save = actionButton('Save name', 'btn', async () => {
        await mutate(`mutation Rename($t: String!, $id: ID!, $name: String!) { savedCartRename(customerAccessToken: $t, savedCartId: $id, name: $name) {
          savedCart { id } ${ERR} } }`, { t: ctx.token, id: s.id, name: field.value }, 'savedCartRename');
        toast('Renamed.');
        ctx.refresh();
      });
      rename.replaceWith(field, save);
      field.focus();
    });
    return h('section', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, s.name), h('span', { class: 'muted' }, `Saved ${date(s.createdAt)}`)),
      h('ul', { class: 'lines' }, s.lines.nodes.map(line)),
      s.lines.pageInfo.hasNextPage ? h('p', { class: 'muted small' }, `Showing the first ${PAGE} items; restoring brings back all of them.`) : null,
      h('div', { class: 'actions' }, restore, rename, confirmButton('Delete', `Delete ${s.name}?`, async () => {
        await mutate(`mutation DeleteSaved($t: String!, $id: ID!) { savedCartDelete(customerAccessToken: $t, savedCartId: $id) { deletedSavedCartId ${ERR} } }`,
          { t: ctx.token, id: s.id }, 'savedCartDelete');
        toast('Saved cart deleted.');
        ctx.refresh();
      })));
  });
  return h('div', {}, h('h1', {}, 'Saved carts'),
    carts.length ? carts : empty('No saved carts. Save a cart from the shop to come back to it later.'),
    c.savedForLater.nodes.length ? h('section', { class: 'card' }, h('h2', {}, 'Saved for later'), h('ul', { class: 'lines' }, c.savedForLater.nodes.map(line))) : null);
}
