// What every console page shares: the session (name, role, CSRF token),
// the header with the pages open to the role, the language switch, and
// helpers that build the DOM with textContent only (a name is always text).
'use strict';
const SM_PAGES = [
  ['board', '/board', 'host'], ['attendance', '/attendance', 'host'], ['people', '/people', 'desk'],
  ['devices', '/devices', 'admin'], ['reports', '/reports', 'admin'],
];
const SM_RANK = { host: 1, desk: 2, admin: 3 };

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
}

// Times of day on a 24-hour clock in the event's zone: 14:02:09.
function smTime(ms, zone) {
  if (!ms) return t('never');
  return new Intl.DateTimeFormat(smLanguage(), { timeZone: zone || undefined, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .format(new Date(ms));
}

// 14:02
function smClock(ms, zone) {
  return new Intl.DateTimeFormat(smLanguage(), { timeZone: zone || undefined, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(ms));
}

function smDateTime(ms, zone) {
  if (!ms) return t('never');
  return new Intl.DateTimeFormat(smLanguage(), { timeZone: zone || undefined, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(ms));
}

async function smGet(url) {
  const answer = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (answer.status === 401) { location.href = '/login'; throw new Error('login required'); }
  if (!answer.ok) throw new Error(url + ': ' + answer.status);
  return answer.json();
}

// A state-changing request, with the session's CSRF token.
async function smPost(url, body) {
  const headers = { 'X-CSRF-Token': SM.session.csrf };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(url, { method: 'POST', credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const SM = { session: null };

function smHeader(current) {
  const header = document.querySelector('header.top');
  if (!header) return;
  const nav = el('nav', {});
  for (const [key, href, role] of SM_PAGES)
    if (SM_RANK[SM.session.role] >= SM_RANK[role])
      nav.append(el('a', { href, class: key === current ? 'current' : '', text: t(key) }));
  const language = el('select', { 'aria-label': 'Language', onchange: (e) => { localStorage.setItem('sm_lang', e.target.value); location.reload(); } });
  for (const code of ['fr', 'en', 'de']) {
    const option = el('option', { value: code, text: code.toUpperCase() });
    if (code === smLanguage()) option.selected = true;
    language.append(option);
  }
  const logout = el('form', { method: 'post', action: '/logout', class: 'logout' },
    el('input', { type: 'hidden', name: 'csrf', value: SM.session.csrf }),
    el('button', { type: 'submit', text: t('logout') }));
  header.replaceChildren(nav, el('span', { class: 'who', text: SM.session.name + ' · ' + SM.session.role }), language, logout);
}

// Loads the session, draws the header and runs the page.
async function smStart(current, run) {
  smTranslate(document);
  SM.session = await smGet('/console/api/session');
  smHeader(current);
  await run();
}
