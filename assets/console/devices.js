// Devices: every kiosk's last contact and rows; add one (its token shown
// once) or revoke one.
'use strict';
// "12 s ago", "3 min ago", then the date and time.
function since(ms, now) {
  if (!ms) return t('never');
  const s = Math.max(0, Math.round((now - ms) / 1000));
  const amount = s < 120 ? s + ' s' : s < 7200 ? Math.round(s / 60) + ' min' : null;
  if (!amount) return smDateTime(ms);
  return smLanguage() === 'en' ? amount + ' ' + t('ago') : t('ago') + ' ' + amount;
}

async function load() {
  const data = await smGet('/console/api/devices');
  const now = data.server_time_ms;
  const table = document.getElementById('devices');
  table.replaceChildren(el('tr', {}, el('th', { text: t('name') }), el('th', { text: t('status') }), el('th', { text: t('last_contact') }), el('th', { class: 'num', text: t('rows_received') }), el('th', {})),
    ...data.devices.map((d) => el('tr', { class: d.revoked_at ? 'revoked' : '' },
      el('td', { text: d.name }),
      el('td', { text: (d.revoked_at ? t('revoked') : t('active')) + (d.seq_conflicts ? ' · ⚠ ' + t('shared_name') : '') }),
      el('td', { text: since(d.last_seen_at, now) }),
      el('td', { class: 'num', text: String(d.rows_received) }),
      el('td', {}, d.revoked_at ? '' : el('button', { type: 'button', class: 'danger', text: t('revoke_device'), onclick: () => revoke(d.name) })))));
}

async function revoke(name) {
  if (!confirm(t('confirm_device_revoke'))) return;
  await smPost('/console/api/devices/' + encodeURIComponent(name) + '/revoke');
  await load();
}

async function add(event) {
  event.preventDefault();
  const name = document.getElementById('device-name').value.trim();
  const answer = await smPost('/console/api/devices', { name });
  const box = document.getElementById('token');
  const body = await answer.json();
  box.hidden = false;
  if (answer.ok) document.getElementById('device-name').value = '';
  box.replaceChildren(answer.ok ? el('p', { text: t('token_once') }) : el('p', { class: 'error', text: body.message }),
    answer.ok ? el('code', { text: body.token }) : '');
  await load();
}

smStart('devices', async () => {
  document.getElementById('add-device').addEventListener('submit', add);
  await load();
}).catch((e) => console.warn(e.message));
