import { Hono, type Context } from 'hono';
import { namesOfUsers } from '../../db/queries/case-states';
import type { SignedInUser } from '../../db/queries/users';
import { intakeSchemas } from '../../schemas/intake';
import { channels, type Channel } from '../../schemas/vocabulary';
import type { AppEnv } from '../env';
import { customError, pickLang, type FieldError, type Lang } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { inFormOrder } from '../kit/error-summary';
import { FilingHome, FilingsPage } from './filing-home';
import { rowsOf } from './form-rows';
import { IntakePage } from './intake-page';
import { ReceiptPage } from './receipt-page';
import { formToInput, inFormWords, type FormContext } from '../kit/schema-form';
import { readWholeCase } from '../cases/case-view';
import { readIntake } from './file-case';
import { fileAndStart } from './file-and-start';
import { gridCellsOf } from './grid-cells';
import { myFilings } from './my-filings';
import { policyInForce } from '../county/sla-policy';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';

const isChannel = (value: string): value is Channel => (channels as readonly string[]).includes(value);

const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

/** Most disputes have two sides: a blank form offers two parties; more are a tap away. */
const blankRows = { parties: 2 };

/** What the form shows beyond the schema: the screener is whoever is signed in, the grid cell is picked from theirs. */
async function formParts(c: Context<AppEnv>, channel: Channel, user: SignedInUser) {
  const cells = await gridCellsOf(c.get('services').db, user);
  return {
    fixed: channel === 'grid' ? { 'source.screenedBy': user.name } : undefined,
    choices: { 'where.gridCellCode': cells.map((cell) => ({ value: cell.code, label: `${cell.name}（${cell.code}）` })) },
  } satisfies Pick<FormContext, 'fixed' | 'choices'>;
}

/**
 * The server-rendered intake forms: usable on a phone with no JavaScript and a bad connection. A post either files,
 * or comes back with every error of the round (the schema's and where the grid cell lies, together), or, for "add
 * another party" and "remove", comes back with one row more or less and nothing lost.
 */
/**
 * No party at all is told at the first party's fields, which the filer left empty, rather than at a group heading
 * no input belongs to: the message then sits beside the box to fill in.
 */
function withPartyFieldsMarked(errors: FieldError[], lang: Lang): FieldError[] {
  if (!errors.some((error) => error.field === 'parties')) return errors;
  return errors.flatMap((error) => (error.field === 'parties' ? [customError(lang, 'parties.0.name', 'missing'), customError(lang, 'parties.0.role', 'missing')] : [error]));
}

export const intakePages = new Hono<AppEnv>()
  .use('/intake', requireUser('page'), requirePagePermission('fileIntake'))
  .use('/intake/*', requireUser('page'), requirePagePermission('fileIntake'))
  .use('/filings', requireUser('page'), requirePagePermission('fileIntake'))
  .use('/cases/:id/receipt', requireUser('page'))
  .get('/intake', async (c) => {
    const latest = await myFilings(c.get('services').db, c.get('user'), 5);
    return c.html(<FilingHome frame={await frameOf(c)} latest={latest} />);
  })
  .get('/filings', async (c) => {
    const filings = await myFilings(c.get('services').db, c.get('user'));
    return c.html(<FilingsPage frame={await frameOf(c)} filings={filings} />);
  })
  .get('/intake/:channel', async (c) => {
    const channel = c.req.param('channel');
    if (!isChannel(channel)) return pageError(c, 404);
    const user = c.get('user');
    return c.html(
      <IntakePage
        frame={await frameOf(c)}
        channel={channel}
        schema={intakeSchemas[channel]}
        values={{}}
        errors={[]}
        idempotencyKey={crypto.randomUUID()}
        form={{ ...(await formParts(c, channel, user)), rows: blankRows }}
        fresh
        draftOwner={user.id}
      />,
    );
  })
  .post('/intake/:channel', async (c) => {
    const channel = c.req.param('channel');
    if (!isChannel(channel)) return pageError(c, 404);
    const user = c.get('user');
    const body = await c.req.parseBody({ all: true });
    const lang = pickLang(typeof body.lang === 'string' ? body.lang : undefined, c.req.header('accept-language'));
    c.set('lang', lang);
    // The script sends the draft's key as a header, the plain form as a hidden field; either files once.
    const givenKey = c.req.header('idempotency-key') ?? (typeof body.idempotencyKey === 'string' ? body.idempotencyKey : undefined);
    const idempotencyKey = givenKey && idempotencyKeyPattern.test(givenKey) ? givenKey : crypto.randomUUID();
    const { rows, action } = rowsOf(body);
    const schema = intakeSchemas[channel];
    const values = formToInput(action?.body ?? body, schema);
    const parts = await formParts(c, channel, user);
    if (parts.fixed) values.source = { ...(values.source as object | undefined), screenedBy: user.name };
    const frame = await frameOf(c);
    const again = (errors: FieldError[], status: 200 | 422, key = idempotencyKey) =>
      c.html(
        <IntakePage
          frame={frame}
          channel={channel}
          schema={schema}
          values={values}
          errors={inFormOrder(inFormWords(withPartyFieldsMarked(errors, lang), schema, lang), schema, action?.rows ?? rows)}
          idempotencyKey={key}
          form={{ ...parts, rows: action?.rows ?? rows, focusRow: action?.focusRow }}
          fresh={false}
          draftOwner={user.id}
        />,
        status,
      );
    if (action) return again([], 200);

    const services = c.get('services');
    const policy = await policyInForce(c.env, services.db);
    // Where the grid cell lies is checked in the same round as the formats, so nothing new turns up after a fix.
    const read = await readIntake(services.db, user, channel, values, { policy, lang, now: new Date() });
    if (!read.ok) return again(read.errors, 422);
    const answer = await fileAndStart(services, { user, channel, intake: read.intake, idempotencyKey, policy, lang });
    if (answer.kind === 'invalid') return again(answer.errors, 422);
    // The key filed something else: this form takes a new one, or it could never be filed.
    if (answer.kind === 'keyReused') return again([customError(lang, 'idempotencyKey', 'idempotencyReused')], 422, crypto.randomUUID());
    // The receipt then says the report joined an earlier case, whose number it shows.
    const joined = answer.kind === 'merged' ? '&joined=1' : '&filed=1';
    return c.redirect(`/cases/${answer.view.id}/receipt?lang=${lang}${joined}`, 303);
  })
  .get('/cases/:id/receipt', async (c) => {
    const services = c.get('services');
    const view = await readWholeCase(services, c.get('user'), c.req.param('id'), 'page');
    if (!view) return pageError(c, 404);
    // The markers alone prove nothing: only a case a report did join says so, and only a case still at its start is new.
    const joined = c.req.query('joined') === '1' && view.timeline.some((event) => event.type === 'repeat_report');
    const justFiled = c.req.query('filed') === '1' && !view.assigneeId && !view.outcome;
    const handlerName = view.assigneeId ? (await namesOfUsers(services.db, [view.assigneeId])).get(view.assigneeId) : undefined;
    return c.html(<ReceiptPage frame={await frameOf(c)} view={view} joined={joined} justFiled={justFiled} handlerName={handlerName} />);
  });
