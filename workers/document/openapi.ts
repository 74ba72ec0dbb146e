import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { intakePaths } from '../intake/intake-document';
import { receiptPaths } from '../intake/receipt-document';
import { caseListPath } from '../cases/case-list-document';
import { casesApiPaths } from '../casework/cases-api-document';
import { attachmentPaths } from '../casework/attachments-document';
import { notificationPaths } from '../casework/notifications-document';
import { casePagePaths } from '../casework/case-pages-document';
import { bulkDispatchPagePaths } from '../casework/bulk-dispatch-document';
import { policyPaths } from '../admin/policy-document';
import { peopleAndPlacesPaths } from '../admin/people-document';
import { placeChangePaths, placePagePaths } from '../admin/places-document';
import { oversightPaths } from '../admin/oversight-document';
import { statsPath } from '../board/stats-document';
import { boardPagePaths } from '../board/board-pages-document';
import { adminPagePaths } from '../admin/admin-pages-document';
import { upkeepPagePaths } from '../admin/upkeep-pages-document';
import { agreementTemplatePagePaths } from '../admin/agreement-templates-document';
import { batchPaths } from '../batches/batches-document';
import { instructionPagePaths } from '../batches/instruction-pages-document';
import { sessionPaths } from '../accounts/session-document';
import { tokenPaths } from '../accounts/tokens-document';
import { ssoPaths } from '../accounts/sso-document';
import { healthPaths } from '../sync/health-document';
import { caseReportPaths } from '../sync/case-report-document';
import { pagePaths } from './openapi-pages';
import { openApiJsonPaths } from './openapi-json-document';
import { jsonSchema, withGuardAnswers, withRateLimitAnswers } from './openapi-parts';
import { caseViewSchema, mergedIntakeAnswerSchema } from '../../schemas/case-view';

/**
 * Built from the same valibot schemas the routes validate with, so the document cannot drift from them. Each feature
 * declares its paths beside its routes. The order here is the order the document lists them in; a later part may
 * describe anew a path an earlier one listed (a role's home), and its description then stands in the earlier place.
 */
export function buildOpenApiDocument() {
  const paths: Record<string, unknown> = {
    ...intakePaths(),
    '/api/cases': caseListPath(),
    ...casesApiPaths(),
    ...attachmentPaths(),
    ...policyPaths(),
    '/api/stats': statsPath(),
    ...peopleAndPlacesPaths(),
    ...placeChangePaths(),
    ...batchPaths(),
    ...instructionPagePaths(),
    ...pagePaths(),
    ...casePagePaths(),
    ...boardPagePaths(),
    ...bulkDispatchPagePaths(),
    ...adminPagePaths(),
    ...placePagePaths(),
    ...upkeepPagePaths(),
    ...agreementTemplatePagePaths(),
    ...notificationPaths(),
    ...oversightPaths(),
    ...receiptPaths(),
    ...sessionPaths(),
    ...tokenPaths(),
    ...ssoPaths(),
    ...healthPaths(),
    ...openApiJsonPaths(),
    ...caseReportPaths(),
  };
  return {
    openapi: '3.0.3',
    info: { title: 'Fengqiao', version: '0.1.0', description: 'Grassroots dispute mediation: four-channel intake, durable case workflows.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Case: { ...jsonSchema(caseViewSchema), description: 'A case as its reader may see it: phone and ID numbers masked for grid workers and department liaisons.' },
        JoinedCase: { ...jsonSchema(mergedIntakeAnswerSchema), description: 'The earlier case a report joined, with the case it joined named.' },
      },
    },
    paths: withRateLimitAnswers(withGuardAnswers(paths)),
  };
}

export const openApiRoutes = new Hono<AppEnv>().get('/openapi.json', (c) => c.json(buildOpenApiDocument()));
