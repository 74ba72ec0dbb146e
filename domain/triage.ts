import type { Category, RiskFlag, RouteName } from '../schemas/vocabulary';

export interface TriageInput {
  category: Category;
  riskFlags: readonly RiskFlag[];
  /** The case repeats an earlier dispute: same party or same address within 12 months. */
  repeat: boolean;
}

export interface Triage {
  route: RouteName;
  hardCase: boolean;
  reasons: string[];
}

/** Disputes that need several departments at once from the start. */
const jointCategories: readonly Category[] = ['land', 'company'];
/** Disputes with money or contracts at stake, where a mediation agreement (and a court's confirmation) carries weight. */
const judicialCategories: readonly Category[] = ['property', 'consumer', 'traffic', 'labour'];

/** The first route and whether the case is hard; every reason goes on the timeline. */
export function triage({ category, riskFlags, repeat }: TriageInput): Triage {
  const reasons: string[] = [];
  let route: RouteName = 'grassroots';
  if (riskFlags.includes('group')) {
    route = 'joint';
    reasons.push('group dispute: departments act together');
  } else if (jointCategories.includes(category)) {
    route = 'joint';
    reasons.push(`${category} disputes involve several departments`);
  } else if (judicialCategories.includes(category)) {
    route = 'judicial';
    reasons.push(`${category} disputes go to the people's mediation committee`);
  } else {
    reasons.push(`${category} disputes are settled close to home first`);
  }
  for (const flag of riskFlags) reasons.push(`risk: ${flag}`);
  if (repeat) reasons.push('repeat dispute');
  return { route, hardCase: riskFlags.length > 0 || repeat, reasons };
}
