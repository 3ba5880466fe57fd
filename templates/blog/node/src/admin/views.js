// The dashboard's pages, as tagged templates. html`...` escapes every value
// it interpolates unless it is itself html (a SafeHtml), so a title such as
// <script>alert(1)</script> shows as text and never runs.

class SafeHtml {
  constructor(text) {
    this.text = text;
  }

  toString() {
    return this.text;
  }
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escape(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const render = (value) => {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escape(value);
};

/** html is the escaping tag: html`<p>${untrusted}</p>`. */
export function html(strings, ...values) {
  return new SafeHtml(strings.reduce((out, s, i) => out + render(values[i - 1]) + s));
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #222; }
header { background: #1f2937; color: #fff; padding: .6rem 1.5rem; display: flex; gap: 1.2rem; align-items: center; }
header a { color: #e5e7eb; text-decoration: none; }
header form { margin-left: auto; }
main { padding: 1.5rem; max-width: 70rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
form.inline { display: inline; }
.muted { color: #6b7280; }
.error { color: #b91c1c; }
.counts { display: flex; gap: 1rem; }
.counts div { border: 1px solid #e5e7eb; border-radius: 6px; padding: .8rem 1.2rem; }
.counts strong { display: block; font-size: 1.6rem; }
.notice { background: #fff7e0; border: 1px solid #f0d98a; padding: .6rem .8rem; border-radius: 4px; }
`;

/** csrfInput is the hidden field every dashboard form carries. */
const csrfInput = (csrf) => html`<input type="hidden" name="csrf_token" value="${csrf}" />`;

/** button is a one-button POST form. */
const button = (action, label, csrf) =>
  html`<form class="inline" method="post" action="${action}">${csrfInput(csrf)}<button>${label}</button></form>`;

function layout({ title, session, body }) {
  const nav = session
    ? html`<a href="/admin">Overview</a><a href="/admin/users">Users</a><a href="/admin/articles">Articles</a>
        <a href="/admin/comments">Comments</a>
        <form method="post" action="/admin/logout">
          ${csrfInput(session.csrf)}<button>Sign out ${session.user.username}</button>
        </form>`
    : '';
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Blog admin</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header><strong>Blog admin</strong>${nav}</header>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html> `.text;
}

export function loginPage({ csrf, message, email }) {
  return layout({
    title: 'Sign in',
    body: html`${message ? html`<p class="error">${message}</p>` : ''}
      <form method="post" action="/admin/login">
        ${csrfInput(csrf)}
        <p>
          <label>Email <input type="email" name="email" value="${email ?? ''}" required autofocus /></label>
        </p>
        <p>
          <label>Password <input type="password" name="password" required /></label>
        </p>
        <p><button>Sign in</button></p>
      </form>`,
  });
}

export function messagePage({ title, message, session }) {
  return layout({ title, session, body: html`<p>${message}</p>` });
}

/** notBuiltPage is what the starter's dashboard shows until its milestone is built. */
export function notBuiltPage({ milestone }) {
  return layout({
    title: 'Not built yet',
    body: html`<p class="notice">The admin dashboard is not built yet: it is the <b>${milestone}</b> milestone.</p>
      <p>
        Its pages are ready in <code>src/admin/views.js</code>. What serves them is yours to write: signing an admin in
        with a session cookie, a CSRF token on every form, and the routes of <code>/admin</code>,
        <code>/admin/users</code>, <code>/admin/articles</code> and <code>/admin/comments</code>.
      </p>
      <p class="muted">Run <code>waymark check</code> to see what to do next.</p>`,
  });
}

export function overviewPage({ session, counts }) {
  return layout({
    title: 'Overview',
    session,
    body: html`<div class="counts">
      <div><strong>${counts.users}</strong> users</div>
      <div><strong>${counts.articles}</strong> articles (${counts.unpublished} unpublished)</div>
      <div><strong>${counts.comments}</strong> comments</div>
    </div>`,
  });
}

export function usersPage({ session, users, roles }) {
  const rows = users.map(
    (u) =>
      html`<tr>
        <td>${u.username}</td>
        <td>${u.email}</td>
        <td>
          <form class="inline" method="post" action="/admin/users/${encodeURIComponent(u.username)}/role">
            ${csrfInput(session.csrf)}
            <select name="role" aria-label="Role of ${u.username}">
              ${roles.map((r) => html`<option${r === u.role ? html` selected` : ''}>${r}</option>`)}
            </select>
            <button>Change</button>
          </form>
        </td>
      </tr>`,
  );
  return layout({
    title: 'Users',
    session,
    body: html`<table>
      <tr>
        <th>Username</th>
        <th>Email</th>
        <th>Role</th>
      </tr>
      ${rows}
    </table>`,
  });
}

export function articlesPage({ session, articles }) {
  const rows = articles.map((a) => {
    const base = `/admin/articles/${encodeURIComponent(a.slug)}`;
    return html`<tr>
      <td>${a.title}<br /><span class="muted">${a.slug}</span></td>
      <td>${a.author}</td>
      <td>${a.created_at}</td>
      <td>${a.published ? 'published' : 'hidden'}</td>
      <td>
        ${a.published ? button(`${base}/unpublish`, 'Unpublish', session.csrf) : button(`${base}/publish`, 'Publish', session.csrf)}
        ${button(`${base}/delete`, 'Delete', session.csrf)}
      </td>
    </tr>`;
  });
  return layout({
    title: 'Articles',
    session,
    body: html`<table>
      <tr>
        <th>Title</th>
        <th>Author</th>
        <th>Created</th>
        <th>State</th>
        <th></th>
      </tr>
      ${rows}
    </table>`,
  });
}

export function commentsPage({ session, comments }) {
  const rows = comments.map(
    (c) =>
      html`<tr>
        <td>${c.body}</td>
        <td>${c.author}</td>
        <td>${c.article}</td>
        <td>${c.created_at}</td>
        <td>${button(`/admin/comments/${c.id}/delete`, 'Delete', session.csrf)}</td>
      </tr>`,
  );
  return layout({
    title: 'Comments',
    session,
    body: html`<table>
      <tr>
        <th>Comment</th>
        <th>Author</th>
        <th>Article</th>
        <th>Created</th>
        <th></th>
      </tr>
      ${rows}
    </table>`,
  });
}
