import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LOGIN_FAILURES_PER_ACCOUNT,
  LOGIN_FAILURES_PER_ADDRESS,
  LoginGuard,
  retryAfterSeconds,
  TokenBucket,
} from '../src/ratelimit.js';
import { testClock } from './helpers.js';

const start = new Date('2026-01-01T00:00:00Z');

describe('TokenBucket', () => {
  test('allows the burst, then refills one token every period/burst', () => {
    const now = testClock(start);
    const b = new TokenBucket(5, 60_000, now);
    for (let i = 0; i < 5; i++) assert.equal(b.take('k').ok, true, `take ${i + 1}`);
    assert.deepEqual(b.take('k'), { ok: false, retryAfterMs: 12_000 });
    assert.equal(b.take('other').ok, true, 'keys are independent');
    now.advance(11_000);
    assert.equal(b.take('k').ok, false);
    now.advance(1_000);
    assert.equal(b.take('k').ok, true);
  });

  test('give never fills beyond the burst', () => {
    const b = new TokenBucket(2, 60_000, testClock(start));
    for (let i = 0; i < 5; i++) b.give('k');
    const allowed = Array.from({ length: 10 }, () => b.take('k').ok).filter(Boolean).length;
    assert.equal(allowed, 2);
  });

  test('forgets refilled buckets', () => {
    const now = testClock(start);
    const b = new TokenBucket(1, 60_000, now);
    for (const k of ['a', 'b', 'c']) b.take(k);
    now.advance(120_000);
    b.take('d');
    assert.equal(b.size, 1);
  });
});

describe('LoginGuard', () => {
  test('failures limit the (account, address) pair, not the account', () => {
    const g = new LoginGuard(testClock(start));
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) assert.equal(g.attempt('ann', '10.0.0.1').ok, true);
    const refused = g.attempt('ann', '10.0.0.1');
    assert.equal(refused.ok, false);
    assert.ok(refused.retryAfterMs > 0);
    assert.equal(g.attempt('ann', '10.0.0.2').ok, true, 'ann is locked out by someone else');
  });

  test('a successful login gives its token back', () => {
    const g = new LoginGuard(testClock(start));
    for (let i = 0; i < 3 * LOGIN_FAILURES_PER_ACCOUNT; i++) {
      const a = g.attempt('ann', '10.0.0.1');
      assert.equal(a.ok, true, `login ${i + 1}`);
      a.succeeded();
    }
  });

  test('an address has a budget of failures across accounts', () => {
    const g = new LoginGuard(testClock(start));
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS; i++) assert.equal(g.attempt(`user${i}`, '10.0.0.9').ok, true);
    assert.equal(g.attempt('zed', '10.0.0.9').ok, false);
    assert.equal(g.attempt('zed', '10.0.0.10').ok, true);
  });
});

test('retryAfterSeconds rounds up to whole seconds, at least one', () => {
  assert.equal(retryAfterSeconds(0), 1);
  assert.equal(retryAfterSeconds(300), 1);
  assert.equal(retryAfterSeconds(12_000), 12);
  assert.equal(retryAfterSeconds(12_100), 13);
});
