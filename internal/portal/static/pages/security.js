// Sign-in and security: password, two-step sign-in, signed-in devices.

import { ERR, gql, mutate, session } from '../api.js';
import { actionButton, badge, card, confirmButton, date, dateTime, form, h, input, toast } from '../ui.js';

const TF_ERR = `twoFactorUserErrors { code field message } ${ERR}`;
const on = () => [badge('On', 'ok'), ' Signing in with a password also asks for a code from your authenticator app.'];

export async function page(ctx) {
  if (session.get()?.setupOnly) {
    return h('div', {}, h('h1', {}, 'Set up two-step sign-in'),
      h('p', { class: 'lead' }, 'This shop asks every customer to use an authenticator app when signing in with a password.'),
      card(null, twoFactorSetup(ctx, true)));
  }
  const { customer: c } = await gql(`query Security($t: String!) { customer(customerAccessToken: $t) { twoFactorEnabled
    sessions(first: 50) { nodes { id current device ipAddress country createdAt lastUsedAt expiresAt } } } }`, { t: ctx.token });

  const password = form({ 'aria-label': 'Change password' }, [
    input('New password', 'password', { type: 'password', autocomplete: 'new-password', required: true, hint: 'Your other sessions are signed out.' }),
  ], async (v, el) => {
    const p = await mutate(`mutation Password($t: String!, $c: CustomerUpdateInput!) { customerUpdate(customerAccessToken: $t, customer: $c) {
      customerAccessToken { accessToken expiresAt } ${ERR} } }`, { t: ctx.token, c: { password: v.password ?? '' } }, 'customerUpdate');
    if (p.customerAccessToken) session.save(p.customerAccessToken);
    el.reset();
    toast('Password changed. Other devices are signed out.');
    ctx.refresh();
  }, 'Change password');

  let twoFactor;
  if (c.twoFactorEnabled) {
    twoFactor = [h('p', {}, ...on()),
      form({ 'aria-label': 'Turn off two-step sign-in' }, [input('Code from the app, or a recovery code', 'code', { autocomplete: 'one-time-code', required: true })],
        async (v) => {
          await mutate(`mutation Off($t: String!, $code: String!) { customerTwoFactorDisable(customerAccessToken: $t, code: $code) { customer { id } ${TF_ERR} } }`,
            { t: ctx.token, code: v.code ?? '' }, 'customerTwoFactorDisable');
          toast('Two-step sign-in is off.');
          ctx.refresh();
        }, 'Turn off')];
  } else {
    twoFactor = [h('p', { class: 'tf-status' }, badge('Off'), ' Add a code from an authenticator app to your password.'), twoFactorSetup(ctx, false)];
  }

  // This device first; it signs out with the Sign out link, like everywhere.
  const ordered = [...c.sessions.nodes].sort((a, b) => b.current - a.current);
  const sessions = ordered.map((s) => h('li', { class: 'list-row' },
    h('div', {}, h('strong', {}, s.device), s.current ? [' ', badge('This device', 'ok')] : null, h('span', { class: 'muted small' },
      ` · ${[s.ipAddress, s.country].filter(Boolean).join(', ') || 'unknown network'} · signed in ${date(s.createdAt)}${s.lastUsedAt ? ` · last active ${dateTime(s.lastUsedAt)}` : ''}`)),
    s.current ? null : confirmButton('Sign out', 'Sign this device out?', async () => {
      await mutate(`mutation Revoke($t: String!, $id: ID!) { customerSessionRevoke(customerAccessToken: $t, sessionId: $id) { revokedSessionId ${ERR} } }`,
        { t: ctx.token, id: s.id }, 'customerSessionRevoke');
      toast('Signed out.');
      ctx.refresh();
    }, 'btn btn-quiet')));
  const others = actionButton('Sign out everywhere else', 'btn', async () => {
    const p = await mutate(`mutation Others($t: String!) { customerSessionsRevokeOthers(customerAccessToken: $t) { revokedCount ${ERR} } }`,
      { t: ctx.token }, 'customerSessionsRevokeOthers');
    toast(`${p.revokedCount} other ${p.revokedCount === 1 ? 'session' : 'sessions'} signed out.`);
    ctx.refresh();
  });
  return h('div', {}, h('h1', {}, 'Sign-in & security'),
    card('Password', password),
    card('Two-step sign-in', twoFactor),
    card('Where you are signed in', h('ul', { class: 'list' }, sessions), c.sessions.nodes.length > 1 ? h('div', { class: 'actions' }, others) : null));
}

function twoFactorSetup(ctx, required) {
  const slot = h('div');
  const start = actionButton('Set up two-step sign-in', 'btn btn-primary', async () => {
    const p = await mutate(`mutation Setup($t: String!) { customerTwoFactorSetup(customerAccessToken: $t) { secret otpauthUri ${TF_ERR} } }`,
      { t: ctx.token }, 'customerTwoFactorSetup');
    const confirm = form({ 'aria-label': 'Confirm two-step sign-in' }, [
      h('ol', { class: 'steps' },
        h('li', {}, 'Open your authenticator app and add an account with this key: ', h('code', { class: 'secret' }, p.secret.replace(/(.{4})/g, '$1 ').trim()),
          ' (or ', h('a', { href: p.otpauthUri }, 'open it in the app'), ').'),
        h('li', {}, 'Type the 6-digit code the app shows.')),
      input('6-digit code', 'code', { autocomplete: 'one-time-code', inputmode: 'numeric', required: true, maxlength: 6 }),
    ], async (v) => {
      const out = await mutate(`mutation Enable($t: String!, $code: String!) { customerTwoFactorEnable(customerAccessToken: $t, code: $code) {
        recoveryCodes ${TF_ERR} } }`, { t: ctx.token, code: v.code ?? '' }, 'customerTwoFactorEnable');
      if (required) {
        const s = session.get();
        session.save({ accessToken: s.accessToken, expiresAt: s.expiresAt, twoFactorSetupRequired: false });
      }
      slot.parentElement?.querySelector('.tf-status')?.replaceChildren(...on());
      slot.replaceChildren(h('div', { class: 'notice notice-ok', role: 'status' },
        h('p', {}, 'Two-step sign-in is on. Keep these recovery codes somewhere safe: each works once if you lose your phone.'),
        h('ul', { class: 'codes' }, out.recoveryCodes.map((code) => h('li', {}, h('code', {}, code)))),
        h('a', { class: 'btn', href: required ? '/account/' : '/account/security' }, 'Done')));
      slot.querySelector('.notice').focus?.();
    }, 'Turn on');
    slot.replaceChildren(confirm);
    confirm.querySelector('input').focus();
  });
  slot.append(start);
  return slot;
}
