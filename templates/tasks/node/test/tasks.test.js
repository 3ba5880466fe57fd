import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, signUp, testApp } from './helpers.js';

for (const dialect of dialects()) {
  describe(`tasks (${dialect})`, () => {
    let t;
    let auth;
    before(async () => {
      t = await testApp(dialect);
      ({ auth } = await signUp(t.api));
    });
    after(() => t.close());

    test('create with defaults', async () => {
      const res = await t.api
        .post('/api/tasks')
        .set('Authorization', auth)
        .send({ title: '  Write report ' })
        .expect(201);
      assert.equal(res.headers.location, `/api/tasks/${res.body.id}`);
      assert.equal(res.body.title, 'Write report');
      assert.equal(res.body.description, '');
      assert.equal(res.body.status, 'todo');
      assert.equal(res.body.priority, 'medium');
      assert.equal(res.body.due_date, null);
      assert.deepEqual(res.body.labels, []);
      assert.match(res.body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    test('create with every field, then get it', async () => {
      const body = {
        title: 'Ship',
        description: 'v1',
        status: 'doing',
        priority: 'high',
        due_date: '2026-12-01',
        labels: ['work', 'urgent', 'work'],
      };
      const created = await t.api.post('/api/tasks').set('Authorization', auth).send(body).expect(201);
      const got = await t.api.get(`/api/tasks/${created.body.id}`).set('Authorization', auth).expect(200);
      assert.deepEqual(got.body, created.body);
      assert.deepEqual(got.body.labels, ['work', 'urgent']);
      assert.equal(got.body.due_date, '2026-12-01');
    });

    test('validation names every invalid field', async () => {
      const res = await t.api
        .post('/api/tasks')
        .set('Authorization', auth)
        .send({ status: 'later', priority: 'urgent', due_date: '2026-02-30', labels: 'work', description: 7 })
        .expect(422);
      assert.equal(res.body.error, 'validation failed');
      assert.deepEqual(Object.keys(res.body.fields).sort(), [
        'description',
        'due_date',
        'labels',
        'priority',
        'status',
        'title',
      ]);
      await t.api.post('/api/tasks').set('Authorization', auth).send({ title: '   ' }).expect(422);
      await t.api
        .post('/api/tasks')
        .set('Authorization', auth)
        .send({ title: 'x'.repeat(201) })
        .expect(422);
      await t.api
        .post('/api/tasks')
        .set('Authorization', auth)
        .send([{ title: 'x' }])
        .expect(400);
    });

    test('PATCH changes only the given fields; null clears the due date', async () => {
      const created = await t.api
        .post('/api/tasks')
        .set('Authorization', auth)
        .send({ title: 'Patch me', due_date: '2026-12-01', labels: ['a'] })
        .expect(201);
      const id = created.body.id;
      const res = await t.api
        .patch(`/api/tasks/${id}`)
        .set('Authorization', auth)
        .send({ status: 'done', due_date: null })
        .expect(200);
      assert.equal(res.body.status, 'done');
      assert.equal(res.body.due_date, null);
      assert.equal(res.body.title, 'Patch me');
      assert.deepEqual(res.body.labels, ['a']);
      assert.equal(res.body.created_at, created.body.created_at);
      const bad = await t.api.patch(`/api/tasks/${id}`).set('Authorization', auth).send({ title: '' }).expect(422);
      assert.equal(typeof bad.body.fields.title, 'string');
      const labels = await t.api
        .patch(`/api/tasks/${id}`)
        .set('Authorization', auth)
        .send({ labels: ['b', 'c'] });
      assert.deepEqual(labels.body.labels, ['b', 'c']);
    });

    test('DELETE answers 204, then the task is gone', async () => {
      const created = await t.api.post('/api/tasks').set('Authorization', auth).send({ title: 'Bye' }).expect(201);
      const res = await t.api.delete(`/api/tasks/${created.body.id}`).set('Authorization', auth).expect(204);
      assert.equal(res.text, '');
      await t.api.get(`/api/tasks/${created.body.id}`).set('Authorization', auth).expect(404);
      await t.api.delete(`/api/tasks/${created.body.id}`).set('Authorization', auth).expect(404);
    });

    test('unknown and non-numeric ids are 404', async () => {
      for (const id of ['999999', 'abc', '0', '-1']) {
        await t.api.get(`/api/tasks/${id}`).set('Authorization', auth).expect(404);
      }
    });

    test('listing answers a page', async () => {
      const res = await t.api.get('/api/tasks').set('Authorization', auth).expect(200);
      assert.ok(Array.isArray(res.body.data));
      assert.equal(res.body.page, 1);
      assert.equal(res.body.limit, 20);
      assert.equal(res.body.total, res.body.data.length);
    });

    // A token outlives its user by up to its lifetime: every request must
    // find the user, or answer 401 (a deleted user's list is not "empty",
    // and creating a task for them is not a database error).
    test("a deleted user's token is refused", async () => {
      const gone = await signUp(t.api);
      const task = await t.api
        .post('/api/tasks')
        .set('Authorization', gone.auth)
        .send({ title: 'left behind' })
        .expect(201);
      await t.api
        .delete('/api/auth/me')
        .set('Authorization', gone.auth)
        .send({ current_password: 'correct-horse-42' })
        .expect(204);
      const path = `/api/tasks/${task.body.id}`;
      await t.api.get('/api/tasks').set('Authorization', gone.auth).expect(401);
      await t.api.post('/api/tasks').set('Authorization', gone.auth).send({ title: 'orphan' }).expect(401);
      await t.api.get(path).set('Authorization', gone.auth).expect(401);
      await t.api.patch(path).set('Authorization', gone.auth).send({ title: 'orphan' }).expect(401);
      await t.api.delete(path).set('Authorization', gone.auth).expect(401);
    });

    test('tasks need a token', async () => {
      await t.api.get('/api/tasks').expect(401);
      await t.api.post('/api/tasks').send({ title: 'x' }).expect(401);
    });
  });
}
