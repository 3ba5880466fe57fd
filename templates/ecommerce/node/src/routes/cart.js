import express from 'express';
import { z } from 'zod';
import { signedIn } from '../auth/middleware.js';
import { pathId, sendError, validationFailed } from '../http.js';
import { getCart, removeLine, setQuantity } from '../store/cart.js';
import { msg, parseBody } from '../validate.js';

export const MAX_QUANTITY = 1000;

export const quantity = z
  .number(msg('a number'))
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1 (DELETE removes a line)' })
  .max(MAX_QUANTITY, { error: `must be at most ${MAX_QUANTITY}` });

// IDs arrive as numbers or as the strings a client captured: both are fine.
export const productId = z.union([z.number(), z.string()], msg('a product id')).transform((v, ctx) => {
  const id = pathId(String(v));
  if (id === undefined) ctx.addIssue({ code: 'custom', message: 'must be a product id' });
  return id;
});

const addItem = z.object({ product_id: productId, quantity });
const setItem = z.object({ quantity });

/** cartRouter: the signed-in customer's cart. Only product_id and quantity are read from bodies. */
export function cartRouter({ db, tokens, currency }) {
  const router = express.Router();
  router.use(signedIn(tokens, db));

  const update = async (req, res, id, qty, add) => {
    const result = await setQuantity(db, req.user.id, id, qty, { add });
    if (result.outcome === 'no-product') return validationFailed(res, { product_id: 'no such product' });
    if (result.outcome === 'over-stock') {
      return validationFailed(res, {
        quantity: `only ${result.stock} in stock (the cart would hold ${result.wanted})`,
      });
    }
    res.json(await getCart(db, req.user.id, currency));
  };

  router.get('/', async (req, res) => res.json(await getCart(db, req.user.id, currency)));

  router.post('/items', async (req, res) => {
    const input = parseBody(addItem, req, res);
    if (input) await update(req, res, input.product_id, input.quantity, true);
  });

  router.put('/items/:productId', async (req, res) => {
    const id = pathId(req.params.productId);
    if (!id) return sendError(res, 404, 'product not found');
    const input = parseBody(setItem, req, res);
    if (input) await update(req, res, id, input.quantity, false);
  });

  router.delete('/items/:productId', async (req, res) => {
    const id = pathId(req.params.productId);
    if (!id || !(await removeLine(db, req.user.id, id))) return sendError(res, 404, 'product is not in the cart');
    res.json(await getCart(db, req.user.id, currency));
  });

  return router;
}
