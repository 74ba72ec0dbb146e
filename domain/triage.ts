import type { TriageReason } from '../schemas/triage-reason';
import type { Category, RiskFlag, RouteName } from '../schemas/vocabulary';

export interface TriageInput {
  category: Category;
  riskFlags: readonly RiskFlag[];
  /** The case repeats an earlier dispute: same party or same address within 12 months. */
  repeat: boolean;
  /** What the filer wrote: risks named in it are suggested to a supervisor. */
  summary?: string;
}

export interface Triage {
  route: RouteName;
  hardCase: boolean;
  reasons: TriageReason[];
  /** Risks read in the summary that the filer did not tick; a supervisor confirms or dismisses them. */
  suggestedFlags: RiskFlag[];
  /** The words that suggested them. */
  suggestedBy: string[];
}

/** Disputes that need several departments at once from the start. */
const jointCategories: readonly Category[] = ['land', 'company'];
/** Disputes with money or contracts at stake, where a mediation agreement (and a court's confirmation) carries weight. */
const judicialCategories: readonly Category[] = ['property', 'consumer', 'traffic', 'labour'];

/** Words in a report that point to a risk (不放心的人、有风险的事), as filers write them. */
const riskWords: Record<RiskFlag, readonly string[]> = {
  violence: ['持刀', '刀', '威胁', '恐吓', '打人', '殴打', '动手', '报复', '砍', '伤人', '放火', '扬言'],
  group: ['群体', '聚集', '多名', '多户', '集体', '围堵', '堵门', '拉横幅', '工友们', '村民们'],
  vulnerable: ['独居老人', '独居', '老人', '残疾', '未成年', '孕妇', '重病', '低保', '精神障碍'],
  petitioning: ['上访', '越级', '信访', '到北京', '进京', '到省里', '12345', '媒体曝光'],
};

/** Risks named in the summary, with the words that named them. */
export function readRisks(summary: string): { flags: RiskFlag[]; words: string[] } {
  const flags: RiskFlag[] = [];
  const words: string[] = [];
  for (const [flag, list] of Object.entries(riskWords) as [RiskFlag, readonly string[]][]) {
    const found = list.filter((word) => summary.includes(word));
    if (found.length) {
      flags.push(flag);
      words.push(...found);
    }
  }
  return { flags, words };
}

/** The first route and whether the case is hard; every reason goes on the timeline. */
export function triage({ category, riskFlags, repeat, summary = '' }: TriageInput): Triage {
  const reasons: TriageReason[] = [];
  let route: RouteName = 'grassroots';
  if (riskFlags.includes('group')) {
    route = 'joint';
    reasons.push({ code: 'groupDispute' });
  } else if (jointCategories.includes(category)) {
    route = 'joint';
    reasons.push({ code: 'jointCategory', category });
  } else if (judicialCategories.includes(category)) {
    route = 'judicial';
    reasons.push({ code: 'judicialCategory', category });
  } else {
    reasons.push({ code: 'closeToHome', category });
  }
  for (const flag of riskFlags) reasons.push({ code: 'risk', flag });
  if (repeat) reasons.push({ code: 'repeat' });
  const read = readRisks(summary);
  const suggestedFlags = read.flags.filter((flag) => !riskFlags.includes(flag));
  return { route, hardCase: riskFlags.length > 0 || repeat, reasons, suggestedFlags, suggestedBy: suggestedFlags.length ? read.words : [] };
}
