import { describe, expect, it } from 'vitest';
import { agreementNumberText, defaultAgreementTemplate, templateOf } from '../../domain/agreement-template';

describe('a committee’s template', () => {
  it('is taken from the station’s name until its admin sets one', () => {
    expect(defaultAgreementTemplate('灵隐派出所')).toEqual({ committeeName: '灵隐派出所人民调解委员会', sealText: '灵隐派出所人民调解委员会', numberPrefix: '灵人调' });
    expect(defaultAgreementTemplate('转塘街道').numberPrefix).toBe('转人调');
    expect(defaultAgreementTemplate('良渚镇').numberPrefix).toBe('良人调');
    expect(templateOf({ name: '北山派出所', committeeName: null, sealText: null, numberPrefix: null }).numberPrefix).toBe('北人调');
    expect(templateOf({ name: '北山派出所', committeeName: '北山街道人民调解委员会', sealText: '北山街道人民调解委员会', numberPrefix: '北山调' }).numberPrefix).toBe('北山调');
  });

  it('numbers an agreement as committees write it', () => {
    expect(agreementNumberText('灵人调', 2026, 12)).toBe('（2026）灵人调字第 12 号');
  });
});
