// How the customer hears from the shop: a topic × channel matrix, and privacy.

import { ERR, gql, mutate } from '../api.js';
import { card, form, h, input, toast, words } from '../ui.js';

const TOPICS = ['ORDER_CONFIRMATION', 'SHIPPING_UPDATES', 'DELIVERY_UPDATES', 'ACCOUNT_CHANGES', 'SECURITY_ALERTS', 'PROMOTIONS', 'WISHLIST_ALERTS', 'LOYALTY'];
const CHANNELS = [['EMAIL', 'Email'], ['SMS', 'Text message'], ['PUSH', 'App notification']];
const FREQUENCIES = [['IMMEDIATE', 'Right away'], ['DAILY', 'Daily digest'], ['WEEKLY', 'Weekly digest'], ['NEVER', 'Off']];

export async function page(ctx) {
  const { customer: c } = await gql(`query Preferences($t: String!) { customer(customerAccessToken: $t) {
    phone acceptsMarketing
    preferences { communication { topic channel enabled frequency locked } }
    privacy { personalization dataSharing } } }`, { t: ctx.token });
  const current = new Map(c.preferences.communication.map((p) => [`${p.topic}.${p.channel}`, p]));

  const table = h('table', { class: 'table matrix' },
    h('caption', {}, 'Choose how often you hear about each topic on each channel.'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Topic'), CHANNELS.map(([, label]) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, TOPICS.map((topic) => h('tr', {}, h('th', { scope: 'row' }, words(topic)), CHANNELS.map(([channel, label]) => {
      const p = current.get(`${topic}.${channel}`);
      const value = p ? (p.enabled ? p.frequency : 'NEVER') : 'NEVER';
      const select = h('select', { name: `${topic}.${channel}`, 'aria-label': `${words(topic)} by ${label.toLowerCase()}`, disabled: p?.locked,
        'data-initial': value }, FREQUENCIES.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
      return h('td', {}, select, p?.locked ? h('span', { class: 'small muted' }, ' Always on') : null);
    })))));
  const matrix = form({ 'aria-label': 'Communication preferences' }, [
    h('div', { class: 'table-scroll' }, table),
    c.phone ? null : h('p', { class: 'small muted' }, 'Text messages need a phone number in your profile.'),
  ], async (_, el) => {
    const changes = [...el.querySelectorAll('select')].filter((s) => !s.disabled && s.value !== s.dataset.initial).map((s) => {
      const [topic, channel] = s.name.split('.');
      return { topic, channel, frequency: s.value };
    });
    if (!changes.length) {
      toast('Nothing changed.', 'info');
      return;
    }
    await mutate(`mutation Communication($t: String!, $p: [CommunicationPreferenceInput!]!) {
      customerCommunicationPreferencesUpdate(customerAccessToken: $t, preferences: $p) { customer { id } ${ERR} } }`,
    { t: ctx.token, p: changes }, 'customerCommunicationPreferencesUpdate');
    for (const s of el.querySelectorAll('select')) s.dataset.initial = s.value;
    toast('Your choices are saved.');
  }, 'Save choices');

  const privacy = form({ 'aria-label': 'Privacy' }, [
    input('Personalised recommendations', 'personalization', { type: 'checkbox', value: c.privacy.personalization, hint: 'Use what I buy and save to suggest products.' }),
    input('Share my data with partners', 'dataSharing', { type: 'checkbox', value: c.privacy.dataSharing }),
  ], async (v) => {
    await mutate(`mutation Privacy($t: String!, $p: CustomerPrivacyInput!) { customerPrivacyUpdate(customerAccessToken: $t, privacy: $p) { customer { id } ${ERR} } }`,
      { t: ctx.token, p: { personalization: v.personalization, dataSharing: v.dataSharing } }, 'customerPrivacyUpdate');
    toast('Privacy choices saved.');
  }, 'Save privacy choices');

  return h('div', {}, h('h1', {}, 'Communication'), card('Messages', matrix), card('Privacy', privacy));
}
