/**
 * The words of the pages where the people a batch's instructions go to see and answer them, and the refusals of an
 * answer. A block of their own beside board-pages.zh-CN.ts; zh-CN defines the keys, instruction-pages.en.ts must match.
 */
export const instructionPageWordsZhCN = {
  // The answer form's one field (schemas/batch.ts instructionFeedbackSchema).
  feedback: '核查结果',
  'instructions.nav': '核查指令',
  'instructions.title': '我的核查指令',
  'instructions.lead': '下发给您的核查指令，最先到期的排在最前。核查后请逐条反馈。',
  'instructions.openTitle': '待反馈（{count}）',
  'instructions.openNone': '没有待反馈的指令。',
  'instructions.answeredTitle': '已反馈（{count}）',
  'instructions.answeredNone': '还没有反馈过的指令。',
  'instructions.more': '后面还有，查看更多',
  'instructions.notDispatched': '等待下发，反馈时限尚未开始计算',
  'instructions.answerLink': '反馈',
  'instructions.answerLinkOf': '反馈：{subject}',
  'instructions.recorded': '已反馈：{subject}。',
  'instructions.answeredAt': '于 {at} 反馈',
  'instructions.batch': '批次：{title}',
  'instructions.note': '说明：{note}',
  'instructions.kind': '类别：{kind}',
  'instructions.feedbackHint': '写清核查了什么、结果如何，例如“已上门核查，实住 3 人，与登记一致”。',
  'instructions.submit': '提交反馈',
  'instructions.back': '返回我的核查指令',
  'instructions.yourAnswer': '您的反馈',
  'instructions.inboxTitle': '需要尽快反馈的核查指令（{count}）',
  'instructions.inboxLead': '这些指令临近或已超过反馈时限，反馈后即从这里消失。',
  'refusal.instructionAnswered': '这条指令已经反馈过，不能再次反馈',
  'refusal.instructionRejected': '这一行未受理，没有下发指令，无需反馈',
  'batch.answeredBy': '{name} 于 {at} 反馈',
  'batch.feedbackRate': '反馈率 {rate}',
} as const satisfies Record<string, string>;
