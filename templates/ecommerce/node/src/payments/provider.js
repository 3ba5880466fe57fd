import crypto from 'node:crypto';

// The built-in mock card provider: it decides by card number alone, so no
// real card ever reaches this code.
export const CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  noFunds: '4000000000009995',
};

export class PaymentError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status; // 402: refused by the "bank"; 422: not a test card
  }
}

/** charge "charges" amount minor units to card: { reference }, or throws PaymentError. */
export function charge(card, amount) {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new PaymentError(422, 'nothing to charge');
  switch (card.replace(/[\s-]/g, '')) {
    case CARDS.success:
      return { reference: `ch_${crypto.randomBytes(8).toString('hex')}` };
    case CARDS.declined:
      throw new PaymentError(402, 'card declined');
    case CARDS.noFunds:
      throw new PaymentError(402, 'insufficient funds');
    default:
      throw new PaymentError(422, `unknown card number: use a test card such as ${CARDS.success}`);
  }
}

/** The header the provider signs its webhooks with: "sha256=<hex HMAC-SHA256 of the raw body>". */
export const SIGNATURE_HEADER = 'X-Signature';

/** sign returns the header value for body (a Buffer or string) under secret. */
export function sign(secret, body) {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * verifySignature reports whether header signs the raw body bytes under
 * secret. crypto.timingSafeEqual takes the same time wherever the first
 * wrong byte is, so timing tells an attacker nothing about a guess.
 */
export function verifySignature(secret, body, header) {
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec((header ?? '').trim());
  if (!m || !Buffer.isBuffer(body)) return false;
  const want = crypto.createHmac('sha256', secret).update(body).digest();
  return crypto.timingSafeEqual(Buffer.from(m[1], 'hex'), want);
}
