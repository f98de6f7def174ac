// Signing in (password, emailed code, two-step), registering, recovering.

import { ERR, gql, mutate, UserErrors } from '../api.js';
import { form, h, input, toast } from '../ui.js';
import { signedIn } from '../app.js';

const TOKEN = 'customerAccessToken { accessToken expiresAt twoFactorSetupRequired }';

function shell(title, intro, ...body) {
  return h('div', { class: 'auth' }, h('h1', {}, title), intro ? h('p', { class: 'lead' }, intro) : null, body);
}

export function login(ctx) {
  const next = ctx.query.get('next');
  const panel = h('div', { class: 'tab-panel' });
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'How to sign in' });
  const ways = [['password', 'Password', passwordForm], ['code', 'Email me a code', codeForm]];
  const buttons = ways.map(([key, label, make]) => {
    const b = h('button', { type: 'button', role: 'tab', id: `tab-${key}`, 'aria-controls': 'sign-in-panel' }, label);
    b.addEventListener('click', () => select(key));
    b.addEventListener('keydown', (ev) => {
      if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
      const i = ways.findIndex(([k]) => k === key);
      const j = (i + (ev.key === 'ArrowRight' ? 1 : ways.length - 1)) % ways.length;
      select(ways[j][0]);
      buttons[j].focus();
    });
    return b;
  });
  tabs.append(...buttons);
  panel.id = 'sign-in-panel';
  panel.setAttribute('role', 'tabpanel');
  function select(key) {
    ways.forEach(([k, , make], i) => {
      buttons[i].setAttribute('aria-selected', String(k === key));
      buttons[i].tabIndex = k === key ? 0 : -1;
      if (k === key) {
        panel.setAttribute('aria-labelledby', buttons[i].id);
        panel.replaceChildren(make(next));
      }
    });
  }
  select('password');
  return shell('Sign in', 'Welcome back. Sign in to see your orders, rewards and saved items.', tabs, panel,
    h('p', { class: 'alt' }, h('a', { href: '/account/recover' }, 'Forgot your password?')),
    h('p', { class: 'alt' }, 'New here? ', h('a', { href: '/account/register' }, 'Create an account')));
}

function passwordForm(next) {
  const totp = h('div', { class: 'totp', hidden: true },
    input('Code from your authenticator app', 'totpCode', { autocomplete: 'one-time-code', inputmode: 'numeric', hint: 'Or one of your recovery codes.' }));
  const f = form({ 'aria-label': 'Sign in with password' }, [
    input('Email', 'email', { type: 'email', autocomplete: 'email', required: true }),
    input('Password', 'password', { type: 'password', autocomplete: 'current-password', required: true }),
    totp,
  ], async (v) => {
    const needsCode = !totp.hidden;
    try {
      const p = await mutate(`mutation SignIn($input: CustomerAccessTokenCreateInput!) {
        customerAccessTokenCreate(input: $input) { ${TOKEN} ${ERR} twoFactorUserErrors { code field message } } }`,
      { input: { email: v.email ?? '', password: v.password ?? '', totpCode: needsCode ? v.totpCode ?? '' : null } }, 'customerAccessTokenCreate');
      signedIn(p.customerAccessToken, next);
    } catch (err) {
      if (err instanceof UserErrors && err.has('TWO_FACTOR_REQUIRED') && !needsCode) {
        totp.hidden = false;
        totp.querySelector('input').focus();
        toast('Enter the code from your authenticator app.', 'info');
        return;
      }
      throw err;
    }
  }, 'Sign in');
  return f;
}

function codeForm(next) {
  const wrap = h('div');
  const ask = form({ 'aria-label': 'Email me a sign-in code' }, [
    input('Email', 'email', { type: 'email', autocomplete: 'email', required: true, hint: 'We send a 6-digit code that works for 10 minutes.' }),
  ], async (v) => {
    await mutate(`mutation SendCode($email: String!) { customerEmailCodeSend(email: $email) { ${ERR} } }`, { email: v.email ?? '' }, 'customerEmailCodeSend');
    const email = v.email;
    const enter = form({ 'aria-label': 'Enter your sign-in code' }, [
      h('p', { role: 'status' }, `If ${email} can receive mail, a code is on its way.`),
      input('6-digit code', 'code', { autocomplete: 'one-time-code', inputmode: 'numeric', required: true, maxlength: 6 }),
    ], async (w) => {
      const p = await mutate(`mutation CodeSignIn($email: String!, $code: String!) {
        customerAccessTokenCreateWithCode(email: $email, code: $code) { ${TOKEN} ${ERR} } }`,
      { email, code: w.code ?? '' }, 'customerAccessTokenCreateWithCode');
      signedIn(p.customerAccessToken, next);
    }, 'Sign in');
    wrap.replaceChildren(enter);
    enter.querySelector('input[name=code]').focus();
  }, 'Send code');
  wrap.append(ask);
  return wrap;
}

export function register() {
  return shell('Create your account', 'Track orders, save wishlists and earn rewards.', form({ 'aria-label': 'Create account' }, [
    h('div', { class: 'row' }, input('First name', 'firstName', { autocomplete: 'given-name' }), input('Last name', 'lastName', { autocomplete: 'family-name' })),
    input('Email', 'email', { type: 'email', autocomplete: 'email', required: true }),
    input('Password', 'password', { type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 8 characters; not a common password.' }),
    input('Referral code', 'referralCode', { hint: 'From a friend, if you have one.' }),
    input('Email me news and offers', 'acceptsMarketing', { type: 'checkbox' }),
  ], async (v) => {
    await mutate(`mutation Register($input: CustomerCreateInput!) { customerCreate(input: $input) { customer { id } ${ERR} } }`,
      { input: { ...v, email: v.email ?? '', password: v.password ?? '' } }, 'customerCreate');
    const p = await mutate(`mutation SignIn($input: CustomerAccessTokenCreateInput!) { customerAccessTokenCreate(input: $input) { ${TOKEN} ${ERR} } }`,
      { input: { email: v.email, password: v.password } }, 'customerAccessTokenCreate');
    signedIn(p.customerAccessToken);
    toast('Welcome! Your account is ready.');
  }, 'Create account'), h('p', { class: 'alt' }, 'Have an account? ', h('a', { href: '/account/login' }, 'Sign in')));
}

export function recover() {
  const wrap = h('div');
  wrap.append(form({ 'aria-label': 'Reset password' }, [
    input('Email', 'email', { type: 'email', autocomplete: 'email', required: true }),
  ], async (v) => {
    await mutate(`mutation Recover($email: String!) { customerRecover(email: $email) { ${ERR} } }`, { email: v.email ?? '' }, 'customerRecover');
    // The answer is the same whether or not the address has an account.
    wrap.replaceChildren(h('div', { class: 'notice', role: 'status' },
      h('p', {}, `If ${v.email} belongs to an account, we have sent it a link to choose a new password.`)));
  }, 'Send reset link'));
  return shell('Reset your password', 'Enter your email and we will send you a link to choose a new password.', wrap,
    h('p', { class: 'alt' }, h('a', { href: '/account/login' }, 'Back to sign in')));
}

// byLink builds the page an emailed link opens: reset or activation.
function byLink(title, intro, op, arg, label) {
  return shell(title, intro, form({ 'aria-label': title }, [
    input('New password', 'password', { type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 8 characters.' }),
  ], async (v) => {
    const p = await mutate(`mutation ByLink($url: URL!, $password: String!) { ${op}(${arg}: $url, password: $password) {
      ${TOKEN} ${ERR} } }`, { url: location.origin + location.pathname, password: v.password ?? '' }, op);
    signedIn(p.customerAccessToken);
    toast('Your password is set.');
  }, label));
}

export function reset() {
  return byLink('Choose a new password', 'Your other sessions end when the password changes.', 'customerResetByUrl', 'resetUrl', 'Save password');
}

export function activate() {
  return byLink('Activate your account', 'Choose a password to finish setting up your account.', 'customerActivateByUrl', 'activationUrl', 'Activate account');
}

export async function verify(ctx) {
  const data = await gql(`mutation Verify($token: String!) { customerEmailVerify(token: $token) { customer { email } ${ERR} } }`, { token: ctx.params.token });
  const p = data.customerEmailVerify;
  if (p.customerUserErrors.length) {
    return shell('Email verification', null, h('div', { class: 'notice notice-error', role: 'alert' },
      h('p', {}, 'This link has expired or was used already.')), h('p', {}, h('a', { href: '/account/' }, 'Go to your account')));
  }
  return shell('Email verified', null, h('div', { class: 'notice', role: 'status' },
    h('p', {}, `Thank you: ${p.customer.email} is confirmed.`)), h('p', {}, h('a', { href: '/account/',}, 'Go to your account')));
}
