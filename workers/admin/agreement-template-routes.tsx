import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { findStationTemplate, listStationTemplates, saveStationTemplate, type StationTemplateRow } from '../../db/queries/agreements';
import { templateOf } from '../../domain/agreement-template';
import { canManage, levelOfPath } from '../../domain/jurisdiction';
import { agreementTemplateFormSchema } from '../../schemas/agreement-template';
import type { AppEnv } from '../env';
import { fieldErrors, t } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { formBody } from '../kit/form-body';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';
import { AgreementTemplatesPage, type AgreementTemplatesPageProps } from './agreement-templates-page';

const stationTemplate = (row: StationTemplateRow) => ({ code: row.code, name: row.name, template: templateOf(row), set: row.updatedAt !== null });

async function showTemplates(c: Context<AppEnv>, shown: Pick<AgreementTemplatesPageProps, 'saved' | 'attempt'> = {}, status: 200 | 422 = 200) {
  const rows = await listStationTemplates(c.get('services').db, c.get('user').jurisdictionPath);
  return c.html(<AgreementTemplatesPage frame={await frameOf(c)} stations={rows.map(stationTemplate)} {...shown} />, status);
}

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

/**
 * The admin's page for the agreement templates of the stations in their jurisdiction: a county's admin keeps every
 * station's, a station's admin its own. A station outside their jurisdiction is as missing as one that does not exist.
 */
export const agreementTemplatePages = new Hono<AppEnv>()
  .use('/admin/agreements', requireUser('page'), requirePagePermission('manageUsers'))
  .use('/admin/agreements/*', requireUser('page'), requirePagePermission('manageUsers'))
  .get('/admin/agreements', async (c) => {
    const saved = c.req.query('saved');
    return showTemplates(c, { saved: saved && /^[\w-]{1,64}$/.test(saved) ? saved : undefined });
  })
  .post('/admin/agreements/:code', async (c) => {
    const body = await formBody(c);
    const { db } = c.get('services');
    const user = c.get('user');
    const station = await findStationTemplate(db, c.req.param('code'));
    if (!station || !canManage(user, station.path) || levelOfPath(station.path) !== 'station') return pageError(c, 404);
    const values = { committeeName: text(body, 'committeeName'), sealText: text(body, 'sealText'), numberPrefix: text(body, 'numberPrefix') };
    const parsed = v.safeParse(agreementTemplateFormSchema, values);
    if (!parsed.success) {
      const lang = c.get('lang');
      const errors = fieldErrors(parsed.issues, lang, (field) => t(lang, `agreementTemplate.${field as 'committeeName' | 'sealText' | 'numberPrefix'}`));
      return showTemplates(c, { attempt: { code: station.code, values, errors } }, 422);
    }
    await saveStationTemplate(db, station.code, parsed.output, { userId: user.id, at: new Date().toISOString() });
    return c.redirect(`/admin/agreements?saved=${encodeURIComponent(station.code)}`, 303);
  });
