// Normalised keys for names, e-mail addresses and phone numbers, so that spelling variants still match.

/** "Van den Broeck-Özdemir" → "vandenbroeckozdemir": no accents, case, spaces or punctuation. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Belgian numbers written as 0470 12 34 56, +32 470 123456 or 0032470123456 all become 32470123456. */
export function phoneKey(phone: string): string {
  let digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `32${digits.slice(1)}`;
  return digits;
}
