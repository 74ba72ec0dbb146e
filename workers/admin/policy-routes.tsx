import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { publishedPolicies, publishedPolicy } from '../../db/queries/policies';
import { lateEveningOf, previewDeadlines } from '../../domain/clocks/preview';
import { slaPolicySchema, type SlaPolicy } from '../../schemas/policy';
import type { AppEnv } from '../env';
import { requireUser } from '../middleware/auth';
import { policyInForce } from '../county/sla-policy';
import { formBody } from '../kit/form-body';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';
import { readPolicyForm, typedValues } from './policy-form';
import { PolicyPage, PolicyVersionPage, type PolicyPageProps, type PreviewedFiling } from './policy-page';
import { publishNewPolicy } from './publish-policy';

type Shown = Omit<PolicyPageProps, 'frame' | 'inForce' | 'inForceRow' | 'versions'>;

async function showPolicy(c: Context<AppEnv>, shown: Shown = {}, status: 200 | 409 | 422 = 200) {
  const { db } = c.get('services');
  const [inForce, versions, frame] = await Promise.all([policyInForce(c.env, db), publishedPolicies(db), frameOf(c)]);
  const inForceRow = versions.find((row) => row.version === inForce.version);
  return c.html(<PolicyPage frame={frame} inForce={inForce} inForceRow={inForceRow} versions={versions} {...shown} />, status);
}

/** The deadlines of a case filed at `filedAt`, under the policy in force and under the edited one. */
const filing = (inForce: SlaPolicy, edited: SlaPolicy, filedAt: Date): PreviewedFiling => ({
  filedAt: filedAt.toISOString(),
  inForce: previewDeadlines(inForce, filedAt.toISOString()),
  edited: previewDeadlines(edited, filedAt.toISOString()),
});

/** The form holds no calendar: the county's days stay as the policy in force has them (changed on /admin/calendar). */
const keepingCalendar = (edited: SlaPolicy, inForce: SlaPolicy): SlaPolicy => ({ ...edited, calendar: inForce.calendar });

/**
 * The admin's page for the SLA policy, over the service of POST /api/policy: a session, not a token. Preview answers
 * in place and saves nothing; publish answers with a redirect back to the page, which says what it did.
 */
export const policyPages = new Hono<AppEnv>()
  // `/admin/policy/*` guards `/admin/policy` as well.
  .use('/admin/policy/*', requireUser('page'), requirePagePermission('publishPolicy'))
  .get('/admin/policy', async (c) => {
    const version = Number(c.req.query('published'));
    const cases = Number(c.req.query('cases'));
    const published = Number.isSafeInteger(version) && version > 0 ? { version, cases: Number.isSafeInteger(cases) ? cases : 0 } : undefined;
    return showPolicy(c, { published });
  })
  .post('/admin/policy/preview', async (c) => {
    const values = typedValues(await formBody(c));
    const read = readPolicyForm(c.get('lang'), values);
    if ('errors' in read) return showPolicy(c, { values, errors: read.errors }, 422);
    const inForce = await policyInForce(c.env, c.get('services').db);
    const edited = keepingCalendar(read.policy, inForce);
    const now = new Date();
    // 22:00 of the county's day, as the station's clock reads it: the edge's offset, as every page shows time.
    const late = lateEveningOf(now, (await frameOf(c)).utcOffset);
    return showPolicy(c, { values, preview: { now: filing(inForce, edited, now), late: filing(inForce, edited, late) } });
  })
  .post('/admin/policy', async (c) => {
    const values = typedValues(await formBody(c));
    const read = readPolicyForm(c.get('lang'), values);
    if ('errors' in read) return showPolicy(c, { values, errors: read.errors }, 422);
    const inForce = await policyInForce(c.env, c.get('services').db);
    const published = await publishNewPolicy(c.get('services'), c.env, c.get('user'), keepingCalendar(read.policy, inForce));
    if (published.kind === 'stale') return showPolicy(c, { values, stale: published.inForce }, 409);
    return c.redirect(`/admin/policy?published=${published.version}&cases=${published.casesToTell}`, 303);
  })
  .get('/admin/policy/versions/:version{[1-9][0-9]{0,8}}', async (c) => {
    const { db } = c.get('services');
    const row = await publishedPolicy(db, Number(c.req.param('version')));
    if (!row) return pageError(c, 404);
    return c.html(<PolicyVersionPage frame={await frameOf(c)} row={row} policy={v.parse(slaPolicySchema, row.policy)} />);
  });

