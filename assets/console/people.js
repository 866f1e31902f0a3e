// People: search as you type; each result opens the person's page.
'use strict';
let searching = null;

async function search() {
  const q = document.getElementById('q').value.trim();
  const data = await smGet('/console/api/people?q=' + encodeURIComponent(q));
  document.getElementById('results').replaceChildren(...data.people.map((p) =>
    el('li', {}, el('a', { href: '/people/' + encodeURIComponent(p.id) },
      el('span', { class: 'name', text: p.name }), el('span', { class: 'org', text: p.organization }),
      el('span', { class: 'id', text: p.id })))));
}

// Adds the walk-in, downloads their badge, then opens their page.
async function walkIn(event) {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value;
  const answer = await smPost('/console/api/walk-in', {
    name: value('walk-in-name').trim(), organization: value('walk-in-organization').trim(),
    role: value('walk-in-role'), language: value('walk-in-language'),
  });
  const message = document.getElementById('walk-in-message');
  if (!answer.ok) { message.className = 'message error'; message.textContent = (await answer.json()).message; return; }
  const id = answer.headers.get('X-Participant-Id');
  const url = URL.createObjectURL(await answer.blob());
  const link = el('a', { href: url, download: 'badge-' + id + '.pdf' });
  document.body.append(link);
  link.click();
  link.remove();
  message.className = 'message';
  message.textContent = t('done') + ' ' + id;
  setTimeout(() => { location.href = '/people/' + encodeURIComponent(id); }, 400);
}

smStart('people', async () => {
  document.getElementById('walk-in').addEventListener('submit', walkIn);
  const q = document.getElementById('q');
  q.value = new URLSearchParams(location.search).get('q') || '';
  q.addEventListener('input', () => { clearTimeout(searching); searching = setTimeout(search, 150); });
  document.getElementById('search-form').addEventListener('submit', (e) => { e.preventDefault(); search(); });
  await search();
}).catch((e) => console.warn(e.message));
