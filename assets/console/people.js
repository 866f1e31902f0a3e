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

smStart('people', async () => {
  const q = document.getElementById('q');
  q.value = new URLSearchParams(location.search).get('q') || '';
  q.addEventListener('input', () => { clearTimeout(searching); searching = setTimeout(search, 150); });
  document.getElementById('search-form').addEventListener('submit', (e) => { e.preventDefault(); search(); });
  await search();
}).catch((e) => console.warn(e.message));
