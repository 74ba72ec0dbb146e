import { categories, instructionKinds, partyRoles } from '../../schemas/vocabulary';
import { t, type MessageKey } from '../i18n/messages';

/**
 * A batch sheet's columns as a county writes them in Excel: Chinese headers (the first of each list is the one the
 * template writes), or the API's field names. A header that is neither is kept as it is, so the intake's dot-paths
 * (`where.address`, `parties.1.name`) still reach a dispute line.
 */
export const batchColumns = {
  kind: ['类别', '指令类别', 'kind'],
  assignee: ['承办人', '承办人姓名', 'assignee'],
  assigneePlace: ['承办人辖区', '辖区', 'assigneePlace'],
  assigneeId: ['承办人编号', '承办人ID', 'assigneeId'],
  subject: ['核查对象', '对象', 'subject'],
  note: ['说明', '备注', 'note'],
  // A dispute line's grid intake, its first party in columns of their own.
  category: ['纠纷类别', 'category'],
  summary: ['纠纷简要情况', '简要情况', 'summary'],
  occurredAt: ['发生时间', 'occurredAt'],
  'where.address': ['发生地点', 'where.address'],
  'where.gridCellCode': ['网格编码', 'where.gridCellCode'],
  'source.screenedBy': ['排查人', 'source.screenedBy'],
  'parties.0.name': ['当事人姓名', 'parties.0.name'],
  'parties.0.role': ['当事人身份', 'parties.0.role'],
  'parties.0.phone': ['当事人电话', 'parties.0.phone'],
} as const;
export type BatchColumn = keyof typeof batchColumns;

/** The columns an instruction line is written in, in the template's order. */
export const instructionColumns = ['kind', 'assignee', 'assigneePlace', 'assigneeId', 'subject', 'note'] as const satisfies readonly BatchColumn[];

const byHeader = new Map<string, string>(Object.entries(batchColumns).flatMap(([field, names]) => names.map((name) => [name.toLowerCase(), field] as const)));

/** The field a header names: a known Chinese or English header, else the header itself. */
export const fieldOfHeader = (header: string) => byHeader.get(header.trim().toLowerCase()) ?? header.trim();

/** Each choice's words in both languages, and its code, all read as the code: "人口核查", "Population check", "population". */
function choiceWords(values: readonly string[], prefix: string): Map<string, string> {
  return new Map(
    values.flatMap((value) => {
      const key = `${prefix}.${value}` as MessageKey;
      return [value, t('zh-CN', key), t('en', key)].map((word) => [word.toLowerCase(), value] as const);
    }),
  );
}

/** Columns whose cells are a choice: a county writes the word it sees on the pages, the API the code. */
const choices: Partial<Record<string, Map<string, string>>> = {
  kind: choiceWords(instructionKinds, 'instructionKind'),
  category: choiceWords(categories, 'category'),
  'parties.0.role': choiceWords(partyRoles, 'parties.role'),
};

/** A cell's value as the field takes it: a choice's words as its code; any other value as written. */
export function valueOfCell(field: string, cell: string): string {
  const key = field.replace(/^parties\.\d+\.role$/, 'parties.0.role');
  return choices[key]?.get(cell.toLowerCase()) ?? cell;
}
