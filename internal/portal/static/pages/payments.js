// Saved payment methods: the cards a customer keeps for checkout. The card
// itself stays with the payment provider; adding one needs the provider's
// own element (Stripe.js), loaded only when the shop has a provider.

import { ERR, gql, mutate } from '../api.js';
import { actionButton, badge, card, confirmButton, empty, h, toast, words } from '../ui.js';

const expiry = (m) => `${String(m.expiryMonth).padStart(2, '0')}/${String(m.expiryYear).slice(-2)}`;

export async function page(ctx) {
  const { customer: c } = await gql(`query PaymentMethods($t: String!) { customer(customerAccessToken: $t) {
    paymentMethods { id brand lastDigits maskedNumber expiryMonth expiryYear expired expiresSoon wallet isDefault } } }`, { t: ctx.token });
  const methods = c.paymentMethods;
  const noDefault = methods.length > 0 && !methods.some((m) => m.isDefault);
  const list = methods.map((m) => {
    const name = `${words(m.brand)} ${m.maskedNumber.slice(-9)}`;
    return h('li', { class: 'payment-method' },
      h('div', {}, h('strong', {}, name), m.wallet ? h('span', { class: 'muted' }, ` · ${words(m.wallet)}`) : null,
        h('p', { class: 'muted' }, `Expires ${expiry(m)}`)),
      h('div', { class: 'badges' },
        m.isDefault ? badge('Default', 'ok') : null,
        m.expired ? badge('Expired', 'danger') : m.expiresSoon ? badge('Expires soon', 'info') : null),
      h('div', { class: 'actions' },
        !m.isDefault && !m.expired ? actionButton('Make default', 'btn btn-quiet', async () => {
          await mutate(`mutation Default($t: String!, $id: ID!) { customerPaymentMethodDefaultUpdate(customerAccessToken: $t, paymentMethodId: $id) {
            paymentMethod { id } ${ERR} } }`, { t: ctx.token, id: m.id }, 'customerPaymentMethodDefaultUpdate');
          toast(`${name} is now your default.`);
          ctx.refresh();
        }, { 'aria-label': `Make default: ${name}` }) : null,
        confirmButton('Remove', `Remove ${name}?`, async () => {
          await mutate(`mutation Remove($t: String!, $id: ID!) { customerPaymentMethodRemove(customerAccessToken: $t, paymentMethodId: $id) {
            deletedPaymentMethodId ${ERR} } }`, { t: ctx.token, id: m.id }, 'customerPaymentMethodRemove');
          toast(`${name} removed.`);
          ctx.refresh();
        })));
  });
  return h('div', {}, h('h1', {}, 'Payment methods'),
    noDefault ? h('div', { class: 'notice', role: 'note' }, h('p', {}, 'You have no default payment method: choose one for checkout.')) : null,
    methods.length ? card('Saved cards', h('ul', { class: 'payment-methods' }, list)) : empty('No saved payment methods.'),
    card('Add a card', h('p', { class: 'muted' }, 'Cards are added at checkout or here, with the payment provider\'s secure form: your card number never reaches this shop.'),
      addCard(ctx)));
}

// addCard starts a setup; when the shop has a provider it loads its
// element (Stripe.js) and saves the card once confirmed.
function addCard(ctx) {
  const box = h('div', { class: 'add-card' });
  const start = actionButton('Add a card', 'btn', async () => {
    const p = await mutate(`mutation Setup($t: String!) { customerPaymentMethodSetupCreate(customerAccessToken: $t) {
      setup { provider setupId clientSecret publishableKey } ${ERR} } }`, { t: ctx.token }, 'customerPaymentMethodSetupCreate');
    const { setup } = p;
    await loadScript('https://js.stripe.com/v3/');
    const stripe = window.Stripe(setup.publishableKey);
    const elements = stripe.elements({ clientSecret: setup.clientSecret });
    const mount = h('div', { class: 'stripe-element' });
    const save = actionButton('Save card', 'btn btn-primary', async () => {
      const { error } = await stripe.confirmSetup({ elements, redirect: 'if_required' });
      if (error) throw new Error(error.message);
      await mutate(`mutation Complete($t: String!, $s: String!) { customerPaymentMethodSetupComplete(customerAccessToken: $t, setupId: $s) {
        paymentMethod { id } ${ERR} } }`, { t: ctx.token, s: setup.setupId }, 'customerPaymentMethodSetupComplete');
      toast('Card saved.');
      ctx.refresh();
    });
    box.replaceChildren(mount, save);
    elements.create('payment').mount(mount);
  });
  box.append(start);
  return box;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    if (window.Stripe) return resolve();
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error('The payment form could not be loaded. Please try again later.'));
    document.head.append(s);
  });
}
