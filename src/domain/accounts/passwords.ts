// Password rules and argon2id hashes in the PHC string format, using Node's built-in argon2.
import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FieldProblem } from '../errors.ts';

/** OWASP's recommended minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane. */
const PARAMS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 };
const MIN_LENGTH = 12;
const MAX_LENGTH = 200;

function derive(password: string, salt: Buffer, p: typeof PARAMS): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    argon2('argon2id', { message: password, nonce: salt, ...p }, (err, key) => (err ? reject(err) : resolve(Buffer.from(key)))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `$argon2id$v=19$m=${PARAMS.memory},t=${PARAMS.passes},p=${PARAMS.parallelism}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Checks a password against a stored hash; hashes made with other parameters still verify. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!m) return false;
  const expected = Buffer.from(m[5] as string, 'base64url');
  const key = await derive(password, Buffer.from(m[4] as string, 'base64url'), { memory: Number(m[1]), passes: Number(m[2]), parallelism: Number(m[3]), tagLength: expected.length });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to compare against when the account does not exist, so a wrong address takes as long as a wrong password. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$bmFiaWotZHVtbXktc2FsdA$8Ps0wwmlxVnqJWwFIw7PUdJ8aEtJq1qvF6pX5XvNn1c';

export function checkNewPassword(password: string, field = 'password'): FieldProblem[] {
  if (password.length < MIN_LENGTH) {
    return [{ field, code: 'password.too_short', nl: `Kies een wachtwoord van minstens ${MIN_LENGTH} tekens. Een zin van een paar woorden is makkelijk te onthouden.`, en: `Choose a password of at least ${MIN_LENGTH} characters. A sentence of a few words is easy to remember.` }];
  }
  if (password.length > MAX_LENGTH) return [{ field, code: 'password.too_long', nl: `Een wachtwoord heeft hoogstens ${MAX_LENGTH} tekens.`, en: `A password has at most ${MAX_LENGTH} characters.` }];
  return [];
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
