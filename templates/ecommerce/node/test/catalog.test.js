import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseProductQuery } from '../src/routes/catalog.js';
import { seedCatalog } from '../src/store/seed.js';
import { dialects, testApp } from './helpers.js';

for (const dialect of dialects()) {
  describe(`catalog (${dialect})`, () => {
    let t;
    before(async () => {
      t = await testApp(dialect, { setup: (db) => seedCatalog(db) });
    });
    after(() => t.close());

    test('seeding twice leaves the catalog alone', async () => {
      assert.equal(await seedCatalog(t.db), false);
    });

    test('categories', async () => {
      const res = await t.api.get('/api/categories').expect(200);
      assert.deepEqual(
        res.body.data.map((c) => c.slug),
        ['books', 'coffee', 'gear'],
      );
    });

    test('the list is a page with a total', async () => {
      const res = await t.api.get('/api/products').expect(200);
      assert.equal(res.body.total, 8);
      assert.equal(res.body.page, 1);
      assert.equal(res.body.limit, 20);
      const [first] = res.body.data;
      assert.equal(first.currency, 'EUR');
      assert.ok(Number.isInteger(first.price));
      assert.ok(Array.isArray(first.images));
    });

    test('page and limit', async () => {
      const res = await t.api.get('/api/products?limit=3&page=3').expect(200);
      assert.equal(res.body.data.length, 2);
      assert.equal(res.body.total, 8);
    });

    test('category, price range and sort', async () => {
      let res = await t.api.get('/api/products?category=coffee').expect(200);
      assert.equal(res.body.total, 2);
      res = await t.api.get('/api/products?min_price=2000&max_price=3000&sort=price_asc').expect(200);
      assert.deepEqual(
        res.body.data.map((p) => p.price),
        [2490, 2900],
      );
      res = await t.api.get('/api/products?sort=price_desc&limit=1').expect(200);
      assert.equal(res.body.data[0].name, 'Mechanical Keyboard');
      res = await t.api.get('/api/products?sort=name&limit=1').expect(200);
      assert.equal(res.body.data[0].name, 'Designing Data-Intensive Applications');
    });

    test('search ignores case and treats % and quotes as text', async () => {
      let res = await t.api.get('/api/products?q=DEBUGGING').expect(200);
      assert.deepEqual(
        res.body.data.map((p) => p.name),
        ['Rubber Duck'],
      );
      res = await t.api.get(`/api/products?q=${encodeURIComponent("'%")}`).expect(200);
      assert.equal(res.body.total, 0);
      res = await t.api.get('/api/products?q=_').expect(200);
      assert.equal(res.body.total, 0);
    });

    test('detail and 404', async () => {
      const res = await t.api.get('/api/products/8').expect(200);
      assert.equal(res.body.name, 'Rubber Duck');
      assert.equal(res.body.category, 'gear');
      await t.api.get('/api/products/999999').expect(404);
      await t.api.get('/api/products/abc').expect(404);
    });

    test('a bad query names every bad parameter', async () => {
      const res = await t.api.get('/api/products?limit=1000&sort=cheapest&page=0&min_price=x').expect(422);
      assert.deepEqual(Object.keys(res.body.fields).sort(), ['limit', 'min_price', 'page', 'sort']);
    });

    test('NUL bytes and huge pages are refused before any SQL', async () => {
      const cases = {
        '/api/products?q=%00': 422,
        '/api/products?q=duck%00': 422,
        '/api/products?category=gear%00': 422,
        '/api/products?sort=name%00': 422,
        '/api/products?page=9223372036854775807': 422,
        '/api/products?page=1000001': 422,
        '/api/products?page=1000000&limit=100': 200,
        '/api/products/%00': 400,
        '/api/products/1%00': 400,
      };
      for (const [path, status] of Object.entries(cases)) {
        const res = await t.api.get(path);
        assert.equal(res.status, status, `${path}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      const res = await t.api.get('/api/products?q=%00').expect(422);
      assert.equal(res.body.fields.q, 'must not contain NUL bytes');
    });

    test('no query value makes the list fail', async () => {
      const values = [
        '',
        'duck',
        '\0',
        'a\0b',
        '9223372036854775807',
        '-1',
        '1e3',
        '%',
        '_',
        '\\',
        "'",
        'é',
        'x'.repeat(200),
      ];
      const keys = ['q', 'category', 'sort', 'page', 'limit', 'min_price', 'max_price'];
      for (const value of values) {
        for (const key of keys) {
          const res = await t.api.get('/api/products').query({ [key]: value });
          assert.ok(res.status < 500, `${key}=${JSON.stringify(value)}: ${res.status}`);
        }
        const res = await t.api.get(`/api/products/${encodeURIComponent(value)}`);
        assert.ok(res.status < 500, `/api/products/${JSON.stringify(value)}: ${res.status}`);
      }
    });
  });
}

test('parseProductQuery defaults', () => {
  const { filter, fields } = parseProductQuery({});
  assert.deepEqual(fields, {});
  assert.equal(filter.page, 1);
  assert.equal(filter.limit, 20);
  assert.equal(filter.sort, 'id');
});
