// Rewards: balance, progress to the next tier, rewards to redeem, history.

import { ERR, gql, mutate } from '../api.js';
import { actionButton, badge, card, date, empty, h, money, toast, words } from '../ui.js';

export async function page(ctx) {
  const { loyaltyProgram: p, customer: c } = await gql(`query Loyalty($t: String!) {
    loyaltyProgram { enabled name tierBasis tiers { name threshold benefits } rewards { id name description pointsCost kind limitPerCustomer } }
    customer(customerAccessToken: $t) { loyalty {
      pointsBalance lifetimePoints referralCode referralCount
      tier { name threshold benefits } nextTier { name threshold } pointsToNextTier spendToNextTier { amount currencyCode }
      pointsExpiring { points expiresAt }
      availableRewards { id }
      membership { status renewsAt endsAt plan { name benefits } }
      transactions(first: 20, reverse: true) { nodes { id kind points description createdAt } }
      redemptions(first: 10) { nodes { id codeEnding pointsSpent expiresAt usedAt reward { name } } }
    } } }`, { t: ctx.token });
  const l = c.loyalty;
  if (!p.enabled || !l) return h('div', {}, h('h1', {}, 'Rewards'), empty('The shop has no rewards programme at the moment.'));

  const codeSlot = h('div', { 'aria-live': 'polite' });
  const available = new Set(l.availableRewards.map((r) => r.id));
  const rewards = p.rewards.map((r) => {
    const short = r.pointsCost - l.pointsBalance;
    const redeem = actionButton(`Redeem for ${r.pointsCost} points`, 'btn btn-primary', async () => {
      const out = await mutate(`mutation Redeem($t: String!, $id: ID!) { loyaltyRewardRedeem(customerAccessToken: $t, rewardId: $id) {
        discountCode redemption { expiresAt } loyaltyUserErrors { code field message } ${ERR} } }`, { t: ctx.token, id: r.id }, 'loyaltyRewardRedeem');
      await ctx.refresh();
      // The full code is shown only now; later pages show its last characters.
      document.querySelector('.code-slot')?.replaceChildren(h('div', { class: 'notice notice-ok', role: 'status' },
        h('p', {}, `${r.name}: your code is `, h('code', { class: 'discount-code' }, out.discountCode), `, valid until ${date(out.redemption.expiresAt)}.`),
        h('p', { class: 'small' }, 'Copy it now: for your security we show it only once.')));
      toast(`Redeemed ${r.name}.`);
    }, { 'aria-label': `Redeem for ${r.pointsCost} points: ${r.name}`, disabled: !available.has(r.id) });
    return h('li', { class: 'reward' }, h('strong', {}, r.name), r.description ? h('span', { class: 'muted' }, r.description) : null,
      h('span', { class: 'points' }, `${r.pointsCost} points`), redeem,
      !available.has(r.id) ? h('span', { class: 'muted small' }, short > 0 ? `${short} more points needed` : 'Not available right now') : null);
  });
  codeSlot.className = 'code-slot';

  let progress = null;
  if (l.nextTier && l.pointsToNextTier !== null) {
    const from = l.tier?.threshold ?? 0;
    const span = l.nextTier.threshold - from;
    const done = Math.max(0, Math.min(span, span - l.pointsToNextTier));
    progress = h('div', { class: 'progress-wrap' },
      h('div', { class: 'progress-labels' }, h('span', {}, l.tier?.name ?? 'Start'), h('span', {}, l.nextTier.name)),
      h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': span, 'aria-valuenow': done,
        'aria-label': `Progress to ${l.nextTier.name}`, 'aria-valuetext': `${l.pointsToNextTier} points to ${l.nextTier.name}` },
      h('span', { class: 'progress-bar', style: `width:${Math.round((done / span) * 100)}%` })),
      h('p', { class: 'muted' }, `${l.pointsToNextTier} points to ${l.nextTier.name}`));
  } else if (l.nextTier && l.spendToNextTier) {
    progress = h('p', { class: 'muted' }, `Spend ${money(l.spendToNextTier)} more to reach ${l.nextTier.name}.`);
  }

  return h('div', {},
    h('h1', {}, p.name),
    h('div', { class: 'stats' },
      h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(l.pointsBalance)), h('span', { class: 'stat-label' }, 'points to spend')),
      h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, l.tier?.name ?? '—'), h('span', { class: 'stat-label' }, 'your tier')),
      h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(l.lifetimePoints)), h('span', { class: 'stat-label' }, 'points earned in all'))),
    card('Your tier', progress, l.tier?.benefits.length ? h('ul', { class: 'benefits' }, l.tier.benefits.map((b) => h('li', {}, b))) : null,
      l.pointsExpiring.length ? h('p', { class: 'small muted' }, expiring(l.pointsExpiring)) : null),
    codeSlot,
    card('Rewards', h('ul', { class: 'rewards' }, rewards)),
    h('div', { class: 'grid-2' },
      card('History', l.transactions.nodes.length ? h('table', { class: 'table' },
        h('caption', { class: 'sr-only' }, 'Points history, newest first'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col', class: 'num' }, 'Points'))),
        h('tbody', {}, l.transactions.nodes.map((t) => h('tr', {}, h('td', { class: 'nowrap' }, date(t.createdAt)), h('td', {}, t.description),
          h('td', { class: `num ${t.points < 0 ? 'neg' : 'pos'}` }, t.points > 0 ? `+${t.points}` : String(t.points))))))
        : h('p', {}, 'No points yet.')),
      h('div', {},
        card('Your codes', l.redemptions.nodes.length ? h('ul', { class: 'list' }, l.redemptions.nodes.map((r) => h('li', { class: 'list-row' },
          h('span', {}, r.reward.name), h('code', {}, `…${r.codeEnding}`),
          r.usedAt ? badge('Used', 'neutral') : new Date(r.expiresAt) < new Date() ? badge('Expired', 'warn') : badge(`Until ${date(r.expiresAt)}`, 'ok'))))
          : h('p', {}, 'No rewards redeemed yet.')),
        l.membership ? card('Membership', h('p', {}, h('strong', {}, l.membership.plan.name), ' ', badge(words(l.membership.status), l.membership.status === 'ACTIVE' ? 'ok' : 'neutral')),
          l.membership.renewsAt ? h('p', { class: 'muted' }, `Renews ${date(l.membership.renewsAt)}`) : null,
          h('ul', { class: 'benefits' }, l.membership.plan.benefits.map((b) => h('li', {}, b)))) : null,
        card('Invite friends', h('p', {}, 'Share your code: you both earn points after their first order.'),
          h('p', {}, h('code', { class: 'discount-code' }, l.referralCode)), h('p', { class: 'muted small' }, `${l.referralCount} friends joined so far.`)))));
}

// expiring sums the points that expire on the same day: batches earned on one
// day expire together, and a line per batch reads like a stutter.
function expiring(batches) {
  const byDay = new Map();
  for (const b of batches) {
    const day = date(b.expiresAt);
    byDay.set(day, (byDay.get(day) || 0) + b.points);
  }
  return [...byDay].map(([day, points]) => `${points} points expire on ${day}.`).join(' ');
}
