// Token buckets that slow down password guessing and sign-up floods.
//
// The rule is the same in every waymark project:
//  - a login is refused with 429 when its (account, client address) pair has
//    used its burst of failures (5, refilled over a minute), or when the
//    client address has failed too often across all accounts (20 a minute);
//  - a successful login gives its token back, so a user who logs in often is
//    never slowed down;
//  - registration takes one token per attempt from a per-address budget (30,
//    refilled over a minute).
// Keying the account's budget by address as well means nobody can lock a user
// out from another machine by guessing their password on purpose; a guesser
// spread over many addresses is still held to the per-address budget and to
// bcrypt's cost. The state is per process: several instances each count on
// their own.

export const LOGIN_FAILURES_PER_ACCOUNT = 5;
export const LOGIN_FAILURES_PER_ADDRESS = 20;
export const REGISTRATIONS_PER_ADDRESS = 30;
export const PERIOD_MS = 60_000;

/**
 * TokenBucket keeps one bucket per key: each holds up to `burst` tokens and
 * regains `burst` tokens every `periodMs`, continuously.
 */
export class TokenBucket {
  #keys = new Map(); // key -> { tokens, at }
  #lastSweep;

  constructor(burst, periodMs, now = () => new Date()) {
    if (!(burst >= 1 && periodMs > 0)) throw new Error('ratelimit: burst and period must be positive');
    this.burst = burst;
    this.ratePerMs = burst / periodMs;
    this.now = now;
    this.#lastSweep = now().getTime();
  }

  /**
   * take takes one token for key: { ok: true }, or, when none is left,
   * { ok: false, retryAfterMs } with the time until one will be there.
   */
  take(key) {
    const now = this.now().getTime();
    this.#sweep(now);
    const s = this.#refilled(key, now);
    if (s.tokens < 1) return { ok: false, retryAfterMs: (1 - s.tokens) / this.ratePerMs };
    s.tokens -= 1;
    return { ok: true };
  }

  /** give returns one token to key, never beyond the burst. */
  give(key) {
    const s = this.#refilled(key, this.now().getTime());
    s.tokens = Math.min(this.burst, s.tokens + 1);
  }

  get size() {
    return this.#keys.size;
  }

  #refilled(key, now) {
    let s = this.#keys.get(key);
    if (!s) {
      s = { tokens: this.burst, at: now };
      this.#keys.set(key, s);
      return s;
    }
    if (now > s.at) s.tokens = Math.min(this.burst, s.tokens + (now - s.at) * this.ratePerMs);
    s.at = now;
    return s;
  }

  /** #sweep forgets refilled buckets, at most once per refill period, so memory stays bounded. */
  #sweep(now) {
    const full = this.burst / this.ratePerMs;
    if (now - this.#lastSweep < full) return;
    for (const [key, s] of this.#keys) {
      if (now - s.at >= full) this.#keys.delete(key);
    }
    this.#lastSweep = now;
  }
}

/** LoginGuard applies the login rule above. */
export class LoginGuard {
  constructor(now = () => new Date()) {
    this.pair = new TokenBucket(LOGIN_FAILURES_PER_ACCOUNT, PERIOD_MS, now);
    this.address = new TokenBucket(LOGIN_FAILURES_PER_ADDRESS, PERIOD_MS, now);
  }

  /**
   * attempt reserves one failure for a login to account from addr. It answers
   * { ok: false, retryAfterMs } when refused (answer 429 with Retry-After), or
   * { ok: true, succeeded } where succeeded() gives the reservation back once
   * the password proved right.
   */
  attempt(account, addr) {
    const pairKey = `${account}\u0000${addr}`;
    const byAddress = this.address.take(addr);
    if (!byAddress.ok) return byAddress;
    const byPair = this.pair.take(pairKey);
    if (!byPair.ok) {
      this.address.give(addr);
      return byPair;
    }
    return {
      ok: true,
      succeeded: () => {
        this.pair.give(pairKey);
        this.address.give(addr);
      },
    };
  }
}

/** retryAfterSeconds is a wait as a Retry-After value: whole seconds, at least one. */
export function retryAfterSeconds(ms) {
  return Math.max(1, Math.ceil(ms / 1000));
}
