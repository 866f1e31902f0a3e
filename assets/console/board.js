// The board: the round's tables, live. Every `change` event on the stream
// (a kiosk upload, a re-match, a revocation) refetches the board's JSON;
// the countdown runs on the server's clock. ?display=1 is the big screen:
// no controls, large type, pages through the tables when they do not fit.
'use strict';
const params = new URLSearchParams(location.search);
const display = params.get('display') === '1';
let round = params.get('round') ? Number(params.get('round')) : null;
let board = null;
let clockOffset = 0;  // server time - this browser's time, in ms
let start = 0;  // big screen: the first table of the page shown
let shownCount = 0;  // big screen: how many tables that page holds

function countdownText() {
  if (!board || !board.round) return '';
  const now = (Date.now() + clockOffset) / 1000;
  const r = board.round;
  const clock = (s) => { s = Math.max(0, Math.round(s)); return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0'); };
  if (now < r.starts_at) return t('starts_in') + ' ' + clock(r.starts_at - now);
  if (now < r.ends_at) return t('ends_in') + ' ' + clock(r.ends_at - now);
  return t('over');
}

function personLine(person) {
  return el('div', { class: 'person ' + (person.present ? 'here' : 'away') },
    el('span', { class: 'mark', 'aria-hidden': 'true', text: person.present ? '●' : '○' }),
    el('span', { class: 'name', text: person.name }),
    el('span', { class: 'org', text: person.organization }));
}

function tableCard(table) {
  const card = el('article', { class: 'table-card state-' + table.state },
    el('div', { class: 'table-head' },
      el('span', { class: 'number', text: String(table.number) }),
      el('span', { class: 'label', text: table.label }),
      el('span', { class: 'state', text: t(table.state) })));
  if (table.meeting) {
    if (table.meeting.rematch) card.append(el('span', { class: 'rematch', text: t('rematched') }));
    card.append(personLine(table.meeting.a), personLine(table.meeting.b));
  }
  return card;
}

function render() {
  const title = document.getElementById('round-title');
  if (!board.round) { title.textContent = board.event.name; return; }
  title.textContent = t('round') + ' ' + board.round.number + ' ' + t('of') + ' ' + board.rounds;
  document.getElementById('prev').disabled = board.round.number <= 1;
  document.getElementById('next').disabled = board.round.number >= board.rounds;
  const counts = document.getElementById('counts');
  counts.replaceChildren(...['complete', 'waiting', 'empty', 'no_show', 'free']
    .filter((s) => board.counts[s])
    .map((s) => el('li', { class: 'state-' + s }, el('strong', { text: String(board.counts[s]) }), ' ' + t(s))));
  if (display && board.next_starts_at)
    counts.append(el('li', { class: 'next-round', text: t('next_round') + ' ' + smClock(board.next_starts_at * 1000, board.event.timezone) }));
  drawTables();
  const standby = document.getElementById('standby');
  standby.replaceChildren(...(board.standby.length ? board.standby.map((p) =>
    el('li', {}, el('span', { class: 'name', text: p.name }), ' ', el('span', { class: 'org', text: p.organization }),
      ' · ' + t('table') + ' ' + p.table)) : [el('li', { class: 'none', text: t('nobody') })]));
  tick();
}

// On the big screen: as many whole rows of cards as the screen shows,
// measured as drawn (a long name makes a taller card), the next page every
// 10 s.
function drawTables() {
  const box = document.getElementById('tables');
  const cards = board.tables.map(tableCard);
  if (!display) { box.replaceChildren(...cards); return; }
  if (start >= cards.length) start = 0;
  const rest = cards.slice(start);
  box.replaceChildren(...rest);
  let fit = rest.length;
  const overflows = rest.findIndex((c) => c.getBoundingClientRect().bottom > window.innerHeight - 12);
  if (overflows !== -1) {
    const firstTop = rest[0].getBoundingClientRect().top;
    const perRow = Math.max(1, rest.filter((c) => c.getBoundingClientRect().top === firstTop).length);
    fit = Math.max(perRow, overflows - (overflows % perRow));  // whole rows; at least one
    box.replaceChildren(...rest.slice(0, fit));
  }
  shownCount = fit;
  const pages = Math.ceil(cards.length / Math.max(1, fit));
  document.getElementById('live').textContent =
    pages > 1 ? (Math.floor(start / Math.max(1, fit)) + 1) + ' / ' + pages : '';
}

function tick() { document.getElementById('countdown').textContent = countdownText(); }

async function load() {
  board = await smGet('/console/api/board' + (round ? '?round=' + round : ''));
  clockOffset = board.server_time * 1000 - Date.now();
  if (!round && board.round) document.body.dataset.round = board.round.number;
  render();
}

function go(step) {
  round = (board.round ? board.round.number : 1) + step;
  const url = new URL(location.href);
  url.searchParams.set('round', round);
  history.replaceState(null, '', url);
  load().catch((e) => console.warn(e.message));
}

function listen() {
  const stream = new EventSource('/console/api/events');
  let pending = null;
  const status = document.getElementById('live');
  stream.addEventListener('open', () => { if (!display) status.textContent = '● ' + t('live'); status.className = 'live on'; });
  stream.addEventListener('error', () => { status.textContent = t('offline'); status.className = 'live off'; });
  const refresh = () => { if (!pending) pending = setTimeout(() => { pending = null; load().catch((e) => console.warn(e.message)); }, 100); };
  stream.addEventListener('change', refresh);
  stream.addEventListener('reset', refresh);
}

function startBoard() {
  if (display) {
    document.documentElement.classList.add('display');
    document.body.classList.add('display');
    window.addEventListener('resize', () => { if (board) drawTables(); });
    document.querySelector('header.top').remove();
    for (const id of ['prev', 'next']) document.getElementById(id).hidden = true;
    setInterval(() => { if (board) { start += shownCount; drawTables(); } }, 10000);
  }
  document.getElementById('prev').addEventListener('click', () => go(-1));
  document.getElementById('next').addEventListener('click', () => go(1));
  setInterval(tick, 1000);
  listen();
  return load();
}

smStart('board', startBoard).catch((e) => console.warn(e.message));
