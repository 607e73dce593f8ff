'use strict';
// Renders the endpoint list of /api/openapi.json; no external scripts (CSP: default-src 'self').
fetch('/api/openapi.json').then(r => r.json()).then(doc => {
  document.getElementById('intro').textContent = doc.info.title + ' ' + doc.info.version + ' — ' + (doc.info.description || '');
  const tbody = document.getElementById('endpoints');
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tr = document.createElement('tr');
      for (const v of [method.toUpperCase(), path, op.summary || '']) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
  }
});
