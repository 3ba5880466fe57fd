// The hardening a service on the internet needs: security headers, a body
// size limit and a login rate limit.

/** Request bodies over 1 MiB answer 413 (express.json's limit). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** At most LOGIN_ATTEMPTS login attempts per email per LOGIN_WINDOW_MS. */
export const LOGIN_ATTEMPTS = 5;
export const LOGIN_WINDOW_MS = 60_000;

/**
 * securityHeaders sets headers that make browsers safer with an API: no
 * MIME sniffing, never framed, no referrer, nothing cached, no scripts.
 */
export function securityHeaders(req, res, next) {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  next();
}

/**
 * RateLimiter counts attempts per key in fixed windows: limit attempts per
 * windowMs, counted from the first attempt of a window. It lives in memory,
 * which is fine for one process; several instances would share a store
 * such as Redis.
 */
export class RateLimiter {
  #windows = new Map(); // key -> { start, count }
  #lastSweep;

  constructor(limit, windowMs, now = () => new Date()) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.now = now;
    this.#lastSweep = now().getTime();
  }

  /**
   * allow counts one attempt for key. It answers { ok: true }, or
   * { ok: false, retryAfter } with the whole seconds until the window ends.
   */
  allow(key) {
    const now = this.now().getTime();
    this.#sweep(now);
    let w = this.#windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.#windows.set(key, w);
    }
    if (w.count >= this.limit) {
      return { ok: false, retryAfter: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) };
    }
    w.count++;
    return { ok: true };
  }

  /** #sweep forgets ended windows, at most once per window, so memory stays bounded. */
  #sweep(now) {
    if (now - this.#lastSweep < this.windowMs) return;
    for (const [key, w] of this.#windows) {
      if (now - w.start >= this.windowMs) this.#windows.delete(key);
    }
    this.#lastSweep = now;
  }
}
