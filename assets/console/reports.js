// Reports: each CSV of `speedmeet report`, made from the live database, the
// whole set as a zip, and the audit of console actions.
'use strict';
smStart('reports', async () => {
  const files = await smGet('/console/api/reports');
  document.getElementById('files').replaceChildren(
    el('li', {}, el('a', { href: '/reports/all.zip', download: 'reports.zip', text: t('download_all') })),
    ...files.files.map((f) => el('li', {}, el('a', { href: '/reports/' + f, download: f, text: f }))));
  const audit = await smGet('/console/api/audit');
  document.getElementById('audit').replaceChildren(
    el('tr', {}, ...[t('time'), t('who'), t('what'), '', t('address')].map((h) => el('th', { text: h }))),
    ...audit.audit.map((a) => el('tr', {}, el('td', { text: smDateTime(a.at) }), el('td', { text: a.staff }),
      el('td', { text: a.action }), el('td', { text: a.subject + (a.detail ? ' · ' + a.detail : '') }), el('td', { text: a.address }))));
}).catch((e) => console.warn(e.message));
