import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, signUp, testApp } from './helpers.js';

for (const dialect of dialects()) {
  describe(`query (${dialect})`, () => {
    let t;
    let auth;
    const titles = (res) => res.body.data.map((task) => task.title);
    const list = (qs, status = 200) => t.api.get(`/api/tasks?${qs}`).set('Authorization', auth).expect(status);

    before(async () => {
      t = await testApp(dialect);
      ({ auth } = await signUp(t.api));
      const tasks = [
        { title: 'alpha', status: 'todo', priority: 'low', due_date: '2026-01-10', labels: ['work'] },
        { title: 'Bravo', status: 'doing', priority: 'high', due_date: '2026-03-01', labels: ['home'] },
        { title: 'charlie', status: 'done', priority: 'medium', labels: ['work', 'home'], description: 'Find 50%_off' },
        { title: 'delta', status: 'todo', priority: 'high', due_date: '2026-02-01' },
        { title: 'echo', status: 'todo', priority: 'medium' },
      ];
      for (const task of tasks) {
        await t.api.post('/api/tasks').set('Authorization', auth).send(task).expect(201);
        t.now.advance(1000); // distinct created_at
      }
      // Someone else's task never shows.
      const other = await signUp(t.api);
      await t.api.post('/api/tasks').set('Authorization', other.auth).send({ title: 'alpha other' }).expect(201);
    });
    after(() => t.close());

    test('default: newest first, everything', async () => {
      const res = await list('');
      assert.deepEqual(titles(res), ['echo', 'delta', 'charlie', 'Bravo', 'alpha']);
      assert.equal(res.body.total, 5);
    });

    test('filters combine with AND', async () => {
      assert.deepEqual(titles(await list('status=todo&priority=high')), ['delta']);
      assert.deepEqual(titles(await list('label=work&sort=title')), ['alpha', 'charlie']);
      assert.deepEqual(titles(await list('due_before=2026-02-01&sort=due_date')), ['alpha']);
      assert.deepEqual(titles(await list('due_after=2026-01-10&sort=due_date')), ['delta', 'Bravo']);
    });

    test('q searches title and description, case-insensitively and literally', async () => {
      assert.deepEqual(titles(await list('q=BRAV')), ['Bravo']);
      assert.deepEqual(titles(await list('q=50%25_')), ['charlie']);
      assert.deepEqual(titles(await list('q=%25')), ['charlie']);
    });

    test('sorting', async () => {
      assert.deepEqual(titles(await list('sort=title')), ['alpha', 'Bravo', 'charlie', 'delta', 'echo']);
      assert.deepEqual(titles(await list('sort=-priority')), ['delta', 'Bravo', 'echo', 'charlie', 'alpha']);
      assert.deepEqual(titles(await list('sort=due_date')), ['alpha', 'delta', 'Bravo', 'charlie', 'echo']);
      assert.deepEqual(titles(await list('sort=-due_date')), ['Bravo', 'delta', 'alpha', 'echo', 'charlie']);
      assert.deepEqual(titles(await list('sort=created_at')), ['alpha', 'Bravo', 'charlie', 'delta', 'echo']);
    });

    test('pagination', async () => {
      const res = await list('sort=title&page=2&limit=2');
      assert.deepEqual(titles(res), ['charlie', 'delta']);
      assert.deepEqual({ ...res.body, data: undefined }, { data: undefined, page: 2, limit: 2, total: 5 });
      const past = await list('page=9&limit=2');
      assert.deepEqual(past.body.data, []);
      assert.equal(past.body.total, 5);
    });

    test('the last page there may be answers, even if empty', async () => {
      const res = await list('page=100000&limit=100');
      assert.deepEqual(res.body.data, []);
      assert.equal(res.body.page, 100000);
      assert.equal(res.body.total, 5);
    });

    test('invalid parameters are 422 naming them', async () => {
      for (const [qs, field] of [
        ['status=later', 'status'],
        ['priority=urgent', 'priority'],
        ['sort=owner_id', 'sort'],
        ['page=0', 'page'],
        ['page=-1', 'page'],
        // (page-1)*limit must stay an exact integer, never a huge or negative OFFSET.
        ['page=9223372036854775807', 'page'],
        ['page=9007199254740991', 'page'],
        ['page=100001', 'page'],
        ['limit=101', 'limit'],
        ['limit=x', 'limit'],
        ['due_before=2026-13-01', 'due_before'],
        ['due_after=tomorrow', 'due_after'],
      ]) {
        const res = await list(qs, 422);
        assert.equal(typeof res.body.fields[field], 'string', qs);
      }
    });
  });
}
