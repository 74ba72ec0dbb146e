import { describe, expect, it } from 'vitest';
import { addressKey, isSameDispute, partiesToAdd, partyNameKey, phoneKey } from '../../domain/repeat-matching';

describe('one place written many ways', () => {
  it('白乐桥村12号 is the same place as 白乐桥村 12 号', () => {
    expect(addressKey('白乐桥村 12 号')).toBe(addressKey('白乐桥村12号'));
  });

  it('full-width digits, an ideographic space and the traditional 號 fold to the same place', () => {
    expect(addressKey('白乐桥村\u3000１２號')).toBe(addressKey('白乐桥村12号'));
  });

  it('a building letter in either case, or pasted with a zero-width space, is the same place', () => {
    expect(addressKey('灵隐社区 Ｂ幢\u200b 3 单元')).toBe(addressKey('灵隐社区b幢3单元'));
  });

  it('number 12 and number 21 are different places', () => {
    expect(addressKey('白乐桥村 12 号')).not.toBe(addressKey('白乐桥村 21 号'));
  });
});

describe('one phone written many ways', () => {
  it('+86 138-0000-0001 is the same phone as 13800000001', () => {
    expect(phoneKey('+86 138-0000-0001')).toBe('13800000001');
    expect(phoneKey('0086 13800000001')).toBe('13800000001');
    expect(phoneKey('8613800000001')).toBe('13800000001');
  });

  it('a landline keeps its area code, and 86 at the start of a local number is not taken for the country', () => {
    expect(phoneKey('0571-8888 6666')).toBe('057188886666');
    expect(phoneKey('86123456')).toBe('86123456');
  });

  it('no phone is no key, so two parties without phones never match by phone', () => {
    expect(phoneKey(undefined)).toBeNull();
    expect(phoneKey('')).toBeNull();
  });
});

describe('names', () => {
  it('张 某 is the same name as 张某, and 阿依古丽·买买提 the same with any middle dot', () => {
    expect(partyNameKey('张 某')).toBe(partyNameKey('张某'));
    expect(partyNameKey('阿依古丽・买买提')).toBe(partyNameKey('阿依古丽·买买提'));
  });
});

describe('the same dispute', () => {
  const earlier = { address: '白乐桥村 12 号', parties: [{ name: '张某', phone: '13800000001' }, { name: '李某' }] };

  it('a party calling from the same phone is the same dispute, wherever it is reported', () => {
    expect(isSameDispute({ address: '灵隐街道某处', parties: [{ name: '张先生', phone: '+86 138-0000-0001' }] }, earlier)).toBe(true);
  });

  it('the same place with one of the same people is the same dispute', () => {
    expect(isSameDispute({ address: '白乐桥村12号', parties: [{ name: '李某' }, { name: '王某' }] }, earlier)).toBe(true);
  });

  it('the same place with different people and no shared phone is another dispute', () => {
    expect(isSameDispute({ address: '白乐桥村12号', parties: [{ name: '赵某', phone: '13900000009' }] }, earlier)).toBe(false);
  });

  it('the same people somewhere else, without a shared phone, is another dispute', () => {
    expect(isSameDispute({ address: '白乐桥村 30 号', parties: [{ name: '张某' }] }, earlier)).toBe(false);
  });
});

describe('parties a merged report brings', () => {
  const present = [{ name: '张某', phone: '13800000001' }, { name: '李某' }];

  it('adds only people the case does not have, each once', () => {
    const reported = [
      { name: '张某', phone: '+86 13800000001' },
      { name: '王某', phone: '13900000002' },
      { name: '王 某', phone: '139 0000 0002' },
    ];
    expect(partiesToAdd(present, reported)).toEqual([{ name: '王某', phone: '13900000002' }]);
  });

  it('a name the case has, given without a phone, adds nobody; with another phone it is someone else', () => {
    expect(partiesToAdd(present, [{ name: '张某' }])).toEqual([]);
    expect(partiesToAdd(present, [{ name: '张某', phone: '13700000003' }])).toEqual([{ name: '张某', phone: '13700000003' }]);
  });
});
