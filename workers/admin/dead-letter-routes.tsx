import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../env';
import { resendOutcomes } from '../i18n/admin-policy.zh-CN';
import { requireUser } from '../middleware/auth';
import { formBody } from '../kit/form-body';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';
import { DeadLettersPage } from './dead-letter-page';
import { deadLettersKeptBy, sendDeadLetterAgain } from './dead-letters';

/** What the page says after a letter was sent again (Post/Redirect/Get): which one, and what the delivery answered. */
const sentSchema = v.object({ sent: v.pipe(v.string(), v.regex(/^[1-9]\d{0,14}$/), v.transform(Number)), outcome: v.picklist(resendOutcomes) });

/** The admin's page for the dead letters, over the services of /api/dead-letters: a session, not a token. */
export const deadLetterPages = new Hono<AppEnv>()
  // `/admin/dead-letters/*` guards `/admin/dead-letters` as well.
  .use('/admin/dead-letters/*', requireUser('page'), requirePagePermission('retryDeliveries'))
  .get('/admin/dead-letters', async (c) => {
    const sent = v.safeParse(sentSchema, c.req.query());
    const [letters, frame] = await Promise.all([deadLettersKeptBy(c.get('services').db, c.get('user')), frameOf(c)]);
    return c.html(<DeadLettersPage frame={frame} letters={letters} sent={sent.success ? { id: sent.output.sent, outcome: sent.output.outcome } : undefined} />);
  })
  .post('/admin/dead-letters/:outboxId{[1-9][0-9]{0,14}}/retry', async (c) => {
    await formBody(c);
    const id = Number(c.req.param('outboxId'));
    const answer = await sendDeadLetterAgain(c.get('services'), c.get('user'), id);
    if (answer.kind === 'notFound') return pageError(c, 404);
    return c.redirect(`/admin/dead-letters?sent=${id}&outcome=${answer.outcome}`, 303);
  });
