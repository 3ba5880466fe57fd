/**
 * health answers GET /healthz: 200 {"status":"ok","pubsub":...} while the
 * database answers, 503 otherwise. pubsub says how rooms are shared:
 * "local" (this instance only) or "redis".
 */
export function health({ db, log, pubsub }) {
  return async (req, res) => {
    try {
      await db.get('SELECT 1 AS ok');
    } catch (err) {
      log.warn('health: database unreachable', { err: err.message });
      return res.status(503).json({ status: 'unavailable' });
    }
    res.json({ status: 'ok', pubsub });
  };
}
