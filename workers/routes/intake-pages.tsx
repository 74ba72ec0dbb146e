import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import * as v from 'valibot';
import { intakeSchemas } from '../../schemas/intake';
import { channels, type Channel } from '../../schemas/vocabulary';
import type { AppEnv } from '../env';
import { customError, fieldErrors, pickLang, t } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { IntakePage } from '../pages/intake-page';
import { Layout } from '../pages/layout';
import { ReceiptPage } from '../pages/receipt-page';
import { formToInput } from '../pages/schema-form';
import { readCase } from '../services/case-view';
import { fileAndStart } from '../services/file-and-start';
import { configuredPolicy, policyInForce } from '../services/sla-policy';

const isChannel = (value: string): value is Channel => (channels as readonly string[]).includes(value);

/** The server-rendered intake forms: usable on a phone with no JavaScript and a bad connection. */
export const intakePages = new Hono<AppEnv>()
  .use(csrf())
  .use(requireUser('page'))
  .get('/intake/:channel', (c) => {
    const channel = c.req.param('channel');
    if (!isChannel(channel)) return c.notFound();
    return c.html(
      <IntakePage
        lang={c.get('lang')}
        channel={channel}
        schema={intakeSchemas[channel]}
        values={{}}
        errors={[]}
        idempotencyKey={crypto.randomUUID()}
      />,
    );
  })
  .post('/intake/:channel', async (c) => {
    const channel = c.req.param('channel');
    if (!isChannel(channel)) return c.notFound();
    const body = await c.req.parseBody({ all: true });
    const lang = pickLang(typeof body.lang === 'string' ? body.lang : undefined, c.req.header('accept-language'));
    c.set('lang', lang);
    const idempotencyKey = typeof body.idempotencyKey === 'string' && body.idempotencyKey ? body.idempotencyKey : crypto.randomUUID();
    const { lang: _, idempotencyKey: __, ...fields } = body;
    const schema = intakeSchemas[channel];
    const values = formToInput(fields, schema);
    const again = (errors: ReturnType<typeof fieldErrors>) =>
      c.html(<IntakePage lang={lang} channel={channel} schema={schema} values={values} errors={errors} idempotencyKey={idempotencyKey} />, 422);

    const parsed = v.safeParse(schema, values);
    if (!parsed.success) return again(fieldErrors(parsed.issues, lang));
    const services = c.get('services');
    const policy = await policyInForce(c.env, services.db);
    const answer = await fileAndStart(services, { user: c.get('user'), channel, intake: parsed.output, idempotencyKey, policy, lang });
    if (answer.kind === 'invalid') return again(answer.errors);
    if (answer.kind === 'keyReused') return again([customError(lang, 'idempotencyKey', 'idempotencyReused')]);
    // The receipt then says the report joined an earlier case, whose number it shows.
    const joined = answer.kind === 'merged' ? '&joined=1' : '';
    return c.redirect(`/cases/${answer.view.id}/receipt?lang=${lang}${joined}`, 303);
  })
  .get('/cases/:id/receipt', async (c) => {
    const view = await readCase(c.get('services').db, c.get('user'), c.req.param('id'));
    const lang = c.get('lang');
    if (!view) return c.html(<Layout lang={lang} title={t(lang, 'page.notFound')}>{null}</Layout>, 404);
    // The marker alone proves nothing: only a case a report did join says so.
    const joined = c.req.query('joined') === '1' && view.timeline.some((event) => event.type === 'repeat_report');
    return c.html(<ReceiptPage lang={lang} view={view} utcOffset={configuredPolicy(c.env).utcOffset} joined={joined} />);
  });
