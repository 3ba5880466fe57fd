import express from 'express';
import { z } from 'zod';
import { adminOnly } from '../auth/middleware.js';
import { pathId, sendError, validationFailed } from '../http.js';
import { categoryId, createProduct, deleteProduct, updateProduct } from '../store/products.js';
import { msg, parseBody } from '../validate.js';

const count = (what) =>
  z
    .number(msg('a number'))
    .int({ error: `must be a whole number (${what})` })
    .min(0, { error: 'must not be negative' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' });

// PUT replaces, so both routes take the whole product.
const productInput = z.object({
  name: z.string(msg('a string')).trim().min(1, { error: 'is required' }).max(200, { error: 'is too long' }),
  description: z.string(msg('a string')).max(5000, { error: 'is too long' }).default(''),
  price: count('minor units: 1999 is 19.99'),
  currency: z
    .string(msg('a string'))
    .regex(/^[A-Z]{3}$/, { error: 'must be a three-letter code such as EUR' })
    .optional(),
  stock: count('items'),
  category: z.string(msg('a string')).nullable().optional(),
  images: z
    .array(z.url({ protocol: /^https?$/, error: 'must be http(s) URLs' }), msg('an array of URLs'))
    .max(20, { error: 'at most 20' })
    .default([]),
});

/** adminProductsRouter: POST /, PUT /:id and DELETE /:id of /api/products, for admins. */
export function adminProductsRouter({ db, tokens, now, currency }) {
  const router = express.Router();
  const admin = adminOnly(tokens, db);

  // readProduct validates the body and resolves the category slug; undefined after answering.
  const readProduct = async (req, res) => {
    const input = parseBody(productInput, req, res);
    if (!input) return undefined;
    let catId = null;
    if (input.category) {
      catId = await categoryId(db, input.category);
      if (catId === undefined) return void validationFailed(res, { category: 'is not a known category slug' });
    }
    return { ...input, currency: input.currency ?? currency, categoryId: catId };
  };

  router.post('/', admin, async (req, res) => {
    const input = await readProduct(req, res);
    if (!input) return;
    const product = await createProduct(db, input, now());
    res.status(201).location(`/api/products/${product.id}`).json(product);
  });

  router.put('/:id', admin, async (req, res) => {
    const id = pathId(req.params.id);
    if (!id) return sendError(res, 404, 'product not found');
    const input = await readProduct(req, res);
    if (!input) return;
    const product = await updateProduct(db, id, input);
    if (!product) return sendError(res, 404, 'product not found');
    res.json(product);
  });

  router.delete('/:id', admin, async (req, res) => {
    const id = pathId(req.params.id);
    const outcome = id ? await deleteProduct(db, id) : 'missing';
    if (outcome === 'missing') return sendError(res, 404, 'product not found');
    if (outcome === 'ordered') return sendError(res, 409, 'orders reference this product: set its stock to 0 instead');
    res.status(204).end();
  });

  return router;
}
