import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { intakeSchemas } from '../../schemas/intake';
import { channels } from '../../schemas/vocabulary';
import { fieldErrors } from '../../workers/i18n/messages';
import { formToInput } from '../../workers/kit/schema-form';

const example = (channel: (typeof channels)[number]) => v.getExamples(intakeSchemas[channel])[0] as Record<string, unknown>;

describe('intake schemas', () => {
  it.each(channels)('the %s example is a valid intake', (channel) => {
    expect(v.safeParse(intakeSchemas[channel], example(channel)).success).toBe(true);
  });

  it('gives one message per field, in Chinese by default and in English on request', () => {
    const bad = { ...example('grid'), summary: '太短', parties: [], source: {} };
    const result = v.safeParse(intakeSchemas.grid, bad);
    expect(result.success).toBe(false);
    const zh = fieldErrors(result.issues!, 'zh-CN');
    expect(zh).toEqual([
      { field: 'summary', code: 'min_length', message: '纠纷简要情况至少需要 10 个字' },
      { field: 'parties', code: 'partiesRequired', message: '至少填写一名当事人' },
      { field: 'source.screenedBy', code: 'missing', message: '请填写排查人' },
    ]);
    expect(fieldErrors(result.issues!, 'en').map((e) => e.message)).toEqual([
      'What happened needs at least 10 characters',
      'Name at least one party',
      'Screened by is required',
    ]);
  });

  it('asks an online intake for a link or an excerpt', () => {
    const { link: _, ...source } = example('online').source as Record<string, unknown>;
    const result = v.safeParse(intakeSchemas.online, { ...example('online'), source });
    expect(fieldErrors(result.issues!, 'en')).toEqual([{ field: 'source', code: 'linkOrExcerpt', message: 'Give the link or an excerpt of the post (at least one)' }]);
  });

  it('refuses a risk flag it does not know', () => {
    const result = v.safeParse(intakeSchemas.grid, { ...example('grid'), riskFlags: ['knife'] });
    expect(fieldErrors(result.issues!, 'zh-CN')).toEqual([{ field: 'riskFlags.0', code: 'picklist', message: '请选择有效的风险情形' }]);
  });

  it('reads a submitted form back into the schema shape, ignoring blank rows', () => {
    const form = {
      category: 'family',
      summary: '  婚后财产分割争议，双方争吵  ',
      'where.address': '灵隐社区 3 幢',
      'where.gridCellCode': 'XH-LY-LYS-01',
      'parties.0.name': '甲',
      'parties.0.role': 'applicant',
      'parties.0.phone': '',
      'parties.1.name': '',
      'parties.1.role': '',
      'parties.2.name': '乙',
      'parties.2.role': 'respondent',
      riskFlags: 'vulnerable',
      'source.kind': 'visit',
      'source.reference': '入户走访记录 17',
      'source.visitedAt': '',
    };
    const input = formToInput(form, intakeSchemas.community);
    expect(input).toEqual({
      category: 'family',
      summary: '婚后财产分割争议，双方争吵',
      where: { address: '灵隐社区 3 幢', gridCellCode: 'XH-LY-LYS-01' },
      parties: [
        { name: '甲', role: 'applicant' },
        { name: '乙', role: 'respondent' },
      ],
      riskFlags: ['vulnerable'],
      source: { kind: 'visit', reference: '入户走访记录 17' },
    });
    expect(v.safeParse(intakeSchemas.community, input).success).toBe(true);
  });
});

describe('an empty form', () => {
  it('is refused field by field, each with the label the reader sees', () => {
    const result = v.safeParse(intakeSchemas.grid, formToInput({}, intakeSchemas.grid));
    expect(fieldErrors(result.issues!, 'en').map((e) => e.message)).toEqual([
      'Category is required',
      'What happened is required',
      'Where is required',
      'Grid cell code is required',
      'Parties is required',
      'Screened by is required',
    ]);
  });
});

describe('a tampered form', () => {
  it('reads only the fields the schema has, so a crafted name cannot reach shared objects', () => {
    const input = formToInput(
      { '__proto__.polluted': 'yes', 'constructor.prototype.polluted': 'yes', where: 'flat', 'where.address': '地址', category: 'family' },
      intakeSchemas.grid,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(input.category).toBe('family');
    expect(v.safeParse(intakeSchemas.grid, input).success).toBe(false);
  });
});

describe('who a dispute is between', () => {
  const withParties = (roles: string[]) => ({ ...example('grid'), parties: roles.map((role, i) => ({ name: `当事人${i}`, role })) });

  it('takes one applicant alone, whose other side is not known yet', () => {
    expect(v.safeParse(intakeSchemas.grid, withParties(['applicant'])).success).toBe(true);
  });

  it('refuses several parties with nobody the dispute is with, and says how to name an unknown one', () => {
    for (const roles of [['applicant', 'applicant'], ['applicant', 'other']]) {
      const result = v.safeParse(intakeSchemas.grid, withParties(roles));
      expect(fieldErrors(result.issues!, 'zh-CN')).toEqual([
        { field: 'parties', code: 'partiesOneSide', message: '填写了多名当事人时，请至少标明一名被申请人（姓名不详可写称呼，如“楼上住户”）' },
      ]);
    }
    expect(v.safeParse(intakeSchemas.grid, withParties(['applicant', 'applicant', 'respondent'])).success).toBe(true);
  });
});
