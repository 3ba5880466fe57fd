import express from 'express';
import { MAX_PAGE, pathId, sendError, validationFailed } from '../http.js';
import { getProduct, listCategories, listProducts, SORTS } from '../store/products.js';

/** catalogRouter serves the public catalog: GET /api/categories and GET /api/products[/:id]. */
export function catalogRouter({ db }) {
  const router = express.Router();

  router.get('/categories', async (req, res) => {
    res.json({ data: await listCategories(db) });
  });

  router.get('/products', async (req, res) => {
    const { filter, fields } = parseProductQuery(req.query);
    if (Object.keys(fields).length > 0) return validationFailed(res, fields);
    const { data, total } = await listProducts(db, filter);
    res.json({ data, page: filter.page, limit: filter.limit, total });
  });

  router.get('/products/:id', async (req, res) => {
    const id = pathId(req.params.id);
    const product = id && (await getProduct(db, id));
    if (!product) return sendError(res, 404, 'product not found');
    res.json(product);
  });

  return router;
}

/**
 * parseProductQuery reads page, limit, category, min_price, max_price, q
 * and sort from the query string, collecting a message per bad parameter.
 */
export function parseProductQuery(query) {
  const fields = {};
  const one = (key) => (Array.isArray(query[key]) ? query[key].at(-1) : query[key]);
  const int = (key, fallback, min, max) => {
    const raw = one(key);
    if (raw === undefined || raw === '') return fallback;
    const n = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(n) || n < min || n > max) {
      fields[key] =
        max === Infinity ? `must be a whole number from ${min}` : `must be a whole number from ${min} to ${max}`;
      return fallback;
    }
    return n;
  };
  const filter = {
    page: int('page', 1, 1, MAX_PAGE),
    limit: int('limit', 20, 1, 100),
    minPrice: int('min_price', undefined, 0, Infinity),
    maxPrice: int('max_price', undefined, 0, Infinity),
    category: one('category') || undefined,
    q: one('q')?.trim() || undefined,
    sort: one('sort') || 'id',
  };
  if (!Object.hasOwn(SORTS, filter.sort)) fields.sort = 'must be one of newest, price_asc, price_desc, name';
  return { filter, fields };
}
