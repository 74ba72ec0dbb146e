/** The festivals the State Council's notices name (domain/calendar/official-days.json), each with its words in both languages. */
export const festivalNames = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节', '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日'] as const;
export type FestivalName = (typeof festivalNames)[number];

/** Why a county day is refused, by the code domain/calendar/county-days.ts gives, and the official kinds of day it names. */
type CalendarVocabularyKey =
  | `calendar.festival.${FestivalName}`
  | `calendar.refused.${'countyDayTaken' | 'alreadyOff' | 'alreadyWorking'}`
  | `calendar.official.${'working' | 'weekend' | 'holiday' | 'makeUpWorkday'}`;

/**
 * The admin's page for the working calendar: the official holidays in force and the county's own days. A block of
 * its own beside admin-policy.zh-CN.ts; zh-CN defines the keys, admin-calendar.en.ts must match.
 */
export const adminCalendarWordsZhCN = {
  'admin.nav.calendar': '工作日历',
  'admin.upkeep.calendar': '查看法定节假日和调休上班日，添加本县自定的放假日、工作日；按工作日计的时限据此计算',

  'calendar.title': '工作日历',
  'calendar.lead': '按工作日（如 P3WD）或按月（如 P1M）计的时限，都按这份日历计算：国务院办公厅每年公布的放假安排，加上本县自定的日子。本县的日子是时限规则的一部分：每添加或删除一天，就发布一个新版本的时限规则，办理中的案件按它重新计算期限。',
  'calendar.source': '现行的法定节假日和调休上班日取自 {source}，收录 {from} 年至 {to} 年国务院办公厅的放假通知，随时限规则第 {version} 版施行。',
  'calendar.officialTitle': '法定节假日与调休上班日',
  'calendar.provisional': '还没有放假通知的年份，暂按周一至周五上班、周六周日休息计算；涉及这些日子的期限都标为“暂定”，通知公布、日历更新后再重新计算。',
  'calendar.yearTitle': '{year} 年的放假安排',
  'calendar.noNotice': '{year} 年的放假通知还没有收入日历。这一年暂按周一至周五上班计算，涉及的期限标为“暂定”。',
  'calendar.festivalOff': '{name}：{off}放假',
  'calendar.festivalWork': '，{days}上班',
  'calendar.countyTitle': '本县自定的日子',
  'calendar.countyEmpty': '本县还没有自定的放假日或工作日，时限只按法定节假日和调休计算。',
  'calendar.dateColumn': '日期',
  'calendar.kindColumn': '类别',
  'calendar.nameColumn': '名称',
  'calendar.actionColumn': '操作',
  'calendar.kind.holiday': '本县放假日',
  'calendar.kind.workday': '本县工作日',
  'calendar.remove': '删除',
  'calendar.removeNamed': '删除 {date} {name}',
  'calendar.addTitle': '添加本县自定的日子',
  'calendar.addHint': '添加后即发布第 {version} 版时限规则。',
  'calendar.field.date': '日期',
  'calendar.field.kind': '类别',
  'calendar.field.name': '名称',
  'calendar.hint.date': '例如 2026-03-10',
  'calendar.hint.kind': '本县放假日：这一天不计入工作日。本县工作日：这一天计入工作日（例如原本休息的周六）。',
  'calendar.hint.name': '例如“三月三”“防汛值守”，30 字以内',
  'calendar.add': '添加并发布新版本',
  'calendar.error.date': '日期要写成 2026-03-10 这样的格式',
  'calendar.error.kind': '请选择类别',
  'calendar.error.name': '请填写名称',
  'calendar.error.nameLong': '名称不能超过 30 个字',
  'calendar.error.full': '本县自定的日子最多 200 天，请先删除不再需要的',
  'calendar.refused.countyDayTaken': '{date}已是本县自定的日子（{name}），要改请先删除它',
  'calendar.refused.alreadyOff': '{date}本来就休息（{official}），不用再设为本县放假日',
  'calendar.refused.alreadyWorking': '{date}本来就上班（{official}），不用再设为本县工作日',
  'calendar.official.working': '工作日',
  'calendar.official.weekend': '周末',
  'calendar.official.holiday': '法定节假日{name}',
  'calendar.official.makeUpWorkday': '{name}调休上班日',
  'calendar.added': '已添加{date}，发布了第 {version} 版时限规则。办理中的 {cases} 件案件将按新日历重新计算期限。',
  'calendar.removed': '已删除{date}，发布了第 {version} 版时限规则。办理中的 {cases} 件案件将按新日历重新计算期限。',
  'calendar.stale': '在您操作期间，已有人发布了第 {version} 版时限规则。请查看下面现行的日历后再操作；您填写的内容保留在下面。',
  'calendar.festival.元旦': '元旦',
  'calendar.festival.春节': '春节',
  'calendar.festival.清明': '清明节',
  'calendar.festival.劳动节': '劳动节',
  'calendar.festival.端午': '端午节',
  'calendar.festival.中秋': '中秋节',
  'calendar.festival.国庆节': '国庆节',
  'calendar.festival.中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日': '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日',
} as const satisfies Record<CalendarVocabularyKey, string> & Record<string, string>;
