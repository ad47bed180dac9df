// KBO enterprise number (ondernemingsnummer): normalising, check digits and formatting.

export function normaliseKbo(input: string): string {
  const digits = input.replace(/^BE/i, '').replace(/[\s.\-]/g, '');
  // Old 9-digit numbers are written today with a leading 0.
  return /^\d{9}$/.test(digits) ? `0${digits}` : digits;
}

/** Valid when 10 digits, starting with 0 or 1, and (first 8 digits + last 2) mod 97 == 0. */
export function isValidKbo(input: string): boolean {
  const value = normaliseKbo(input);
  if (!/^[01]\d{9}$/.test(value)) return false;
  return (Number(value.slice(0, 8)) + Number(value.slice(8))) % 97 === 0;
}

export function makeKbo(first8: number): string {
  const head = String(first8).padStart(8, '0');
  return head + String(97 - (first8 % 97)).padStart(2, '0');
}

/** 0xxx.xxx.xxx */
export function formatKbo(value: string): string {
  const v = normaliseKbo(value);
  return `${v.slice(0, 4)}.${v.slice(4, 7)}.${v.slice(7)}`;
}
