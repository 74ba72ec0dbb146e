import { describe, expect, it } from 'vitest';
import { intakeSchemas } from '../../schemas/intake';
import {
  caseStatuses,
  categories,
  channels,
  communityVisitKinds,
  partyRoles,
  riskFlags,
} from '../../schemas/vocabulary';
import { customError, hasMessage, langs, t, tField, type MessageKey } from '../../workers/i18n/messages';
import { ReceiptPage } from '../../workers/intake/receipt-page';
import type { CaseView } from '../../workers/cases/case-view';

const vocabularyKeys: MessageKey[] = [
  ...caseStatuses.map((status) => `status.${status}` as const),
  ...categories.map((category) => `category.${category}` as const),
  ...channels.map((channel) => `channel.${channel}` as const),
  ...riskFlags.map((flag) => `riskFlags.${flag}` as const),
  ...partyRoles.map((role) => `parties.role.${role}` as const),
  ...communityVisitKinds.map((kind) => `source.kind.${kind}` as const),
];

describe('messages', () => {
  it.each(langs)('has a word for every vocabulary key in %s, never the raw key', (lang) => {
    for (const key of vocabularyKeys) {
      const word = t(lang, key);
      expect(word, key).toBeTruthy();
      expect(word, key).not.toBe(key);
      expect(word, key).not.toContain('.');
    }
  });

  it('words a resolved case in both languages', () => {
    expect(t('zh-CN', 'status.resolved')).toBe('已化解，待回访');
    expect(t('en', 'status.resolved')).toBe('Resolved, return visits due');
  });

  it('knows at run time which computed keys have words', () => {
    expect(hasMessage('status.resolved')).toBe(true);
    expect(hasMessage('status.unknown')).toBe(false);
    expect(hasMessage('toString')).toBe(false);
    expect(tField('en', 'parties.1.name')).toBe('Name');
    expect(tField('zh-CN', 'parties.0.role.respondent')).toBe('被申请人');
    expect(tField('en', 'no.such.field')).toBe('no.such.field');
  });

  it('words rules checked beyond the schema', () => {
    expect(customError('zh-CN', 'where.gridCellCode', 'gridCellUnknown')).toEqual({
      field: 'where.gridCellCode',
      code: 'gridCellUnknown',
      message: '网格编码不存在',
    });
    expect(customError('en', 'occurredAt', 'occurredInFuture').message).toBe('When it happened cannot be later than now');
  });

  it.each(channels)('has a label for every field and choice of the %s form, and every custom message', (channel) => {
    interface Node {
      type: string;
      entries?: Record<string, Node>;
      wrapped?: Node;
      item?: Node;
      options?: readonly string[];
      pipe?: readonly { type: string; message?: unknown }[];
    }
    const missing: string[] = [];
    const walk = (node: Node, path: string) => {
      // A custom message is worded by its own key, or else by the check's type ("url"), as fieldErrors does.
      for (const action of node.pipe ?? []) {
        if (typeof action.message !== 'string') continue;
        if (!hasMessage(`error.${action.message}`) && !hasMessage(`error.${action.type}`)) missing.push(`error.${action.message}`);
      }
      if (node.wrapped) return walk(node.wrapped, path);
      // A group of fields ("where", "source") is a fieldset without a caption of its own.
      if (path && node.type !== 'object' && !hasMessage(path)) missing.push(path);
      for (const option of node.options ?? []) if (!hasMessage(`${path}.${option}`)) missing.push(`${path}.${option}`);
      if (node.item) walk(node.item, path);
      for (const [key, entry] of Object.entries(node.entries ?? {})) walk(entry, path ? `${path}.${key}` : key);
    };
    walk(intakeSchemas[channel] as unknown as Node, '');
    expect(missing).toEqual([]);
  });

  it.each(langs)('shows the status of a resolved case on its receipt in %s', async (lang) => {
    const view = {
      id: 'case-1',
      caseNumber: 'FQ-2026-000001',
      channel: 'grid',
      status: 'resolved',
      category: 'neighbour',
      deadlines: {},
      where: { address: '灵隐街道白乐桥村 12 号', gridCellCode: 'XH-LY-BLQ-01' },
    } as Partial<CaseView> as CaseView;
    const html = (await ReceiptPage({ frame: { lang, url: '/cases/x/receipt', utcOffset: '+08:00' }, view }).toString()) as string;
    expect(html).toContain(t(lang, 'status.resolved'));
    expect(html).toContain(t(lang, 'category.neighbour'));
    expect(html).not.toContain('status.resolved');
    expect(html).not.toContain('category.neighbour');
  });
});
