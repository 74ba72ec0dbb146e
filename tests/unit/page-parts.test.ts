import { describe, expect, it } from 'vitest';
import { intakeSchemas } from '../../schemas/intake';
import { inFormOrder } from '../../workers/kit/error-summary';
import { rowsOf } from '../../workers/intake/form-rows';
import { formatDeadline } from '../../workers/kit/local-time';
import { formToInput } from '../../workers/kit/schema-form';
import { Phone } from '../../workers/kit/phone';
import { triage } from '../../domain/triage';
import { eventDetails } from '../../workers/cases/event-words';

describe('a deadline on a page', () => {
  it('reads midnight as 24:00 of the day before, as a station says it, and other times as they are', () => {
    expect(formatDeadline('2026-11-23T16:00:00.000Z', '+08:00')).toBe('2026-11-23 24:00');
    expect(formatDeadline('2026-11-23T10:30:00.000Z', '+08:00')).toBe('2026-11-23 18:30');
  });
});

describe('party rows posted without JavaScript', () => {
  const form = { 'parties.rows': '3', 'parties.0.name': '甲', 'parties.1.name': '乙', 'parties.2.name': '丙', summary: '不变' };

  it('adds a row and puts the cursor in it', () => {
    const { action } = rowsOf({ ...form, rowAction: 'add:parties' });
    expect(action?.rows).toEqual({ parties: 4 });
    expect(action?.focusRow).toEqual({ path: 'parties', index: 3 });
  });

  it('removes the row pressed, moving the later rows up, and keeps the rest of the form', () => {
    const { action } = rowsOf({ ...form, rowAction: 'remove:parties:1' });
    expect(action?.rows).toEqual({ parties: 2 });
    const values = formToInput(action!.body, intakeSchemas.grid);
    expect((values.parties as { name: string }[]).map((party) => party.name)).toEqual(['甲', '丙']);
    expect(values.summary).toBe('不变');
  });

  it('never goes below one row nor above what the schema takes, and files when no row button was pressed', () => {
    expect(rowsOf({ 'parties.rows': '1', rowAction: 'remove:parties:0' }).action?.rows).toEqual({ parties: 1 });
    expect(rowsOf({ 'parties.rows': '20', rowAction: 'add:parties' }).action?.rows).toEqual({ parties: 20 });
    expect(rowsOf(form).action).toBeUndefined();
  });
});

describe('the error summary', () => {
  it('lists errors in the order of the form, whatever order they were found in', () => {
    const found = [
      { field: 'where.gridCellCode', message: 'grid' },
      { field: 'parties.1.name', message: 'second name' },
      { field: 'summary', message: 'summary' },
      { field: 'category', message: 'category' },
    ];
    expect(inFormOrder(found, intakeSchemas.grid).map((error) => error.message)).toEqual(['category', 'summary', 'grid', 'second name']);
  });
});

describe('a party’s phone on a page', () => {
  const html = async (number: string) => String(await Phone({ number }).toString());

  it('rings the number a viewer may call, without the spaces and hyphens they read', async () => {
    expect(await html('0571-8765 4321')).toBe('<a class="phone" href="tel:057187654321">0571-8765 4321</a>');
  });

  it('is no link at all when masked, since the digits left over would ring a stranger', async () => {
    expect(await html('057*****4321')).toBe('<span class="phone">057*****4321</span>');
  });
});

describe('triage on the timeline', () => {
  const wording = (lang: 'zh-CN' | 'en') => ({ lang, utcOffset: '+08:00', names: new Map<string, string>() });
  const triaged = (reasons: unknown[]) => ({ type: 'triaged' as const, detail: { route: 'judicial', hardCase: true, reasons } });

  it('says which route it chose and why, in the page’s language', () => {
    const reasons = triage({ category: 'labour', riskFlags: ['violence'], repeat: true }).reasons;
    expect(eventDetails(triaged(reasons), wording('zh-CN'))).toEqual([
      '分流到：司法调解化解，列为疑难案件',
      '理由：类别为劳资纠纷，涉及钱款或合同，调解协议可申请司法确认；有暴力威胁；与此前的纠纷重复（同一当事人或同一地址，12 个月内）',
    ]);
    expect(eventDetails(triaged(reasons), wording('en'))[1]).toMatch(/^Why: Wages and labour: .*; Threat of violence; it repeats an earlier dispute/);
  });

  it('leaves out the English sentences a run from before recorded, rather than show them on a Chinese page', () => {
    expect(eventDetails(triaged(['labour disputes go to the people’s mediation committee', 'risk: violence']), wording('zh-CN'))).toEqual([
      '分流到：司法调解化解，列为疑难案件',
    ]);
  });
});
