import { hasMessage, t, type Lang, type MessageKey } from './messages';

/**
 * The workflow and the permission table give their reasons in English (the API's 409 and 403 carry them as they are).
 * A page reads them in its own language: each known reason is matched and worded again, its parts translated; one
 * not known here is shown as it came, so nothing is hidden.
 */
type Parts = Record<string, string>;
type Rule = [RegExp, MessageKey, ((parts: Parts, lang: Lang) => Parts)?];

const word = (lang: Lang, key: string) => (hasMessage(key) ? t(lang, key) : key.slice(key.indexOf('.') + 1));
const list = (lang: Lang, prefix: string, items: string) =>
  items
    .split(/,\s*/)
    .map((item) => word(lang, `${prefix}.${item}`))
    .join(lang === 'en' ? ', ' : '、');

const bracketed = (lang: Lang, name: string | undefined) => (name ? (lang === 'en' ? ` (${name})` : `（${name}）`) : '');

const rules: Rule[] = [
  [/^the case is closed$/, 'refusal.closed'],
  [/^the case is paused \((?<reason>.*)\): resume it first$/, 'refusal.paused'],
  [/^the case is (?<status>open|resolved|queued)$/, 'refusal.notOpen', ({ status }, lang) => ({ status: word(lang, `status.${status}`) })],
  [/^a hard case is accepted by its mediator \((?<name>.*)\) before mediation steps$/, 'refusal.hardNotAcceptedBy'],
  [/^a hard case is dispatched by a supervisor and accepted before mediation steps$/, 'refusal.hardNotDispatched'],
  [/^departments are named only on the joint route$/, 'refusal.departmentsOnJoint'],
  [/^the lead department must be one of the departments named$/, 'refusal.leadNamed'],
  [/^the case is already accepted$/, 'refusal.alreadyAccepted'],
  [/^first contact is already recorded$/, 'refusal.contactRecorded'],
  [/^the (?<route>\w+) route is already (?<stage>\w+)$/, 'refusal.routeFinished', ({ route, stage }, lang) => ({ route: word(lang, `route.${route}`), stage: word(lang, `routeStage.${stage}`) })],
  [/^the case is already paused$/, 'refusal.alreadyPaused'],
  [/^the case is not paused$/, 'refusal.notPaused'],
  [/^an extension is already waiting for a supervisor$/, 'refusal.extensionWaiting'],
  [/^no extension has been requested$/, 'refusal.noExtension'],
  [/^follow-up reports are kept for hard cases$/, 'refusal.followUpHardOnly'],
  [/^a follow-up report comes after the mediator accepted the case$/, 'refusal.followUpAfterAccept'],
  [/^no escalation is waiting for acknowledgement$/, 'refusal.noEscalation'],
  [/^that would change nothing$/, 'refusal.changesNothing'],
  [/^a case cannot be a duplicate of itself$/, 'refusal.selfDuplicate'],
  [/^only suggested flags can be dismissed; not suggested: (?<flags>.*)$/, 'refusal.dismissUnsuggested', ({ flags }, lang) => ({ flags: list(lang, 'riskFlags', flags!) })],
  [/^only a resolved case can be closed$/, 'refusal.closeResolvedOnly'],
  [/^return visits are still due: (?<done>\d+) of (?<due>\d+) recorded$/, 'refusal.visitsDue'],
  [/^the agreement is waiting for the court’s confirmation$/, 'refusal.awaitingCourt'],
  [/^no mediation session is scheduled: schedule one first$/, 'refusal.noSession'],
  [/^an agreement is already recorded and waiting for the court’s confirmation$/, 'refusal.agreementAwaitingCourt'],
  [/^only the judicial route asks a court to confirm an agreement$/, 'refusal.confirmJudicialOnly'],
  [/^no departments are named for this joint route yet: assign them first$/, 'refusal.noDepartments'],
  [/^the lead cannot close before every department has reported back; waiting for: (?<departments>.*)$/, 'refusal.departmentsWaiting', ({ departments }, lang) => ({ departments: list(lang, 'department', departments!) })],
  [/^no judicial confirmation has been requested$/, 'refusal.noConfirmationAsked'],
  [/^department reports belong to the joint route$/, 'refusal.reportsOnJoint'],
  [/^(?<department>\w+) is not one of this route's departments$/, 'refusal.departmentNotNamed', ({ department }, lang) => ({ department: word(lang, `department.${department}`) })],
  [/^(?<department>\w+) has already reported back$/, 'refusal.departmentReported', ({ department }, lang) => ({ department: word(lang, `department.${department}`) })],
  [/^grid workers file cases; mediators and supervisors step them$/, 'refusal.gridWorkers'],
  [/^a department reports back for its part; the mediators and supervisors take the other steps$/, 'refusal.departmentOnly'],
  [/^you report back for (?<department>[\w ]+) only$/, 'refusal.ownDepartment', ({ department }, lang) => ({ department: word(lang, `department.${department}`) })],
  [/^only a supervisor may (?<step>[a-z ]+)$/, 'refusal.supervisorOnly', ({ step }, lang) => ({ step: word(lang, `step.${step!.replaceAll(' ', '-')}`) })],
  [/^only the assigned mediator(?: \((?<name>.*)\))? may step this case$/, 'refusal.assigneeOnly', ({ name }, lang) => ({ name: bracketed(lang, name) })],
  [/^the case has not been dispatched to you: a supervisor dispatches it first$/, 'refusal.notDispatchedToYou'],
  [/^accept the case before you work it$/, 'refusal.acceptFirst'],
  [/^only a supervisor records a mediator’s step on behalf of the assigned mediator$/, 'refusal.onBehalfSupervisorOnly'],
  [/^a supervisor does not take the mediator’s steps: the assigned mediator(?: \((?<name>.*)\))? does$/, 'refusal.mediatorsStep', ({ name }, lang) => ({ name: bracketed(lang, name) })],
  [/^a supervisor does not take the mediator’s steps: dispatch the case to a mediator$/, 'refusal.mediatorsStepDispatch'],
  [/^return visits come after the case is resolved$/, 'refusal.visitsAfterResolve'],
  [/^every return visit is already recorded$/, 'refusal.visitsDone'],
  [/^return visit (?<n>\d+) is not due yet: it may be recorded from (?<when>.*)$/, 'refusal.visitNotDue'],
];

/** A reason as the page's reader reads it, starting with a capital in English. */
export function refusalWords(lang: Lang, reason: string): string {
  for (const [pattern, key, parts] of rules) {
    const match = pattern.exec(reason);
    if (!match) continue;
    const found = { ...match.groups } as Parts;
    const text = t(lang, key, parts ? { ...found, ...parts(found, lang) } : found);
    return lang === 'en' ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : text;
  }
  return lang === 'en' ? `${reason.charAt(0).toUpperCase()}${reason.slice(1)}` : reason;
}
