/**
 * health answers GET /healthz: 200 {"status":"ok"} when the server and its
 * database answer, 503 otherwise. Load balancers and `waymark check` poll it.
 */
export function health({ db, log }) {
  return async (req, res) => {
    try {
      await db.get('SELECT 1 AS ok');
    } catch (err) {
      log.warn('health check: database unreachable', { err: err.message });
      return res.status(503).json({ status: 'unavailable', error: 'database unavailable' });
    }
    res.json({ status: 'ok' });
  };
}
