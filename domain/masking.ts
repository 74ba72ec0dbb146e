import { phoneKey } from './repeat-matching';

/**
 * How a phone or ID number looks to someone who needs to know which it is but not to call it: the first three and
 * the last four digits stay, so a mediator on the phone can still say "the number ending 0001" (138****0001).
 */
export function maskPhone(phone: string): string {
  const digits = phoneKey(phone) ?? '';
  if (digits.length >= 7) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 2, 0))}${digits.slice(-2)}`;
}

// Numbers people write into a summary or an address: mobiles (with or without +86 and groups), landlines with an
// area code, and the 18 characters of a resident ID card. Dates and house numbers are none of these.
const mobile = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g;
const landline = /(?<!\d)(0\d{2,3})[\s-]?\d{3,4}[\s-]?(\d{4})(?!\d)/g;
const idNumber = /(?<![\dXx])(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g;

/**
 * Every string within a JSON value masked as free text: what a timeline entry or a channel's details carry (a merged
 * report keeps the whole intake, its parties' phones among it) is read by the same people as the summary.
 */
export function maskContactsWithin<T>(value: T): T {
  if (typeof value === 'string') return maskContactsInText(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskContactsWithin(item)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskContactsWithin(item)])) as T;
  return value;
}

/** Free text with its phone and ID numbers masked. */
export function maskContactsInText(text: string): string {
  return text
    .replace(idNumber, (_, head: string, tail: string) => `${head}********${tail}`)
    .replace(mobile, (_, head: string, tail: string) => `${head}****${tail}`)
    .replace(landline, (_, area: string, tail: string) => `${area}-****${tail}`);
}
