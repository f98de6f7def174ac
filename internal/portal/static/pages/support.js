// Support tickets: ask a question (about an order or not) and follow replies.

import { ERR, gql, mutate } from '../api.js';
import { badge, card, dateTime, empty, form, h, input, toast, words } from '../ui.js';

const TONE = { OPEN: 'info', AWAITING_CUSTOMER: 'warn', RESOLVED: 'ok', CLOSED: 'neutral' };

export async function page(ctx) {
  const { customer: c, supportContact: contact } = await gql(`query Support($t: String!) {
    supportContact { email phone hours faqUrl }
    customer(customerAccessToken: $t) {
      orders(first: 20, sortKey: PROCESSED_AT, reverse: true) { nodes { id name processedAt } }
      supportTickets(first: 20, reverse: true) { nodes { id subject status createdAt updatedAt order { name }
        messages(first: 50) { nodes { author body createdAt } } } } } }`, { t: ctx.token });
  const about = ctx.query.get('order');
  const create = form({ 'aria-label': 'New support request' }, [
    input('Subject', 'subject', { required: true, maxlength: 200 }),
    input('About an order', 'orderId', { value: about || '', options: [['', 'No particular order'], ...c.orders.nodes.map((o) => [o.id, `Order ${o.name}`])] }),
    input('Message', 'body', { type: 'textarea', required: true }),
  ], async (v) => {
    await mutate(`mutation Ask($t: String!, $subject: String!, $body: String!, $order: ID) {
      supportTicketCreate(customerAccessToken: $t, subject: $subject, body: $body, orderId: $order) { supportTicket { id } ${ERR} } }`,
    { t: ctx.token, subject: v.subject ?? '', body: v.body ?? '', order: v.orderId }, 'supportTicketCreate');
    toast('Thank you. We will answer by email and here.');
    ctx.refresh();
  }, 'Send');

  const tickets = c.supportTickets.nodes.map((t) => h('details', { class: 'ticket card', open: t.status === 'AWAITING_CUSTOMER' },
    h('summary', {}, h('strong', {}, t.subject), ' ', badge(words(t.status), TONE[t.status]),
      h('span', { class: 'muted small' }, ` ${t.order ? `Order ${t.order.name} · ` : ''}updated ${dateTime(t.updatedAt)}`)),
    h('ol', { class: 'messages' }, t.messages.nodes.map((m) => h('li', { class: `message message-${m.author.toLowerCase()}` },
      h('span', { class: 'small muted' }, `${m.author === 'STAFF' ? 'Support' : 'You'} · ${dateTime(m.createdAt)}`), h('p', {}, m.body)))),
    t.status === 'CLOSED' ? null : form({ 'aria-label': `Reply to ${t.subject}` }, [input('Your reply', 'body', { type: 'textarea', required: true })], async (v) => {
      await mutate(`mutation Reply($t: String!, $id: ID!, $body: String!) { supportTicketReply(customerAccessToken: $t, ticketId: $id, body: $body) {
        supportTicket { id } ${ERR} } }`, { t: ctx.token, id: t.id, body: v.body ?? '' }, 'supportTicketReply');
      toast('Reply sent.');
      ctx.refresh();
    }, 'Send reply')));

  return h('div', {}, h('h1', {}, 'Support'),
    h('div', { class: 'grid-2' },
      card('Ask us', create),
      card('Other ways to reach us', h('dl', { class: 'contact' },
        contact.email ? [h('dt', {}, 'Email'), h('dd', {}, h('a', { href: `mailto:${contact.email}` }, contact.email))] : null,
        contact.phone ? [h('dt', {}, 'Phone'), h('dd', {}, h('a', { href: `tel:${contact.phone}` }, contact.phone))] : null,
        contact.hours ? [h('dt', {}, 'Hours'), h('dd', {}, contact.hours)] : null),
      contact.faqUrl ? h('p', {}, h('a', { href: contact.faqUrl, target: '_blank', rel: 'noopener' }, 'Frequently asked questions')) : null)),
    h('h2', {}, 'Your requests'),
    tickets.length ? tickets : empty('No requests yet.'));
}
