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

// The kiosk's clock as it last reported it: how far it is behind (+) or
// ahead of (-) the server, e.g. "-2:00:03" or "+0.4 s".
function offset(ms) {
  if (ms === null || ms === undefined) return t('clock_unknown');
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (abs < 60000) return sign + (abs / 1000).toFixed(1) + ' s';
  const s = Math.floor(abs / 1000);
  const two = (n) => String(n).padStart(2, '0');
  return sign + Math.floor(s / 3600) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60);
}

async function load() {
  const data = await smGet('/console/api/devices');
  const now = data.server_time_ms;
  const table = document.getElementById('devices');
  table.replaceChildren(el('tr', {}, el('th', { text: t('name') }), el('th', { text: t('status') }), el('th', { text: t('last_contact') }), el('th', { class: 'num', text: t('rows_received') }), el('th', { class: 'num', text: t('clock_offset') }), el('th', {})),
    ...data.devices.map((d) => el('tr', { class: d.revoked_at ? 'revoked' : '' },
      el('td', { text: d.name }),
      el('td', { text: (d.revoked_at ? t('revoked') : t('active')) + (d.seq_conflicts ? ' · ⚠ ' + t('shared_name') : '') }),
      el('td', { text: since(d.last_seen_at, now) }),
      el('td', { class: 'num', text: String(d.rows_received) }),
      el('td', { class: 'num', text: offset(d.clock_offset_ms) }),
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
