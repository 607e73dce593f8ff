// Labelloop browser UI: a small hash router over plain ES modules. No build step, no CDN.
import { get, post, setCsrf, setUnauthenticatedHandler } from './api.js';
import { h, replace, showError, errorBox } from './dom.js';
import { renderLogin } from './views/login.js';
import { renderProjects } from './views/projects.js';
import { renderProjectEditor } from './views/project-editor.js';
import { renderImport } from './views/import.js';
import { renderExport } from './views/export.js';
import { renderLabel } from './views/label.js';
import { renderReview } from './views/review.js';
import { renderDashboard } from './views/dashboard.js';
import { renderMembers } from './views/members.js';
import { renderKeys } from './views/keys.js';
import { renderUsers } from './views/users.js';
import { renderWebhooks } from './views/webhooks.js';
import { renderSettings } from './views/settings.js';
import { renderAccount } from './views/account.js';
import { projectTabs } from './views/project-tabs.js';

const session = { me: null };
let cleanup = null;
let renderSeq = 0;

const routes = [
  [/^\/$/, renderProjects],
  [/^\/new$/, renderProjectEditor],
  [/^\/keys$/, renderKeys],
  [/^\/users$/, renderUsers],
  [/^\/account$/, renderAccount],
  [/^\/p\/([^/]+)$/, renderDashboard, 'dashboard'],
  [/^\/p\/([^/]+)\/label$/, renderLabel, 'label'],
  [/^\/p\/([^/]+)\/review(?:\?(.*))?$/, renderReview, 'review'], // ?labeledBy=USER_ID narrows it to their answers
  [/^\/p\/([^/]+)\/import$/, renderImport, 'import'],
  [/^\/p\/([^/]+)\/export$/, renderExport, 'export'],
  [/^\/p\/([^/]+)\/members$/, renderMembers, 'members'],
  [/^\/p\/([^/]+)\/interface$/, renderProjectEditor, 'interface'],
  [/^\/p\/([^/]+)\/webhooks$/, renderWebhooks, 'webhooks'],
  [/^\/p\/([^/]+)\/settings(?:\/([a-z]+))?$/, renderSettings, 'settings'],
];

export function navigate(path) {
  if (location.hash === '#' + path) route();
  else location.hash = '#' + path;
}

function currentPath() {
  const p = location.hash.replace(/^#/, '');
  return p.startsWith('/') ? p : '/';
}

function renderNav() {
  const nav = document.getElementById('topnav');
  if (!session.me) { replace(nav); return; }
  const u = session.me.user;
  replace(nav,
    h('a', { href: '#/', text: 'Projects' }),
    u.admin ? h('a', { href: '#/users', id: 'users-link', text: 'Users' }) : null,
    h('a', { href: '#/keys', text: 'API keys' }),
    h('a', { href: '/api/docs', text: 'API docs' }),
    h('a', { class: 'whoami', id: 'account-link', href: '#/account', title: 'Your account: ' + u.email, text: (u.name || u.email) + (u.admin ? ' (admin)' : '') }),
    h('button', { id: 'logout', class: 'secondary small', onclick: logout }, 'Log out'));
}

async function logout() {
  try {
    await post('/api/v1/auth/logout');
  } catch (e) {
    showError(e, 'Logout failed');
    return;
  }
  session.me = null;
  setCsrf(null);
  const t = document.getElementById('toast');
  if (t) t.hidden = true;
  renderNav();
  showLogin();
}

function showLogin(message) {
  if (cleanup) { cleanup(); cleanup = null; }
  const root = document.getElementById('app');
  renderLogin(root, {
    message,
    onLoggedIn: (me) => {
      session.me = me;
      setCsrf(me.csrfToken);
      renderNav();
      if (currentPath() === '/login') navigate('/'); else route();
    },
  });
}

async function route() {
  const seq = ++renderSeq;
  if (cleanup) { try { cleanup(); } catch { /* ignore */ } cleanup = null; }
  if (!session.me) { showLogin(); return; }
  const path = currentPath();
  const root = document.getElementById('app');
  for (const [re, view, tab] of routes) {
    const m = path.match(re);
    if (!m) continue;
    const ctx = { me: session.me.user, params: m.slice(1).map((x) => (x === undefined ? x : decodeURIComponent(x))), navigate, tab };
    try {
      let container = root;
      if (tab) {
        const project = await get('/api/v1/projects/' + encodeURIComponent(ctx.params[0]));
        if (seq !== renderSeq) return;
        ctx.project = project;
        container = h('div', { class: 'project-body' });
        replace(root, projectTabs(project, tab, session.me.user), container);
      } else {
        replace(root);
      }
      const c = await view(container, ctx);
      if (seq !== renderSeq) { if (typeof c === 'function') c(); return; }
      cleanup = typeof c === 'function' ? c : null;
    } catch (e) {
      if (seq !== renderSeq) return;
      if (e.status === 401) return;
      replace(root, h('section', { class: 'panel' }, h('h1', { text: 'Something went wrong' }), errorBox(e),
        h('p', null, h('a', { href: '#/', text: '← Back to projects' }))));
    }
    return;
  }
  replace(root, h('section', { class: 'panel' }, h('h1', { text: 'Page not found' }), h('p', null, h('a', { href: '#/', text: '← Back to projects' }))));
}

async function boot() {
  setUnauthenticatedHandler(() => {
    if (!session.me) return;
    session.me = null;
    setCsrf(null);
    renderNav();
    showLogin('Your session has ended. Please log in again.');
  });
  try {
    const me = await get('/api/v1/auth/session');
    session.me = me.authenticated ? me : null;
    setCsrf(me.authenticated ? me.csrfToken : null);
  } catch (e) {
    showError(e, 'Could not check your session');
    session.me = null;
  }
  renderNav();
  window.addEventListener('hashchange', route);
  route();
}

boot();
