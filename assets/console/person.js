// A person's page: who they are, their badge, agenda and every scan, and the
// desk's actions (revoke, reissue with the new badge's PDF, mark as left).
'use strict';
const personId = decodeURIComponent(location.pathname.slice('/people/'.length));
let data = null;

function row(cells, header) {
  return el('tr', {}, ...cells.map((c) => el(header ? 'th' : 'td', {}, c)));
}

function say(text) { document.getElementById('message').textContent = text; }

async function act(action, question) {
  if (!confirm(t(question))) return;
  const answer = await smPost('/console/api/people/' + encodeURIComponent(personId) + '/' + action);
  if (!answer.ok) { say((await answer.json()).message); return; }
  if (action === 'reissue') {
    const url = URL.createObjectURL(await answer.blob());
    const link = el('a', { href: url, download: 'badge-' + personId + '.pdf' });
    document.body.append(link);
    link.click();
    link.remove();
  }
  say(t('done'));
  await load();
}

function render() {
  const p = data.person;
  const zone = data.timezone;
  const facts = [
    [t('organization'), p.organization], [t('role'), p.role], [t('language'), p.language], [t('email'), p.email],
    [t('badge'), (p.badge_revoked ? t('revoked') : t('valid')) + ' · ' + t('serial') + ' ' + p.badge_serial],
    [t('at_venue'), p.at_venue ? t('yes') : t('no')],
  ];
  if (p.left) facts.push([t('left'), t('yes')]);
  document.getElementById('person').replaceChildren(
    el('h1', {}, el('span', { class: 'name', text: p.name }), ' ', el('span', { class: 'id', text: p.id })),
    el('dl', {}, ...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])));
  document.getElementById('actions').replaceChildren(
    el('button', { type: 'button', id: 'revoke', class: 'danger', text: t('revoke'), disabled: p.badge_revoked ? '' : null, onclick: () => act('revoke', 'confirm_revoke') }),
    el('button', { type: 'button', id: 'reissue', text: t('reissue'), onclick: () => act('reissue', 'confirm_reissue') }),
    el('button', { type: 'button', id: 'leave', text: t('mark_left'), onclick: () => act('leave', 'confirm_left') }));
  if (p.left) document.getElementById('leave').disabled = true;
  document.getElementById('agenda').replaceChildren(
    row([t('round'), t('time'), t('table'), t('partner'), t('present')], true),
    ...data.agenda.map((m) => row([String(m.round), smClock(m.starts_at * 1000, zone),
      m.table + (m.label ? ' · ' + m.label : '') + (m.rematch ? ' · ' + t('rematched') : ''),
      m.partner.name + ' (' + m.partner.organization + ')', m.present ? t('yes') : '—'])));
  document.getElementById('scans').replaceChildren(
    row([t('time'), t('kiosk'), t('kind'), t('outcome'), t('reason')], true),
    ...data.scans.map((s) => row([smDateTime(s.time, zone), s.device + (s.staff ? ' (' + s.staff + ')' : ''), s.kind, s.outcome, s.reason])));
}

async function load() {
  data = await smGet('/console/api/people/' + encodeURIComponent(personId));
  render();
}

smStart('people', load).catch((e) => console.warn(e.message));
