import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { markNotificationRead } from '../../db/queries/notifications';
import { inboxesOf } from '../../domain/notifications';
import { caseListQuerySchema } from '../../schemas/case-list';
import { stepNames, stepPayloadSchemas, type StepName } from '../../schemas/steps';
import type { AppEnv } from '../env';
import { pickLang, t } from '../i18n/messages';
import { refusalWords } from '../i18n/refusals';
import { requireUser } from '../middleware/auth';
import { CasePage, type CasePageProps } from './case-page';
import { DepartmentHome, type DepartmentHomeProps } from './department-home';
import { InboxPage } from './inbox-page';
import { readInboxPage } from './inbox';
import { MediatorHome } from './mediator-home';
import { formToPayload, stepFieldErrors } from './step-form-input';
import type { StepAttempt } from './step-forms';
import { readCasePage } from './case-page-data';
import { attachmentResponse, attachToCase, openAttachment } from './attachments';
import { limitUpload } from './attachments-api';
import { AgreementPage } from './agreement-page';
import { readAgreementPage } from './agreement-data';
import { listCasesFor } from '../cases/case-list';
import { openStepsOfCases } from './open-steps';
import { deadlinesOfCases } from './department-deadlines';
import { configuredPolicy, policyInForce } from '../county/sla-policy';
import { takeStep } from './take-step';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';

const isStepName = (value: string | undefined): value is StepName => (stepNames as readonly (string | undefined)[]).includes(value);
const stepIdPattern = /^[\w-]{1,100}$/;
const pageSize = '20';

/** One page of a work list; a cursor that is no longer good starts again from the first page. */
async function workList(c: Context<AppEnv>, fields: { mine?: '1'; sort: 'nearestDue' }) {
  const { db } = c.get('services');
  const cursor = c.req.query('cursor');
  const asked = v.safeParse(caseListQuerySchema, { ...fields, limit: pageSize, ...(cursor ? { cursor } : {}) });
  const query = asked.success ? asked.output : v.parse(caseListQuerySchema, { ...fields, limit: pageSize });
  const policy = await policyInForce(c.env, db);
  const answer = await listCasesFor(db, c.get('user'), query, { lang: c.get('lang'), utcOffset: policy.utcOffset });
  return { policy, paged: asked.success && Boolean(cursor), ...(answer.kind === 'page' ? answer : { rows: [], nextCursor: null }) };
}

async function tasksPage(c: Context<AppEnv>, extra: Pick<DepartmentHomeProps, 'attempt' | 'reported'> = {}, status: 200 | 403 | 409 | 422 | 503 = 200) {
  const user = c.get('user');
  const now = new Date();
  const list = await workList(c, { sort: 'nearestDue' });
  const { db } = c.get('services');
  const steps = await openStepsOfCases(db, user, list.rows.map((row) => row.id), { policy: list.policy, now });
  const facts = list.rows.map((row) => ({ id: row.id, filedAt: row.filedAt, route: steps.get(row.id)?.route }));
  const [deadlines, frame] = await Promise.all([deadlinesOfCases(db, configuredPolicy(c.env), facts), frameOf(c)]);
  return c.html(
    <DepartmentHome
      frame={frame}
      department={user.department ?? null}
      rows={list.rows}
      steps={steps}
      deadlines={deadlines}
      nextCursor={list.nextCursor}
      now={now}
      {...extra}
    />,
    status,
  );
}

async function casePage(
  c: Context<AppEnv>,
  extra: Pick<CasePageProps, 'done' | 'attempt' | 'unavailable' | 'attachmentAttempt' | 'attached'> = {},
  status: 200 | 403 | 409 | 413 | 415 | 422 | 503 = 200,
) {
  const { db } = c.get('services');
  const now = new Date();
  const policy = await policyInForce(c.env, db);
  const data = await readCasePage(c.get('services'), c.get('user'), c.req.param('id')!, { policy, configuredPolicy: configuredPolicy(c.env), now });
  if (!data) return pageError(c, 404);
  return c.html(<CasePage frame={await frameOf(c)} data={data} now={now} {...extra} />, status);
}

/**
 * The pages of the people who work cases: a mediator's queue, the case page with the steps open now, the inbox,
 * a department's tasks. A step is a plain form post on the session cookie (the API takes bearer tokens only), checked
 * for coming from this site like every page form (app.ts), and taken by the same service as the API's.
 */
export const casePages = new Hono<AppEnv>()
  .use('/queue', requireUser('page'), requirePagePermission('workQueue'))
  .use('/tasks', requireUser('page'), requirePagePermission('departmentTasks'))
  // Everyone has an inbox: a grid worker's holds the instructions sent to them that are near or past their deadline.
  .use('/inbox', requireUser('page'))
  .use('/inbox/*', requireUser('page'))
  .use('/cases/:id', requireUser('page'), requirePagePermission('stepCases'))
  .use('/cases/:id/steps/*', requireUser('page'), requirePagePermission('stepCases'))
  .use('/cases/:id/agreement', requireUser('page'), requirePagePermission('stepCases'))
  .use('/cases/:id/attachments', requireUser('page'), requirePagePermission('stepCases'))
  .use('/cases/:id/attachments/*', requireUser('page'), requirePagePermission('stepCases'))
  .get('/queue', async (c) => {
    const list = await workList(c, { mine: '1', sort: 'nearestDue' });
    return c.html(<MediatorHome frame={await frameOf(c)} rows={list.rows} nextCursor={list.nextCursor} paged={list.paged} now={new Date()} />);
  })
  .get('/tasks', async (c) => tasksPage(c, { reported: c.req.query('reported')?.slice(0, 40) }))
  .get('/inbox', async (c) => {
    const now = new Date();
    const { notices, instructions, names } = await readInboxPage(c.get('services').db, c.get('user'), now);
    return c.html(<InboxPage frame={await frameOf(c)} notices={notices} names={names} urgent={instructions} marked={c.req.query('marked') === '1'} now={now} />);
  })
  .post('/inbox/:id/read', async (c) => {
    const id = Number(c.req.param('id'));
    const marked = Number.isInteger(id) && (await markNotificationRead(c.get('services').db, id, inboxesOf(c.get('user')), new Date().toISOString()));
    // Marked already (another tab, another member of the command room) is as good as marked now.
    return c.redirect(`/inbox${marked ? '?marked=1' : ''}`, 303);
  })
  .get('/cases/:id', async (c) => {
    const done = c.req.query('done');
    return casePage(c, { done: isStepName(done) ? done : undefined, attached: c.req.query('attached') });
  })
  // A file from the case page's 附件 form: attached as through the API, or the page again with why not beside the field.
  .post(
    '/cases/:id/attachments',
    limitUpload((c, refusal) => casePage(c, { attachmentAttempt: { refusal } }, 413)),
    async (c) => {
      // A body that does not parse as multipart carries no file: the page says so, as for none chosen.
      const body = await c.req.parseBody().catch((): Record<string, unknown> => ({}));
      c.set('lang', pickLang(typeof body.lang === 'string' ? body.lang : undefined, c.req.header('accept-language')));
      const file = body.file instanceof File && body.file.name !== '' ? body.file : undefined;
      if (!file) return casePage(c, { attachmentAttempt: { missing: true } }, 422);
      const caseId = c.req.param('id');
      const answer = await attachToCase(c.get('services'), c.get('user'), caseId, file);
      switch (answer.kind) {
        case 'attached':
          return c.redirect(`/cases/${caseId}?attached=${answer.attachment.id}#attachments`, 303);
        case 'notFound':
          return pageError(c, 404);
        case 'forbidden':
          return pageError(c, 403);
        case 'refused':
          return casePage(c, { attachmentAttempt: { refusal: answer.refusal } }, answer.status);
      }
    },
  )
  .get('/cases/:id/attachments/:attachmentId', async (c) => {
    const opened = await openAttachment(c.get('services'), c.get('user'), c.req.param('id'), c.req.param('attachmentId'));
    return opened ? attachmentResponse(opened) : pageError(c, 404);
  })
  // The case's mediation agreement to print: for whoever may read the case, and as missing as the case to anyone else.
  .get('/cases/:id/agreement', async (c) => {
    const data = await readAgreementPage(c.get('services'), c.get('user'), c.req.param('id'));
    if (!data) return pageError(c, 404);
    return c.html(<AgreementPage frame={await frameOf(c)} {...data} />);
  })
  .post('/cases/:id/steps/:step', async (c) => {
    const step = c.req.param('step');
    if (!isStepName(step)) return pageError(c, 404);
    const body = await c.req.parseBody({ all: true });
    const lang = pickLang(typeof body.lang === 'string' ? body.lang : undefined, c.req.header('accept-language'));
    c.set('lang', lang);
    const stepId = typeof body.stepId === 'string' && stepIdPattern.test(body.stepId) ? body.stepId : crypto.randomUUID();
    const fromTasks = body.returnTo === '/tasks';
    const values = Object.fromEntries(
      Object.entries(body).flatMap(([name, value]) => {
        const texts = [value].flat().filter((item): item is string => typeof item === 'string');
        return texts.length ? [[name, texts.length === 1 && !Array.isArray(value) ? texts[0]! : texts]] : [];
      }),
    );
    const caseId = c.req.param('id');
    const again = (attempt: Omit<StepAttempt, 'step' | 'values' | 'stepId'>, status: 403 | 409 | 422 | 503, unavailable?: CasePageProps['unavailable']) => {
      const tried: StepAttempt = { step, values, stepId, ...attempt };
      return fromTasks ? tasksPage(c, { attempt: { ...tried, caseId } }, status) : casePage(c, { attempt: tried, unavailable }, status);
    };

    const parsed = v.safeParse(stepPayloadSchemas[step], formToPayload(step, body));
    if (!parsed.success) return again({ errors: stepFieldErrors(step, parsed.issues, lang) }, 422);
    const onBehalfOfAssignee = body.onBehalfOfAssignee === '1';
    const answer = await takeStep(c.get('services'), {
      user: c.get('user'),
      caseId,
      step,
      payload: parsed.output,
      stepId,
      onBehalfOfAssignee,
      utcOffset: configuredPolicy(c.env).utcOffset,
    });
    switch (answer.kind) {
      case 'taken':
        return c.redirect(fromTasks ? `/tasks?reported=${encodeURIComponent(answer.view.caseNumber)}` : `/cases/${caseId}?done=${step}`, 303);
      case 'notFound':
        return pageError(c, 404);
      // Beside its step, as the API answers it: 403 for who asks, 409 for what the case allows now.
      case 'forbidden':
        return again({ errors: [], refusal: refusalWords(lang, answer.refusal) }, 403);
      case 'refused':
        return again({ errors: [], refusal: refusalWords(lang, answer.refusal) }, 409);
      case 'invalid':
        return again({ errors: [{ field: answer.field, message: t(lang, 'error.invalid', { label: t(lang, `stepField.${answer.field as 'mediatorId' | 'duplicateOf'}`) }) }] }, 422);
      case 'unavailable':
        c.header('retry-after', '30');
        return again({ errors: [] }, 503, answer.maybeTaken ? 'maybeTaken' : 'unchanged');
    }
  });
