/**
 * Whether a new intake is the same dispute as an earlier case. People write one address or phone number in many
 * ways, so both are compared by a key; a shared address alone is not enough, since a building holds many disputes.
 */

/** What matching reads of a report or a case: where it happened and who is in it. */
export interface DisputeSketch {
  address: string;
  parties: readonly { name: string; phone?: string | null }[];
}

// Pasted text often carries zero-width characters that \s does not cover.
const spaces = /[\s\u200b-\u200d\u2060]+/gu;
// Names of some minorities are written with a middle dot, in several look-alike characters.
const nameDots = /[\u00b7\u2022\u2027\u30fb]/gu;

/** "白乐桥村 １２ 號" and "白乐桥村12号" are one place. */
export function addressKey(address: string): string {
  return address.normalize('NFKC').replace(spaces, '').replaceAll('號', '号').toLowerCase();
}

/** Digits only, without the mainland country code: "+86 138-0000-0001" is 13800000001. Null when no digits. */
export function phoneKey(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').normalize('NFKC').replace(/\D/g, '');
  const national = digits.match(/^(?:0086|86)(1\d{10})$/)?.[1];
  return national ?? (digits || null);
}

export function partyNameKey(name: string): string {
  return name.normalize('NFKC').replace(spaces, '').replace(nameDots, '').toLowerCase();
}

const phoneKeysOf = (sketch: DisputeSketch) => new Set(sketch.parties.flatMap((party) => phoneKey(party.phone) ?? []));
const nameKeysOf = (sketch: DisputeSketch) => new Set(sketch.parties.map((party) => partyNameKey(party.name)));
const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((key) => b.has(key));

/** Same dispute: a party's phone is the same, or the place is the same and so is at least one party's name. */
export function isSameDispute(report: DisputeSketch, earlier: DisputeSketch): boolean {
  if (overlaps(phoneKeysOf(report), phoneKeysOf(earlier))) return true;
  return addressKey(report.address) === addressKey(earlier.address) && overlaps(nameKeysOf(report), nameKeysOf(earlier));
}

/**
 * The parties of a merged report the case does not hold yet. One already there has the same name and the same
 * phone; a report that gives no phone for a name the case has adds nobody new.
 */
export function partiesToAdd<P extends { name: string; phone?: string | null }>(
  present: readonly { name: string; phone?: string | null }[],
  reported: readonly P[],
): P[] {
  const added: P[] = [];
  const isThere = (party: P) =>
    [...present, ...added].some(
      (other) => partyNameKey(other.name) === partyNameKey(party.name) && (!phoneKey(party.phone) || phoneKey(other.phone) === phoneKey(party.phone)),
    );
  for (const party of reported) if (!isThere(party)) added.push(party);
  return added;
}
