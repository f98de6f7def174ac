// Order history with filters, and one order with its shipments' timeline.

import { gql, mutate, ERR } from '../api.js';
import { actionButton, badge, card, date, dateTime, empty, form, h, input, money, picture, toast, words } from '../ui.js';
import { go } from '../app.js';

export const orderHref = (o) => `/account/order?id=${encodeURIComponent(o.id)}`;

export function orderTone(o) {
  if (o.canceledAt) return 'danger';
  if (o.fulfillmentStatus === 'FULFILLED') return 'ok';
  if (['IN_PROGRESS', 'PARTIALLY_FULFILLED'].includes(o.fulfillmentStatus)) return 'info';
  return 'neutral';
}

const SORTS = [
  ['newest', 'Newest first', 'PROCESSED_AT', true],
  ['oldest', 'Oldest first', 'PROCESSED_AT', false],
  ['total-desc', 'Highest total', 'TOTAL_PRICE', true],
  ['total-asc', 'Lowest total', 'TOTAL_PRICE', false],
];

// searchQuery builds Shopify's search syntax from the filter form.
function searchQuery(q) {
  const parts = [];
  if (q.get('status')) parts.push(`status:${q.get('status')}`);
  if (q.get('financial')) parts.push(`financial_status:${q.get('financial')}`);
  if (q.get('from')) parts.push(`processed_at:>=${q.get('from')}`);
  if (q.get('to')) {
    const end = new Date(`${q.get('to')}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    parts.push(`processed_at:<${end.toISOString().slice(0, 10)}`);
  }
  const text = (q.get('q') || '').replace(/[:()"]/g, ' ').trim();
  if (text) parts.push(text);
  return parts.join(' ');
}

export async function list(ctx) {
  const q = ctx.query;
  const sort = SORTS.find((s) => s[0] === q.get('sort')) || SORTS[0];
  const page = q.get('before') ? { last: 10, before: q.get('before') } : { first: 10, after: q.get('after') };
  const { customer: c } = await gql(`query Orders($t: String!, $first: Int, $after: String, $last: Int, $before: String, $sort: OrderSortKeys, $reverse: Boolean, $query: String) {
    customer(customerAccessToken: $t) { orders(first: $first, after: $after, last: $last, before: $before, sortKey: $sort, reverse: $reverse, query: $query) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id name processedAt financialStatus fulfillmentStatus canceledAt totalPrice { amount currencyCode }
        lineItems(first: 3) { nodes { title quantity variant { image { url altText } } } } } } } }`,
  { t: ctx.token, ...page, sort: sort[2], reverse: sort[3], query: searchQuery(q) || null });

  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter orders' },
    input('Search', 'q', { type: 'search', value: q.get('q') || '', placeholder: 'Order number or product' }),
    input('Status', 'status', { value: q.get('status') || '', options: [['', 'Any'], ['open', 'Open'], ['closed', 'Closed'], ['cancelled', 'Cancelled']] }),
    input('Payment', 'financial', { value: q.get('financial') || '', options: [['', 'Any'], ['paid', 'Paid'], ['pending', 'Pending'], ['refunded', 'Refunded'], ['partially_refunded', 'Partially refunded']] }),
    input('From', 'from', { type: 'date', value: q.get('from') || '' }),
    input('To', 'to', { type: 'date', value: q.get('to') || '' }),
    input('Sort', 'sort', { value: sort[0], options: SORTS.map((s) => [s[0], s[1]]) }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Apply'),
      h('a', { class: 'btn btn-quiet', href: '/account/orders' }, 'Clear')));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const el of filters.elements) if (el.name && el.value) p.set(el.name, el.value);
    go(`orders${p.size ? `?${p}` : ''}`);
  });

  const orders = c.orders.nodes;
  const pageLink = (key, cursor) => {
    const p = new URLSearchParams(q);
    p.delete('after');
    p.delete('before');
    p.set(key, cursor);
    return `/account/orders?${p}`;
  };
  const info = c.orders.pageInfo;
  return h('div', {},
    h('h1', {}, 'Orders'),
    filters,
    h('p', { class: 'muted', role: 'status' }, `${c.orders.totalCount} ${c.orders.totalCount === 1 ? 'order' : 'orders'}`),
    orders.length ? h('ul', { class: 'orders' }, orders.map((o) => h('li', { class: 'order-card' },
      h('div', { class: 'order-head' },
        h('h2', {}, h('a', { href: orderHref(o) }, `Order ${o.name}`)),
        badge(o.canceledAt ? 'Cancelled' : words(o.fulfillmentStatus), orderTone(o)),
        o.financialStatus ? badge(words(o.financialStatus)) : null),
      h('p', { class: 'muted' }, `Placed ${date(o.processedAt)} · ${money(o.totalPrice)}`),
      h('div', { class: 'thumbs' }, o.lineItems.nodes.map((l) => h('span', { class: 'thumb-wrap', title: `${l.quantity} × ${l.title}` },
        picture(l.variant?.image, l.title, 48), h('span', { class: 'sr-only' }, `${l.quantity} × ${l.title}`)))))))
      : empty(q.size ? 'No orders match these filters.' : 'You have not placed an order yet.'),
    info.hasNextPage || info.hasPreviousPage ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
      info.hasPreviousPage ? h('a', { class: 'btn btn-quiet', href: pageLink('before', info.startCursor) }, '← Previous') : h('span'),
      info.hasNextPage ? h('a', { class: 'btn btn-quiet', href: pageLink('after', info.endCursor) }, 'Next →') : h('span')) : null);
}

const EVENT_LABELS = {
  LABEL_PRINTED: 'Label printed', LABEL_PURCHASED: 'Label purchased', CONFIRMED: 'Confirmed', READY_FOR_PICKUP: 'Ready for pickup',
  IN_TRANSIT: 'In transit', OUT_FOR_DELIVERY: 'Out for delivery', ATTEMPTED_DELIVERY: 'Delivery attempted', DELAYED: 'Delayed',
  DELIVERED: 'Delivered', FAILURE: 'Delivery failed', PICKED_UP: 'Picked up', CARRIER_PICKED_UP: 'Picked up by the carrier',
};

export async function detail(ctx) {
  const id = ctx.query.get('id');
  if (!id) return empty('No order chosen.', h('a', { href: '/account/orders' }, 'Back to orders'));
  const { node: o } = await gql(`query Order($id: ID!) { node(id: $id) { ... on Order {
    id name processedAt financialStatus fulfillmentStatus canceledAt cancelReason statusUrl
    subtotalPrice { amount currencyCode } totalShippingPrice { amount currencyCode } totalTax { amount currencyCode }
    totalPrice { amount currencyCode } totalRefunded { amount currencyCode }
    shippingAddress { formatted(withName: true) } billingAddress { formatted(withName: true) }
    lineItems(first: 100) { nodes { id title quantity currentQuantity returnableQuantity originalTotalPrice { amount currencyCode } discountedTotalPrice { amount currencyCode }
      variant { title image { url altText } product { title } } } }
    successfulFulfillments(first: 10) { trackingCompany trackingInfo(first: 5) { number url }
      fulfillmentLineItems(first: 100) { nodes { quantity lineItem { title } } } }
    trackingEvents { status happenedAt message city province countryCode }
    returns(first: 20) { nodes { id name status createdAt closedAt decline { reason note }
      returnLineItems(first: 50) { nodes { quantity returnReason customerNote lineItem { title } } } } }
  } } }`, { id });
  if (!o) return h('div', {}, h('h1', {}, 'Order not found'), empty('This order is not in your account.', h('a', { href: '/account/orders' }, 'Back to orders')));

  const reorder = actionButton('Buy again', 'btn', async () => {
    const p = await mutate(`mutation Reorder($t: String!, $id: ID!) { orderReorder(customerAccessToken: $t, orderId: $id) {
      cart { checkoutUrl totalQuantity } warnings { message } ${ERR} } }`, { t: ctx.token, id: o.id }, 'orderReorder');
    toast(`${p.cart.totalQuantity} items are in a new cart.${p.warnings.length ? ` ${p.warnings.map((w) => w.message).join(' ')}` : ''}`);
  });
  const events = [...o.trackingEvents].sort((a, b) => new Date(b.happenedAt) - new Date(a.happenedAt));
  return h('div', {},
    h('p', {}, h('a', { href: '/account/orders' }, '← All orders')),
    h('div', { class: 'order-head' }, h('h1', {}, `Order ${o.name}`),
      badge(o.canceledAt ? 'Cancelled' : words(o.fulfillmentStatus), orderTone(o)), o.financialStatus ? badge(words(o.financialStatus)) : null),
    h('p', { class: 'muted' }, `Placed ${dateTime(o.processedAt)}`),
    o.canceledAt ? h('div', { class: 'notice notice-error', role: 'note' },
      h('p', {}, `Cancelled on ${date(o.canceledAt)}${o.cancelReason ? ` (${words(o.cancelReason).toLowerCase()})` : ''}.`)) : null,
    h('div', { class: 'actions' }, reorder,
      h('a', { class: 'btn btn-quiet', href: `/account/support?order=${encodeURIComponent(o.id)}` }, 'Get help with this order')),
    h('div', { class: 'grid-2' },
      card('Tracking', events.length ? h('ol', { class: 'timeline', 'aria-label': 'Shipment progress, newest first' }, events.map((e, i) =>
        h('li', { class: i === 0 ? 'current' : null },
          h('strong', {}, EVENT_LABELS[e.status] || words(e.status)),
          h('time', { datetime: e.happenedAt }, dateTime(e.happenedAt)),
          [e.city, e.province, e.countryCode].some(Boolean) ? h('span', { class: 'muted' }, [e.city, e.province, e.countryCode].filter(Boolean).join(', ')) : null,
          e.message ? h('span', {}, e.message) : null)))
        : h('p', {}, o.canceledAt ? 'This order will not ship.' : 'No shipping updates yet.'),
      o.successfulFulfillments?.map((f) => h('div', { class: 'shipment' },
        h('p', {}, h('strong', {}, f.trackingCompany || 'Shipment'), ` · ${f.fulfillmentLineItems.nodes.map((l) => `${l.quantity} × ${l.lineItem.title}`).join(', ')}`),
        f.trackingInfo.map((t) => h('p', {}, 'Tracking number ', t.url ? h('a', { href: t.url, target: '_blank', rel: 'noopener noreferrer' }, t.number) : t.number))))),
      card('Items', h('ul', { class: 'lines' }, o.lineItems.nodes.map((l) => h('li', {},
        picture(l.variant?.image, l.title, 56),
        h('div', { class: 'line-text' }, h('strong', {}, l.title), l.variant?.title && l.variant.title !== 'Default Title' ? h('span', { class: 'muted' }, l.variant.title) : null,
          h('span', { class: 'muted' }, `Quantity ${l.currentQuantity}${l.currentQuantity !== l.quantity ? ` (of ${l.quantity})` : ''}`)),
        h('span', { class: 'num' }, money(l.discountedTotalPrice))))),
      h('dl', { class: 'totals' },
        h('dt', {}, 'Subtotal'), h('dd', {}, money(o.subtotalPrice)),
        h('dt', {}, 'Shipping'), h('dd', {}, money(o.totalShippingPrice)),
        h('dt', {}, 'Tax'), h('dd', {}, money(o.totalTax)),
        Number(o.totalRefunded.amount) > 0 ? [h('dt', {}, 'Refunded'), h('dd', {}, `− ${money(o.totalRefunded)}`)] : null,
        h('dt', { class: 'total' }, 'Total'), h('dd', { class: 'total' }, money(o.totalPrice))))),
    returnsCard(ctx, o),
    h('div', { class: 'grid-2' },
      card('Shipping address', o.shippingAddress ? h('address', {}, o.shippingAddress.formatted.map((l) => h('span', { class: 'line' }, l))) : h('p', {}, '—')),
      card('Billing address', o.billingAddress ? h('address', {}, o.billingAddress.formatted.map((l) => h('span', { class: 'line' }, l))) : h('p', {}, '—'))));
}

const RETURN_TONES = { REQUESTED: 'info', OPEN: 'info', DECLINED: 'danger', CLOSED: 'ok', CANCELED: 'neutral' };
const RETURN_STATUS = { REQUESTED: 'Requested', OPEN: 'Approved', DECLINED: 'Declined', CLOSED: 'Refunded', CANCELED: 'Cancelled' };
const REASONS = [['UNWANTED', 'Changed my mind'], ['SIZE_TOO_SMALL', 'Too small'], ['SIZE_TOO_LARGE', 'Too large'], ['DEFECTIVE', 'Damaged or defective'],
  ['NOT_AS_DESCRIBED', 'Not as described'], ['WRONG_ITEM', 'Wrong item sent'], ['COLOR', 'Colour not as expected'], ['STYLE', 'Style'], ['OTHER', 'Other']];

// returnsCard lists the order's returns and, while units can still be
// sent back, a form asking for a return.
function returnsCard(ctx, o) {
  const returnable = o.lineItems.nodes.filter((l) => l.returnableQuantity > 0);
  const ask = returnable.length ? form({ class: 'return-form', 'aria-label': 'Request a return' }, [
    h('p', {}, 'Choose what to send back.'),
    returnable.map((l, i) => h('fieldset', { class: 'return-line' }, h('legend', {}, l.title),
      input('Quantity to return', `quantity-${i}`, { value: '0', options: Array.from({ length: l.returnableQuantity + 1 }, (_, n) => [String(n), String(n)]) }),
      input('Reason', `reason-${i}`, { value: 'UNWANTED', options: REASONS }))),
    input('Note for the shop (optional)', 'customerNote', { hint: 'At most 300 characters.', maxlength: 300 }),
  ], async (v) => {
    const lines = returnable.map((l, i) => ({ lineItemId: l.id, quantity: Number(v[`quantity-${i}`]), returnReason: v[`reason-${i}`], customerNote: v.customerNote }))
      .filter((l) => l.quantity > 0);
    if (!lines.length) throw new Error('Choose at least one item to return.');
    const p = await mutate(`mutation RequestReturn($t: String!, $o: ID!, $lines: [RequestedLineItemInput!]!) {
      orderRequestReturn(customerAccessToken: $t, orderId: $o, requestedLineItems: $lines) { return { name } userErrors { code field message } } }`,
    { t: ctx.token, o: o.id, lines }, 'orderRequestReturn');
    toast(`Return ${p.return.name} requested. We will email you when the shop answers.`);
    go(`order?id=${encodeURIComponent(o.id)}`);
  }, 'Request return') : null;
  const list = o.returns.nodes;
  if (!list.length && !ask) return null;
  return card('Returns',
    list.length ? h('ul', { class: 'returns' }, list.map((r) => h('li', { class: 'return' },
      h('div', { class: 'order-head' }, h('h3', {}, `Return ${r.name}`), badge(RETURN_STATUS[r.status] || words(r.status), RETURN_TONES[r.status])),
      h('p', { class: 'muted' }, `Requested ${date(r.createdAt)}${r.closedAt ? ` · ${r.status === 'DECLINED' ? 'declined' : 'closed'} ${date(r.closedAt)}` : ''}`),
      h('ul', { class: 'lines' }, r.returnLineItems.nodes.map((l) => h('li', {}, `${l.quantity} × ${l.lineItem.title}`,
        h('span', { class: 'muted' }, ` · ${(REASONS.find((x) => x[0] === l.returnReason) || [null, words(l.returnReason)])[1]}`)))),
      r.decline ? h('p', { class: 'notice notice-error', role: 'note' }, `Declined: ${words(r.decline.reason).toLowerCase()}.${r.decline.note ? ` ${r.decline.note}` : ''}`) : null)))
      : null,
    ask);
}
