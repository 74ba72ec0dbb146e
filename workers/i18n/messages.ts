import type { BaseIssue } from 'valibot';
import type { CaseStatus, Category, Channel, CommunityVisitKind, PartyRole, RiskFlag } from '../../schemas/vocabulary';

export const langs = ['zh-CN', 'en'] as const;
export type Lang = (typeof langs)[number];

/** Keys built from the vocabularies: each word of each list needs its words in both languages. */
type VocabularyKey =
  | `category.${Category}`
  | `riskFlags.${RiskFlag}`
  | `parties.role.${PartyRole}`
  | `source.kind.${CommunityVisitKind}`
  | `channel.${Channel}`
  | `status.${CaseStatus}`;

/**
 * Words for fields, choices and pages. Keys are field paths or `group.value`.
 * The zh-CN dictionary defines the keys; a vocabulary word without its key fails the type check here.
 */
const zhCN = {
  category: '纠纷类别',
  summary: '纠纷简要情况',
  occurredAt: '发生时间',
  'where.address': '发生地点',
  'where.gridCellCode': '网格编码',
  parties: '当事人',
  'parties.name': '姓名',
  'parties.role': '身份',
  'parties.phone': '联系电话',
  'parties.address': '住址',
  riskFlags: '风险情形',
  'source.screenedBy': '排查人',
  'source.kind': '走访或巡逻',
  'source.reference': '走访或巡逻记录',
  'source.visitedAt': '走访时间',
  'source.platform': '平台',
  'source.link': '链接',
  'source.excerpt': '帖文摘录',
  'source.seenAt': '发现时间',
  'source.incidentNumber': '警情或案件编号',
  'category.neighbour': '邻里纠纷',
  'category.family': '婚姻家庭',
  'category.property': '房产物业',
  'category.labour': '劳资纠纷',
  'category.consumer': '消费合同',
  'category.land': '土地村务',
  'category.traffic': '交通赔偿',
  'category.company': '企业纠纷',
  'category.other': '其他',
  'riskFlags.violence': '有暴力威胁',
  'riskFlags.group': '群体性纠纷',
  'riskFlags.vulnerable': '涉及弱势当事人',
  'riskFlags.petitioning': '有越级上访风险',
  'parties.role.applicant': '申请人',
  'parties.role.respondent': '被申请人',
  'parties.role.other': '其他当事人',
  'source.kind.visit': '入户走访',
  'source.kind.patrol': '巡逻',
  'channel.grid': '村居干部、网格员排查',
  'channel.community': '日常社区工作排查',
  'channel.online': '网络舆情排查',
  'channel.enforcement': '执法办案排查',
  'status.queued': '已登记，待流转',
  'status.open': '办理中',
  'status.resolved': '已化解，待回访',
  'status.closed': '已办结',
  'page.intakeTitle': '矛盾纠纷登记',
  'page.submit': '提交登记',
  'page.party': '当事人',
  'page.optional': '选填',
  'page.fixErrors': '请修改以下内容后再提交：',
  'page.receiptTitle': '登记回执',
  'page.caseNumber': '案件编号',
  'page.status': '状态',
  'page.firstContactDue': '首次联系当事人期限',
  'page.newIntake': '再登记一件',
  'page.joinedCase': '本次登记与案件 {caseNumber} 是同一纠纷，已并入该案件，没有另立新案。',
  'page.loginTitle': '登录',
  'page.token': '访问令牌',
  'page.login': '登录',
  'page.badToken': '令牌无效，请核对后重试。',
  'page.otherLanguage': 'English',
  'page.notFound': '未找到该页面。',
  'error.min_length': '{label}至少需要 {requirement} 个字',
  'error.max_length': '{label}不能超过 {requirement} 个字',
  'error.non_empty': '请填写{label}',
  'error.picklist': '请选择有效的{label}',
  'error.missing': '请填写{label}',
  'error.type': '{label}格式不正确',
  'error.url': '{label}必须是有效的网址',
  'error.dateTime': '{label}必须是有效的日期时间',
  'error.phone': '{label}格式不正确',
  'error.gridCellCode': '{label}只能包含字母、数字和连字符',
  'error.incidentNumber': '{label}只能包含字母、数字和连字符（4–40 位）',
  'error.partiesRequired': '至少填写一名当事人',
  'error.riskFlagsRepeated': '风险情形不能重复',
  'error.linkOrExcerpt': '请填写链接或帖文摘录（至少一项）',
  'error.gridCellUnknown': '网格编码不存在',
  'error.gridCellOutside': '该网格不在您的辖区内',
  'error.occurredInFuture': '发生时间不能晚于现在',
  'error.idempotencyReused': '该幂等键已用于另一份内容不同的登记',
  'error.invalid': '{label}不正确',
} as const satisfies Record<VocabularyKey, string> & Record<string, string>;

export type MessageKey = keyof typeof zhCN;

/** English has exactly the keys of zh-CN: a word missing or extra fails the type check. */
const en: Record<MessageKey, string> = {
  category: 'Category',
  summary: 'What happened',
  occurredAt: 'When it happened',
  'where.address': 'Where',
  'where.gridCellCode': 'Grid cell code',
  parties: 'Parties',
  'parties.name': 'Name',
  'parties.role': 'Role',
  'parties.phone': 'Phone',
  'parties.address': 'Address',
  riskFlags: 'Risk',
  'source.screenedBy': 'Screened by',
  'source.kind': 'Visit or patrol',
  'source.reference': 'Visit or patrol record',
  'source.visitedAt': 'Visited at',
  'source.platform': 'Platform',
  'source.link': 'Link',
  'source.excerpt': 'Post excerpt',
  'source.seenAt': 'Seen at',
  'source.incidentNumber': 'Incident or case number',
  'category.neighbour': 'Neighbours',
  'category.family': 'Family and marriage',
  'category.property': 'Property and tenancy',
  'category.labour': 'Wages and labour',
  'category.consumer': 'Consumer and contract',
  'category.land': 'Land and village affairs',
  'category.traffic': 'Traffic compensation',
  'category.company': 'Companies',
  'category.other': 'Other',
  'riskFlags.violence': 'Threat of violence',
  'riskFlags.group': 'Group dispute',
  'riskFlags.vulnerable': 'Vulnerable party',
  'riskFlags.petitioning': 'Risk of petitioning over local heads',
  'parties.role.applicant': 'Applicant',
  'parties.role.respondent': 'Respondent',
  'parties.role.other': 'Other party',
  'source.kind.visit': 'Home visit',
  'source.kind.patrol': 'Patrol',
  'channel.grid': 'Grid screening',
  'channel.community': 'Community work',
  'channel.online': 'Online screening',
  'channel.enforcement': 'Law enforcement',
  'status.queued': 'Filed, waiting to start',
  'status.open': 'In hand',
  'status.resolved': 'Resolved, return visits due',
  'status.closed': 'Closed',
  'page.intakeTitle': 'File a dispute',
  'page.submit': 'File it',
  'page.party': 'Party',
  'page.optional': 'optional',
  'page.fixErrors': 'Please correct the following and file again:',
  'page.receiptTitle': 'Receipt',
  'page.caseNumber': 'Case number',
  'page.status': 'Status',
  'page.firstContactDue': 'First contact due by',
  'page.newIntake': 'File another',
  'page.joinedCase': 'This report is about the same dispute as case {caseNumber}, so it joined that case; no new case was opened.',
  'page.loginTitle': 'Sign in',
  'page.token': 'Access token',
  'page.login': 'Sign in',
  'page.badToken': 'That token is not valid. Check it and try again.',
  'page.otherLanguage': '中文',
  'page.notFound': 'There is no such page.',
  'error.min_length': '{label} needs at least {requirement} characters',
  'error.max_length': '{label} must be at most {requirement} characters',
  'error.non_empty': '{label} is required',
  'error.picklist': 'Choose a valid {label}',
  'error.missing': '{label} is required',
  'error.type': '{label} has the wrong format',
  'error.url': '{label} must be a valid URL',
  'error.dateTime': '{label} must be a valid date and time',
  'error.phone': '{label} is not a valid phone number',
  'error.gridCellCode': '{label} may hold only letters, digits and hyphens',
  'error.incidentNumber': '{label} may hold only letters, digits and hyphens (4–40)',
  'error.partiesRequired': 'Name at least one party',
  'error.riskFlagsRepeated': 'A risk is listed twice',
  'error.linkOrExcerpt': 'Give the link or an excerpt of the post (at least one)',
  'error.gridCellUnknown': 'There is no grid cell with this code',
  'error.gridCellOutside': 'This grid cell is outside your jurisdiction',
  'error.occurredInFuture': 'When it happened cannot be later than now',
  'error.idempotencyReused': 'This idempotency key was already used for a different intake',
  'error.invalid': '{label} is not valid',
};

const words: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function t(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  return words[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** Whether a key computed at run time (a field path, an issue's type or message) has words. */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);

/**
 * Words for a field path or a field's choice as built from data at run time ("parties.1.role.applicant" →
 * "parties.role.applicant"); the path itself when there are none.
 */
export function tField(lang: Lang, path: string): string {
  const key = labelKey(path);
  return hasMessage(key) ? t(lang, key) : key;
}

/** Picks zh-CN unless the request asks for English by `?lang=en`, a form field or Accept-Language. */
export function pickLang(explicit: string | undefined, acceptLanguage: string | undefined): Lang {
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  if (acceptLanguage && /^en\b/i.test(acceptLanguage.trim())) return 'en';
  return 'zh-CN';
}

/** "parties.1.name" → "parties.name": labels do not depend on which party it is. */
export const labelKey = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '');

export interface FieldError {
  field: string;
  message: string;
}

/** One message per field, worded for the reader; the first issue of a field is the one to fix first. */
export function fieldErrors(issues: readonly BaseIssue<unknown>[], lang: Lang): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.path?.map((item) => String(item.key)).join('.') ?? '';
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issueMessage(issue, field, lang) });
  }
  return errors;
}

function issueMessage(issue: BaseIssue<unknown>, field: string, lang: Lang): string {
  const label = field ? tField(lang, field) : t(lang, 'error.invalid');
  const custom = `error.${issue.message}`;
  if (hasMessage(custom)) return t(lang, custom, { label });
  if (issue.received === 'undefined' && issue.kind === 'schema') return t(lang, 'error.missing', { label });
  const byType = `error.${issue.type}`;
  const requirement = typeof issue.requirement === 'number' ? issue.requirement : '';
  if (hasMessage(byType)) return t(lang, byType, { label, requirement });
  return t(lang, 'error.invalid', { label });
}

/** The names of error messages: `error.${ErrorName}` is a message key. */
export type ErrorName = MessageKey extends infer K ? (K extends `error.${infer Name}` ? Name : never) : never;

/** Messages for rules checked beyond the schema, by the same keys as the schema's own. */
export const customError = (lang: Lang, field: string, key: ErrorName): FieldError => ({
  field,
  message: t(lang, `error.${key}`, { label: tField(lang, field) }),
});
