import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, signUp, testApp } from './helpers.js';

for (const dialect of dialects()) {
  describe(`isolation (${dialect})`, () => {
    let t;
    let alice;
    let bob;
    let task;
    before(async () => {
      t = await testApp(dialect);
      alice = await signUp(t.api);
      bob = await signUp(t.api);
      task = (await t.api.post('/api/tasks').set('Authorization', alice.auth).send({ title: 'secret' }).expect(201))
        .body;
    });
    after(() => t.close());

    test("another user's task is 404 on GET, PATCH and DELETE", async () => {
      await t.api.get(`/api/tasks/${task.id}`).set('Authorization', bob.auth).expect(404);
      await t.api.patch(`/api/tasks/${task.id}`).set('Authorization', bob.auth).send({ title: 'mine' }).expect(404);
      await t.api.delete(`/api/tasks/${task.id}`).set('Authorization', bob.auth).expect(404);
      const still = await t.api.get(`/api/tasks/${task.id}`).set('Authorization', alice.auth).expect(200);
      assert.equal(still.body.title, 'secret');
    });

    test('listings show only your own tasks', async () => {
      const res = await t.api.get('/api/tasks').set('Authorization', bob.auth).expect(200);
      assert.equal(res.body.total, 0);
      assert.deepEqual(res.body.data, []);
    });
  });
}
