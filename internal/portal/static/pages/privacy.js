// The customer's data: download it, or erase the account.

import { ERR, mutate, session } from '../api.js';
import { actionButton, card, form, h, input, toast } from '../ui.js';
import { signOut } from '../app.js';

export async function page(ctx) {
  const linkSlot = h('div', { 'aria-live': 'polite' });
  const download = actionButton('Download my data', 'btn btn-primary', async () => {
    const p = await mutate(`mutation Export($t: String!) { customerDataExport(customerAccessToken: $t) { export { createdAt contentType data } ${ERR} } }`,
      { t: ctx.token }, 'customerDataExport');
    const url = URL.createObjectURL(new Blob([p.export.data], { type: p.export.contentType }));
    const a = h('a', { href: url, download: `account-data-${p.export.createdAt.slice(0, 10)}.json`, class: 'btn' }, 'Save the file');
    linkSlot.replaceChildren(h('p', {}, 'Your data is ready: ', a));
    a.click();
    toast('Your data is ready.');
  });

  const erase = h('div');
  const ask = actionButton('Delete my account', 'btn btn-danger', async () => {
    await mutate(`mutation AskDelete($t: String!) { customerDelete(customerAccessToken: $t) { confirmationSent ${ERR} } }`, { t: ctx.token }, 'customerDelete');
    const confirm = form({ 'aria-label': 'Confirm account deletion' }, [
      h('p', { role: 'status' }, 'We emailed you a 6-digit code. Enter it to erase your account. This cannot be undone.'),
      input('Code from the email', 'code', { autocomplete: 'one-time-code', inputmode: 'numeric', required: true, maxlength: 6 }),
    ], async (v) => {
      const p = await mutate(`mutation Delete($t: String!, $c: CustomerDeleteConfirmationInput!) { customerDelete(customerAccessToken: $t, confirmation: $c) {
        deletedCustomerId ${ERR} } }`, { t: ctx.token, c: { code: v.code ?? '' } }, 'customerDelete');
      if (p.deletedCustomerId) {
        session.clear();
        await signOut('Your account and personal data are erased. Goodbye.');
      }
    }, 'Erase my account');
    confirm.querySelector('.btn-primary').className = 'btn btn-danger';
    erase.replaceChildren(confirm);
    confirm.querySelector('input').focus();
  });
  erase.append(h('p', {}, 'Erasing your account removes your profile, addresses, wishlists, saved carts and points. Orders stay in the shop’s books without your personal details.'), ask);

  return h('div', {}, h('h1', {}, 'Your data'),
    card('Download', h('p', {}, 'A copy of everything your account holds, as a JSON file.'), download, linkSlot),
    card('Delete account', erase));
}
