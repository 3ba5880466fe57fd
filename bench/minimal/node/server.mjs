// The Node baseline of bench/solutions.sh: the smallest node:http server
// that answers the two list requests the benchmark loads, with the same SQL,
// the same drivers (better-sqlite3, pg) and the same settings as the Node
// solutions (templates/tasks/node, templates/ecommerce/node), and the same
// JSON shape. What a solution adds on top (Express, middleware,
// authentication, validation) is what the benchmark compares.
//
//   GET /api/tasks?owner=1&status=todo&limit=20&page=1  (ORDER BY due date, as ?sort=due_date)
//   GET /api/products?limit=20&page=1                   (ORDER BY id, the default)
//
// No authentication (the owner is a query parameter): a baseline for
// measuring, never a server to expose. Run it from a solution's folder, whose
// node_modules has the drivers. Environment: DATABASE_URL, PORT, HOST (127.0.0.1).
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const url = process.env.DATABASE_URL ?? '';

// The solutions' list queries for these two requests, written out.
const SQL = {
  countTasks: 'SELECT COUNT(*) AS total FROM tasks t WHERE t.owner_id = ? AND t.status = ?',
  pageTasks: `SELECT t.id, t.title, t.description, t.status, t.priority, t.due_date, t.created_at, t.updated_at
    FROM tasks t WHERE t.owner_id = ? AND t.status = ?
    ORDER BY (t.due_date IS NULL) ASC, t.due_date ASC, t.id ASC LIMIT ? OFFSET ?`,
  labels: (n) =>
    `SELECT task_id, label FROM task_labels WHERE task_id IN (${Array(n).fill('?').join(', ')}) ORDER BY task_id, position`,
  countProducts: 'SELECT COUNT(*) AS total FROM products p LEFT JOIN categories c ON c.id = p.category_id',
  pageProducts: `SELECT p.id, p.name, p.description, p.price, p.currency, p.stock, c.slug AS category, p.images, p.created_at
    FROM products p LEFT JOIN categories c ON c.id = p.category_id ORDER BY p.id ASC LIMIT ? OFFSET ?`,
};

// all(sql, params) -> rows, on either database, set up as the solutions do.
let all;
if (url.startsWith('postgres')) {
  const pg = require('pg');
  const types = {
    getTypeParser: (oid, format) =>
      oid === 20 ? Number : oid === 1082 ? (v) => v : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  all = async (sql, params) => {
    let n = 0;
    return (await pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
  };
} else {
  const Database = require('better-sqlite3');
  const db = new Database(url.replace(/^sqlite:(\/\/)?/, ''));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const statements = new Map(); // prepared once, as the solutions' adapter keeps them
  all = async (sql, params) => {
    if (!statements.has(sql)) statements.set(sql, db.prepare(sql));
    return statements.get(sql).all(params);
  };
}

const rfc3339 = (t) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function listTasks(q, page, limit) {
  const owner = Number(q.get('owner'));
  const status = q.get('status');
  const [{ total }] = await all(SQL.countTasks, [owner, status]);
  const rows = await all(SQL.pageTasks, [owner, status, limit, (page - 1) * limit]);
  const labels = new Map(rows.map((r) => [r.id, []]));
  if (rows.length > 0) {
    for (const l of await all(SQL.labels(rows.length), [...labels.keys()])) labels.get(l.task_id).push(l.label);
  }
  const data = rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    status: r.status,
    priority: r.priority,
    due_date: r.due_date ?? null,
    labels: labels.get(r.id),
    created_at: rfc3339(r.created_at),
    updated_at: rfc3339(r.updated_at),
  }));
  return { data, page, limit, total: Number(total) };
}

async function listProducts(page, limit) {
  const [{ total }] = await all(SQL.countProducts, []);
  const rows = await all(SQL.pageProducts, [limit, (page - 1) * limit]);
  const data = rows.map((r) => ({ ...r, images: JSON.parse(r.images), created_at: rfc3339(r.created_at) }));
  return { data, page, limit, total: Number(total) };
}

const server = http.createServer(async (req, res) => {
  const { pathname, searchParams: q } = new URL(req.url, 'http://localhost');
  const page = Math.max(1, Number(q.get('page')) || 1);
  const limit = Number(q.get('limit')) || 20;
  try {
    let body;
    if (req.method === 'GET' && pathname === '/api/tasks') body = await listTasks(q, page, limit);
    else if (req.method === 'GET' && pathname === '/api/products') body = await listProducts(page, limit);
    else {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"error":"not found"}');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  } catch (err) {
    console.error(err);
    res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"error":"internal server error"}');
  }
});
server.listen(Number(process.env.PORT), process.env.HOST || '127.0.0.1');
