// The account's front page: the latest order, rewards, where orders go.

import { gql } from '../api.js';
import { badge, card, date, h, money, words } from '../ui.js';
import { orderHref, orderTone } from './orders.js';

export async function page(ctx) {
  const { customer: c } = await gql(`query Overview($t: String!) { customer(customerAccessToken: $t) {
    firstName displayName email emailVerified pendingEmail numberOfOrders
    defaultAddress { formatted(withName: true) }
    orders(first: 3, sortKey: PROCESSED_AT, reverse: true) { nodes { id name processedAt fulfillmentStatus financialStatus canceledAt totalPrice { amount currencyCode } } }
    loyalty { pointsBalance tier { name } nextTier { name } pointsToNextTier }
    wishlists(first: 10) { nodes { id lines(first: 1) { pageInfo { hasNextPage } nodes { id } } } }
    savedCarts(first: 10) { nodes { id } }
  } }`, { t: ctx.token });
  const wishCount = c.wishlists.nodes.reduce((n, w) => n + w.lines.nodes.length, 0);
  return h('div', {},
    h('h1', {}, `Hello, ${c.firstName || c.displayName}`),
    !c.emailVerified ? h('div', { class: 'notice', role: 'note' }, h('p', {}, `Please confirm ${c.pendingEmail || c.email}: follow the link we emailed you.`)) : null,
    h('div', { class: 'stats' },
      stat('Orders', String(c.numberOfOrders), '/account/orders'),
      c.loyalty ? stat('Points', String(c.loyalty.pointsBalance), '/account/loyalty', pointsNote(c.loyalty)) : null,
      stat('Wishlists', String(c.wishlists.nodes.length), '/account/wishlists', wishCount ? 'with saved items' : null),
      stat('Saved carts', String(c.savedCarts.nodes.length), '/account/saved-carts')),
    h('div', { class: 'grid-2' },
      card('Recent orders', c.orders.nodes.length
        ? h('ul', { class: 'list' }, c.orders.nodes.map((o) => h('li', { class: 'list-row' },
          h('a', { href: orderHref(o) }, o.name), h('span', { class: 'muted' }, date(o.processedAt)),
          badge(o.canceledAt ? 'Cancelled' : words(o.fulfillmentStatus), orderTone(o)), h('span', { class: 'num' }, money(o.totalPrice)))))
        : h('p', {}, 'No orders yet.'), h('p', {}, h('a', { href: '/account/orders' }, 'All orders →'))),
      card('Default address', c.defaultAddress
        ? h('address', {}, c.defaultAddress.formatted.map((l) => h('span', { class: 'line' }, l)))
        : h('p', {}, 'No address saved yet.'), h('p', {}, h('a', { href: '/account/addresses' }, 'Manage addresses →')))));
}

// pointsNote names the tier and, when there is one, how far the next is.
function pointsNote(l) {
  const tier = l.tier ? `${l.tier.name} tier` : null;
  const next = l.nextTier ? `${l.pointsToNextTier} to ${l.nextTier.name}` : null;
  return [tier, next].filter(Boolean).join(' · ') || null;
}

function stat(label, value, href, note) {
  return h('a', { class: 'stat', href }, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, label),
    note ? h('span', { class: 'stat-note' }, note) : null);
}
