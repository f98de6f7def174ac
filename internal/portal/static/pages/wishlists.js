// Wishlists: share a list, move items to the cart; and a shared list's page.

import { APIError, ERR, gql, MERCHANDISE, mutate } from '../api.js';
import { action, actionButton, badge, confirmButton, date, empty, form, h, input, merchandiseLine, money, outOfStock, toast } from '../ui.js';

// Lines shown per list: a page of 20 lists stays well within the API's
// query limits (QUERY_MAX_VALUES).
const PAGE = 50;

const LINE = `id quantity note addedAt priceDropped priceWhenAdded { amount currencyCode } ${MERCHANDISE}`;

// cartId returns the customer's open cart, or makes one for them.
async function cartId(token) {
  const { customer } = await gql('query Cart($t: String!) { customer(customerAccessToken: $t) { cart { id } } }', { t: token });
  if (customer.cart) return customer.cart.id;
  const p = await mutate(`mutation NewCart($t: String!) { cartCreate(input: { buyerIdentity: { customerAccessToken: $t } }) {
    cart { id } userErrors { code field message } } }`, { t: token }, 'cartCreate');
  if (!p.cart) throw new APIError('No cart could be made.');
  return p.cart.id;
}

function lineView(l, ...actions) {
  const m = l.merchandise;
  return merchandiseLine(m, 72, [
    h('span', {}, money(m.price), l.priceDropped ? [' ', badge(`Was ${money(l.priceWhenAdded)}`, 'ok')] : null, outOfStock(m)),
    l.note ? h('span', { class: 'muted' }, `“${l.note}”`) : null,
    l.addedAt ? h('span', { class: 'muted small' }, `Added ${date(l.addedAt)}`) : null,
  ], actions.length ? h('div', { class: 'actions' }, actions) : null);
}

export async function page(ctx) {
  const { customer: c } = await gql(`query Wishlists($t: String!) { customer(customerAccessToken: $t) {
    wishlists(first: 20) { nodes { id name isDefault shareUrl showOwnerName lines(first: ${PAGE}) { pageInfo { hasNextPage } nodes { ${LINE} } } } } } }`, { t: ctx.token });
  const lists = c.wishlists.nodes.map((w) => {
    const shareSlot = h('div', { class: 'share' });
    const showShare = (url) => {
      if (!url) {
        const share = actionButton('Share', 'btn', async () => {
          const p = await mutate(`mutation Share($t: String!, $id: ID!) { wishlistShare(customerAccessToken: $t, wishlistId: $id) {
            wishlist { shareUrl } ${ERR} } }`, { t: ctx.token, id: w.id }, 'wishlistShare');
          showShare(p.wishlist.shareUrl);
          toast('Anyone with the link can see this list.');
          shareSlot.querySelector('input').select();
        }, { 'aria-label': `Share ${w.name}` });
        shareSlot.replaceChildren(share);
        return;
      }
      const link = h('input', { type: 'text', readonly: true, value: url, class: 'share-url', 'aria-label': `Share link for ${w.name}` });
      const copy = h('button', { type: 'button', class: 'btn' }, 'Copy link');
      copy.addEventListener('click', async () => {
        link.select();
        try {
          await navigator.clipboard.writeText(url);
          toast('Link copied.');
        } catch {
          toast('Select the link and copy it.', 'info');
        }
      });
      const stop = actionButton('Stop sharing', 'btn btn-quiet', async () => {
        await mutate(`mutation Unshare($t: String!, $id: ID!) { wishlistUnshare(customerAccessToken: $t, wishlistId: $id) { wishlist { id } ${ERR} } }`,
          { t: ctx.token, id: w.id }, 'wishlistUnshare');
        showShare(null);
        toast('The link no longer works.');
      });
      const named = input('Show my first name on the shared page', 'showOwnerName', { type: 'checkbox', value: w.showOwnerName });
      named.querySelector('input').addEventListener('change', (ev) => action(ev.target, async () => {
        const on = ev.target.checked;
        try {
          await mutate(`mutation ShowName($t: String!, $id: ID!, $on: Boolean!) { wishlistUpdate(customerAccessToken: $t, wishlistId: $id, showOwnerName: $on) {
            wishlist { showOwnerName } ${ERR} } }`, { t: ctx.token, id: w.id, on }, 'wishlistUpdate');
        } catch (err) {
          ev.target.checked = !on;
          throw err;
        }
        w.showOwnerName = on;
        toast(on ? 'The shared page shows your first name.' : 'The shared page no longer shows your name.');
      }));
      shareSlot.replaceChildren(link, copy, stop, h('a', { class: 'btn btn-quiet', href: url, target: '_blank', rel: 'noopener' }, 'Open'), named);
    };
    showShare(w.shareUrl);
    const lines = w.lines.nodes.map((l) => {
      const move = actionButton('Move to cart', 'btn btn-primary', async () => {
        const p = await mutate(`mutation Move($t: String!, $id: ID!, $lines: [ID!]!, $cart: ID!) {
          wishlistLinesMoveToCart(customerAccessToken: $t, wishlistId: $id, lineIds: $lines, cartId: $cart) {
            cart { totalQuantity checkoutUrl } ${ERR} } }`, { t: ctx.token, id: w.id, lines: [l.id], cart: await cartId(ctx.token) }, 'wishlistLinesMoveToCart');
        toast(`Moved to your cart (${p.cart.totalQuantity} items).`);
        ctx.refresh();
      }, { 'aria-label': `Move to cart: ${l.merchandise.product.title}`, disabled: !l.merchandise.availableForSale });
      const remove = confirmButton('Remove', 'Remove from the list?', async () => {
        await mutate(`mutation Remove($t: String!, $id: ID!, $lines: [ID!]!) { wishlistLinesRemove(customerAccessToken: $t, wishlistId: $id, lineIds: $lines) {
          wishlist { id } ${ERR} } }`, { t: ctx.token, id: w.id, lines: [l.id] }, 'wishlistLinesRemove');
        toast('Removed.');
        ctx.refresh();
      });
      return lineView(l, move, remove);
    });
    return h('section', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, w.name), w.isDefault ? badge('Default') : null, shareSlot),
      lines.length ? h('ul', { class: 'lines' }, lines) : h('p', { class: 'muted' }, 'Nothing saved here yet.'),
      w.lines.pageInfo.hasNextPage ? h('p', { class: 'muted small' }, `Showing the first ${PAGE} items.`) : null,
      w.isDefault ? null : h('div', { class: 'actions' }, confirmButton('Delete list', `Delete ${w.name}?`, async () => {
        await mutate(`mutation DeleteList($t: String!, $id: ID!) { wishlistDelete(customerAccessToken: $t, wishlistId: $id) { deletedWishlistId ${ERR} } }`,
          { t: ctx.token, id: w.id }, 'wishlistDelete');
        toast('List deleted.');
        ctx.refresh();
      })));
  });
  const create = form({ class: 'inline-form', 'aria-label': 'New wishlist' }, [input('New list name', 'name', { required: true })], async (v) => {
    await mutate(`mutation NewList($t: String!, $name: String!) { wishlistCreate(customerAccessToken: $t, name: $name) { wishlist { id } ${ERR} } }`,
      { t: ctx.token, name: v.name ?? '' }, 'wishlistCreate');
    toast('List created.');
    ctx.refresh();
  }, 'Create list');
  return h('div', {}, h('h1', {}, 'Wishlists'), lists.length ? lists : empty('You have no wishlists yet.'), h('section', { class: 'card' }, h('h2', {}, 'New list'), create));
}

export async function shared(ctx) {
  const { sharedWishlist: w } = await gql(`query Shared($token: String!) { sharedWishlist(shareToken: $token) {
    name ownerFirstName lines(first: 100) { nodes { ${LINE} } } } }`, { token: ctx.params.token });
  if (!w) return h('div', { class: 'auth' }, h('h1', {}, 'Wishlist not found'), h('p', {}, 'This link is no longer shared.'));
  return h('div', { class: 'shared' },
    h('h1', {}, w.ownerFirstName ? `${w.ownerFirstName}’s ${w.name}` : w.name),
    w.lines.nodes.length ? h('ul', { class: 'lines' }, w.lines.nodes.map((l) => lineView({ ...l, addedAt: null }))) : empty('This list is empty.'),
    h('p', {}, h('a', { href: '/account/' }, 'Your account')));
}
