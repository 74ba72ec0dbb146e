import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskContactsInText, maskPhone } from '../../domain/masking';
import { contactsAsSeenBy } from '../../domain/permissions';
import { caseSearchDocument, documentHolds, foldForSearch, searchMatchExpression, searchPhrases } from '../../domain/search-index';
import type { SearchDocument } from '../../schemas/search-document';
import { decodeCursor, encodeCursor } from '../../schemas/case-list';
import { roles } from '../../schemas/vocabulary';

const found = (query: string, document: SearchDocument) => {
  const phrases = searchPhrases(query);
  return phrases.length > 0 && phrases.every((phrase) => documentHolds(document, phrase));
};

describe('search terms', () => {
  const terms = caseSearchDocument({
    caseNumber: 'XH-LY-20261123-',
    address: '灵隐街道白乐桥村 １２ 號 302室',
    parties: [
      { name: '欧阳·娜娜', phone: '+86 138-0000-0001' },
      { name: '李某', phone: null },
    ],
  });

  it('folds width, case, 號 and punctuation, as people type them', () => {
    expect(foldForSearch('白乐桥村 １２ 號, Ａ座')).toBe('白乐桥村12号a座');
  });

  it.each([
    ['a name', '欧阳娜娜'],
    ['part of a name with its dot', '阳·娜'],
    ['part of the address', '白乐桥'],
    ['an address typed without the spaces', '桥村12号'],
    ['a room number, whole', '302'],
    ['a phone, whole', '13800000001'],
    ['a phone in groups with the country code', '+86 138 0000 0001'],
    ['the last four digits of a phone', '0001'],
    ['the last eight digits of a phone', '00000001'],
    ['a phone as lists mask it', '138****0001'],
    ['a phone with its middle left out', '138…0001'],
    ['a phone with its middle left out, more of its tail given', '138 ** 00000001'],
    ['the day of a case number', '20261123'],
    ['a name and a place', '李某 白乐桥'],
    ['words of one character, read together', '李 某'],
    ['the head of a phone, five digits or more', '13800'],
    ['a surname alone', '李'],
    ['a surname of a name written with a dot', '欧'],
  ])('finds %s', (_, query) => {
    expect(found(query, terms)).toBe(true);
  });

  it.each([
    ['another phone sharing digits', '13800000002'],
    ['a head of a phone too short to tell, which is not one of its tails', '1380'],
    ['the head of another phone', '13900'],
    ['a surname nobody here has', '王'],
    ['a character inside a name, which is no surname', '某'],
    ['a masked phone with another tail', '138****0002'],
    ['a masked phone with another head', '139****0001'],
    ['a tail longer than the number', '913800000001'],
    ['a place the case is not at', '梅家坞'],
    ['a name at another place', '李某 梅家坞'],
  ])('does not find %s', (_, query) => {
    expect(found(query, terms)).toBe(false);
  });

  it('looks a full name up as one run, and does not find it in two names that hold its halves', () => {
    expect(searchPhrases('林晓雯')).toEqual([{ column: 'words', phrase: '林晓雯' }]);
    const twoOthers = caseSearchDocument({ caseNumber: 'XH-LY-20261123-', address: '曙光路 8 号', parties: [{ name: '林晓' }, { name: '王晓雯' }] });
    expect(found('林晓雯', twoOthers)).toBe(false);
    expect(found('晓雯', twoOthers)).toBe(true);
  });

  it('does not find a word across two texts of the case', () => {
    const twoNames = caseSearchDocument({ caseNumber: '', address: '曙光路', parties: [{ name: '林晓' }, { name: '雯某' }] });
    expect(found('林晓雯', twoNames)).toBe(false);
    expect(found('晓雯', twoNames)).toBe(false);
    expect(found('路林', twoNames)).toBe(false);
  });

  it('reads one Chinese character as a surname, and refuses one letter or digit, which would match a large share of all cases', () => {
    expect(searchPhrases('李')).toEqual([{ column: 'pairs', phrase: '#李|' }]);
    expect(searchPhrases(' 李 ！')).toEqual([{ column: 'pairs', phrase: '#李|' }]);
    expect(searchPhrases('x')).toEqual([]);
    expect(searchPhrases('7')).toEqual([]);
    expect(searchPhrases('李某')).toEqual([{ column: 'pairs', phrase: '李|某' }]);
  });

  it('asks a number of five digits or more for its tail or its head, in one FTS5 term', () => {
    expect(searchPhrases('13857')).toEqual([{ column: 'numbers', phrase: '13857;', or: ';13857' }]);
    expect(searchMatchExpression(searchPhrases('13857 李某'))).toBe('(numbers : "13857;" OR numbers : ";13857") AND pairs : "李|某"');
  });

  it('reads a case number as its parts, the counter among them', () => {
    expect(searchPhrases('XH-LY-20261123-0007')).toEqual([
      { column: 'pairs', phrase: 'x|h' },
      { column: 'pairs', phrase: 'l|y' },
      { column: 'numbers', phrase: '20261123;', or: ';20261123' },
      { column: 'numbers', phrase: '0007;' },
    ]);
  });

  it('writes the phrases as one FTS5 query, each in its column, a quote in a phrase doubled', () => {
    expect(searchMatchExpression([{ column: 'words', phrase: '白乐桥' }, { column: 'numbers', phrase: '0001;' }])).toBe('words : "白乐桥" AND numbers : "0001;"');
    expect(searchMatchExpression([{ column: 'words', phrase: 'a"b' }])).toBe('words : "a""b"');
  });

  it('finds any two characters or more of a name or an address (property)', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.array(han, { minLength: 2, maxLength: 12 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const start = a % (chars.length - 1);
        const part = text.slice(start, start + 2 + (b % (chars.length - start - 1)));
        return found(part, caseSearchDocument({ caseNumber: '', address: text, parties: [] }));
      }),
    );
  });

  it('finds a mobile however its groups are written (property)', () => {
    const separator = fc.constantFrom('', ' ', '-');
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), separator, fc.boolean(), (phone, sep, withCountry) => {
        const written = `${withCountry ? `+86${sep}` : ''}${phone.slice(0, 3)}${sep}${phone.slice(3, 7)}${sep}${phone.slice(7)}`;
        return found(written, caseSearchDocument({ caseNumber: '', address: '某处', parties: [{ name: '某', phone }] }));
      }),
    );
  });
});

describe('partial phones', () => {
  const number = fc.stringMatching(/^1[3-9]\d{9}$/);
  const terms = (phone: string) => caseSearchDocument({ caseNumber: '', address: '某处', parties: [{ name: '某', phone }] });

  it('finds a mobile by any tail of four digits or more (property)', () => {
    fc.assert(fc.property(number, fc.integer({ min: 4, max: 11 }), (phone, length) => found(phone.slice(-length), terms(phone))));
  });

  it('finds a phone by the masked form a list shows, and not a phone with another tail (property)', () => {
    fc.assert(
      fc.property(number, number, (phone, other) => {
        const masked = maskPhone(phone);
        const sameHeadAndTail = other.slice(0, 3) === phone.slice(0, 3) && other.slice(-4) === phone.slice(-4);
        return found(masked, terms(phone)) && found(masked, terms(other)) === sameHeadAndTail;
      }),
    );
  });

  it('finds a landline masked in text the way a grid worker reads it', () => {
    expect(found(maskContactsInText('0571-87654321'), terms('0571-87654321'))).toBe(true);
  });
});

describe('masking', () => {
  it.each([
    ['13800000001', '138****0001'],
    ['+86 138-0000-0001', '138****0001'],
    ['0571-87654321', '057*****4321'],
    ['110', '*10'],
  ])('masks the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('masks phone and ID numbers written into text, and leaves dates and house numbers', () => {
    expect(maskContactsInText('张某（330106198001011234）电话+86 138 0000 0001，座机0571-87654321，2026-11-23 在12号302室')).toBe(
      '张某（330106********1234）电话138****0001，座机0571-****4321，2026-11-23 在12号302室',
    );
  });

  it('shows supervisors, admins and the mediator the case is dispatched to whole contacts; everyone else masked ones', () => {
    const row = { summary: '电话13800000001', address: '12号', assigneeId: 'demo-mediator-ly', parties: [{ name: '张某', phone: '13800000001' }] };
    const seen = Object.fromEntries(roles.map((role) => [role, contactsAsSeenBy({ id: 'demo-mediator-ly', role }, row).parties[0]!.phone]));
    expect(seen).toEqual({ grid_worker: '138****0001', mediator: '13800000001', supervisor: '13800000001', admin: '13800000001', department: '138****0001' });
    expect(contactsAsSeenBy({ id: 'demo-mediator-bs', role: 'mediator' }, row).parties[0]!.phone).toBe('138****0001');
    expect(contactsAsSeenBy({ id: 'demo-mediator-ly', role: 'mediator' }, { ...row, assigneeId: null }).summary).toBe('电话138****0001');
    expect(contactsAsSeenBy({ id: 'demo-grid-ly', role: 'grid_worker' }, row).summary).toBe('电话138****0001');
  });
});

describe('cursors', () => {
  it('carry their sort and key, and nothing else passes for one', () => {
    const key = ['0|2026-11-23T16:00:00.000Z|~|2026-11-23T02:00:00.000Z|id-1'] as const;
    const cursor = encodeCursor('overdue', key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('overdue', cursor)).toEqual(key);
    expect(decodeCursor('newest', cursor)).toBeUndefined();
    expect(decodeCursor('overdue', encodeCursor('overdue', [0, 'a', 'b', 'c', 'd']))).toBeUndefined();
    expect(decodeCursor('overdue', 'bm90IGpzb24')).toBeUndefined();
  });
});
