import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOGIN_FAILURES_PER_ACCOUNT, REGISTRATIONS_PER_ADDRESS } from '../src/ratelimit.js';
import { dialects, testApp, testClock, uniqueEmail } from './helpers.js';
import { signUp } from './shop.js';

const PASSWORD = 'correct-horse-42';

for (const dialect of dialects()) {
  describe(`login and registration limits (${dialect})`, () => {
    let t; // TRUST_PROXY=1: each test picks its client address with X-Forwarded-For
    let direct; // TRUST_PROXY unset: X-Forwarded-For is the client's word, ignored
    before(async () => {
      t = await testApp(dialect, { config: { trustProxy: true }, now: testClock() });
      direct = await testApp(dialect);
    });
    after(async () => {
      await t.close();
      await direct.close();
    });

    let hosts = 0;
    const newAddress = () => `198.51.100.${++hosts}`;
    const login = (app, email, password, addr) =>
      app.api.post('/api/auth/login').set('X-Forwarded-For', `6.6.6.6, ${addr}`).send({ email, password });

    test('the 6th login after 5 failures is 429 with Retry-After, even with the right password', async () => {
      const email = uniqueEmail();
      await signUp(t.api, email);
      const addr = newAddress();
      for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) await login(t, email, 'wrong-password', addr).expect(401);
      const res = await login(t, email.toUpperCase(), PASSWORD, addr).expect(429);
      const wait = Number(res.headers['retry-after']);
      assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After: ${res.headers['retry-after']}`);
      assert.equal(typeof res.body.error, 'string');

      // Nobody locks the account out from elsewhere; other accounts are not held to its budget.
      await login(t, email, PASSWORD, newAddress()).expect(200);
      await login(t, uniqueEmail(), 'wrong-password', addr).expect(401);
      // A token comes back after 60 s / 5.
      t.now.advance(12_000);
      await login(t, email, PASSWORD, addr).expect(200);
    });

    test('successful logins are never limited', async () => {
      const email = uniqueEmail();
      await signUp(t.api, email);
      const addr = newAddress();
      for (let i = 0; i < 3 * LOGIN_FAILURES_PER_ACCOUNT; i++) await login(t, email, PASSWORD, addr).expect(200);
    });

    test('without TRUST_PROXY a forged X-Forwarded-For gets no new budget', async () => {
      const email = uniqueEmail();
      for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) await login(direct, email, 'wrong-password', newAddress());
      await login(direct, email, 'wrong-password', newAddress()).expect(429);
    });

    test(`registration: ${REGISTRATIONS_PER_ADDRESS} attempts a minute per address`, async () => {
      const addr = newAddress();
      const register = (body, from = addr) => t.api.post('/api/auth/register').set('X-Forwarded-For', from).send(body);
      for (let i = 0; i < REGISTRATIONS_PER_ADDRESS; i++)
        await register({ email: 'nope', password: 'short' }).expect(422);
      const res = await register({ email: uniqueEmail(), password: PASSWORD }).expect(429);
      assert.ok(Number(res.headers['retry-after']) >= 1);
      await register({ email: uniqueEmail(), password: PASSWORD }, newAddress()).expect(201);
    });
  });
}
