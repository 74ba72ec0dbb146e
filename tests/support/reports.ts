import type { CaseProjection } from '../../schemas/case-event';
import { signatureHeader, signRequest } from '../../schemas/internal-signature';

interface ReportChange {
  type?: string;
  detail?: Record<string, unknown>;
  notify?: 'assignee' | 'station' | 'county' | null;
  at?: string;
  projection?: Partial<Omit<CaseProjection, 'progress'>>;
  progress?: Partial<CaseProjection['progress']>;
}

/**
 * A report as the case's workflow sends it, every field filled in as for an open grassroots case nobody holds yet;
 * `change` names what the test needs otherwise. The edge checks it against the same schema as a real one.
 */
export function workflowReport(seq: number, change: ReportChange = {}) {
  const at = change.at ?? new Date().toISOString();
  const route = change.projection?.route ?? 'grassroots';
  return {
    seq,
    type: change.type ?? 'triaged',
    actor: 'system',
    reason: null,
    detail: change.detail ?? { route, hardCase: change.projection?.hardCase ?? false, reasons: ['test'] },
    at,
    notify: change.notify ?? null,
    projection: {
      status: 'open',
      route,
      hardCase: false,
      order: 'awaiting_dispatch',
      assigneeId: null,
      escalationLevel: 0,
      riskFlags: [],
      outcome: null,
      paused: false,
      overdue: false,
      clocks: [],
      ...change.projection,
      progress: {
        triageReasons: ['test'],
        riskFlags: [],
        suggestedFlags: [],
        escalations: [],
        routeHistory: [],
        returnVisits: [],
        route: { route, index: 0, startedAt: at, stage: 'working', sessionsScheduled: 0, sessionsHeld: 0, departments: {} },
        repeatReports: 0,
        ...change.progress,
      },
    },
  };
}

/** Sends a report to the edge's /internal route, signed as the worker signs it. */
export async function postReport(edgeUrl: string, caseId: string, report: object, secret: string) {
  const path = `/internal/cases/${caseId}/events`;
  const body = JSON.stringify(report);
  return fetch(`${edgeUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [signatureHeader]: await signRequest(secret, 'POST', path, body) },
    body,
  });
}
