// Attendance: arrivals over time as an SVG drawn here from the data, present
// per round, who is missing for the next round, who was admitted twice.
'use strict';
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Cumulative arrivals: a step line with the time axis in the venue's zone.
function chart(arrivals, zone, people, now) {
  const w = 640, h = 220, pad = 36;
  const box = svg('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', class: 'chart-svg' });
  if (!arrivals.length) return box;
  const t0 = arrivals[0].at, t1 = Math.max(arrivals[arrivals.length - 1].at + 900, t0 + 3600, now);
  const top = Math.max(people, 1);
  const x = (at) => pad + (at - t0) / (t1 - t0) * (w - 2 * pad);
  const y = (n) => h - pad - n / top * (h - 2 * pad);
  box.append(svg('line', { x1: pad, y1: h - pad, x2: w - pad, y2: h - pad, class: 'axis' }),
    svg('line', { x1: pad, y1: pad, x2: pad, y2: h - pad, class: 'axis' }),
    svg('text', { x: 4, y: y(top) + 4, class: 'tick' }, String(top)), svg('text', { x: 4, y: h - pad + 4, class: 'tick' }, '0'));
  let d = `M ${x(t0)} ${y(0)}`;
  for (const a of arrivals) d += ` L ${x(a.at)} ${y(a.total - a.arrived)} L ${x(a.at)} ${y(a.total)}`;
  d += ` L ${x(t1)} ${y(arrivals[arrivals.length - 1].total)}`;
  box.append(svg('path', { d, class: 'line' }));
  const labels = Math.min(6, arrivals.length);
  for (let i = 0; i < labels; i++) {
    const a = arrivals[Math.floor(i * (arrivals.length - 1) / Math.max(labels - 1, 1))];
    box.append(svg('text', { x: x(a.at), y: h - pad + 18, class: 'tick', 'text-anchor': 'middle' }, smClock(a.at * 1000, zone)));
  }
  return box;
}

function names(list, extra) {
  return list.length ? list.map((p) => el('li', {}, el('span', { class: 'name', text: p.name }), ' ',
    el('span', { class: 'org', text: p.organization }), extra(p))) : [el('li', { class: 'none', text: t('nobody') })];
}

smStart('attendance', async () => {
  const data = await smGet('/console/api/attendance');
  document.getElementById('summary').textContent = t('at_venue_of').replace('{n}', data.at_venue).replace('{total}', data.people);
  document.getElementById('chart').replaceChildren(chart(data.arrivals, data.timezone, data.people, data.server_time));
  document.getElementById('rounds').replaceChildren(
    el('tr', {}, el('th', { text: t('round') }), el('th', { text: t('time') }), el('th', { class: 'num', text: t('present') }), el('th', { class: 'num', text: t('expected') })),
    ...data.rounds.map((r) => el('tr', {}, el('td', { text: String(r.number) }), el('td', { text: smClock(r.starts_at * 1000, data.timezone) }),
      el('td', { class: 'num', text: String(r.present) }), el('td', { class: 'num', text: String(r.expected) }))));
  document.getElementById('missing-title').textContent = t('missing') + ' ' + data.next_round;
  document.getElementById('missing').replaceChildren(...names(data.missing, (p) => ' · ' + t('table') + ' ' + p.table));
  document.getElementById('doubles').replaceChildren(...names(data.doubles, (p) => ' · ' + p.devices.join(', ')));
}).catch((e) => console.warn(e.message));
