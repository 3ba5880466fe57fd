// Shared by the tests from the accounts milestone on: a seeded shop with
// its admin, customers and products.
import bcrypt from 'bcryptjs';
import { seedCatalog } from '../src/store/seed.js';
import { ensureAdmin } from '../src/store/users.js';
import { uniqueEmail } from './helpers.js';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };

/** setupShop seeds the catalog and creates the admin, as server.js does at start. */
export async function setupShop(db) {
  await seedCatalog(db);
  await ensureAdmin(db, ADMIN.email, await bcrypt.hash(ADMIN.password, 4));
}

/** signUp registers a customer: { user, auth } (auth: the Authorization header value). */
export async function signUp(api, email = uniqueEmail()) {
  const res = await api.post('/api/auth/register').send({ email, password: 'correct-horse-42' }).expect(201);
  return { user: res.body.user, auth: `Bearer ${res.body.access_token}` };
}

/** adminAuth logs the admin in and returns the Authorization header value. */
export async function adminAuth(api) {
  const res = await api.post('/api/auth/login').send(ADMIN).expect(200);
  return `Bearer ${res.body.access_token}`;
}

/** newProduct creates a product as admin and returns it. */
export async function newProduct(api, admin, fields = {}) {
  const body = { name: `Thing ${uniqueEmail()}`, price: 1250, stock: 10, ...fields };
  return (await api.post('/api/products').set('Authorization', admin).send(body).expect(201)).body;
}
