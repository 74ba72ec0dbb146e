import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { UserRecord } from '../../db/queries/users';
import { userListQuerySchema } from '../../schemas/user-list';
import { newUserSchema, type NewUser, type UserChange } from '../../schemas/users';
import type { AppEnv } from '../env';
import { customError, fieldErrors, type FieldError } from '../i18n/messages';
import { formBody } from '../kit/form-body';
import { requireUser } from '../middleware/auth';
import { askedFields } from '../kit/asked-fields';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';
import { formToInput } from '../kit/schema-form';
import { changeUser, createUser, issueSignInCode, managedUser, setUserDisabled, unlockUser, usersManagedBy, type UserAnswer } from './manage-users';
import { issueTokenFor, revokeTokenOfUser } from './manage-tokens';
import { tokensOf } from '../middleware/personal-tokens';
import { readTokenForm } from '../kit/token-list';
import { UserTokensSection, type TokensShown } from './user-tokens-section';
import { CodeIssuedPage, NewUserPage } from './user-form-pages';
import { placesManagedBy, sift } from './user-list';
import { UserListPage } from './user-list-page';
import { UserPage, userNotices, type OwnAccountRefusal, type UserNotice, type UserPageProps } from './user-page';
import { fieldLabel, inPageWords, userFields } from './user-parts';

/** A list longer than this asks for a narrower search rather than a page a phone cannot scroll through. */
const shownAtMost = 200;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const userHref = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

/** The person's fields as typed, to be shown again beside their errors: nothing typed is lost. */
const typed = (body: Record<string, unknown>) => Object.fromEntries(userFields.flatMap((field) => (text(body[field]) ? [[field, text(body[field])]] : [])));

/** A form read as the API reads a new user, its errors worded as the form labels its fields. */
function readPerson(c: Context<AppEnv>, input: Record<string, unknown>): { person: NewUser } | { errors: FieldError[] } {
  const lang = c.get('lang');
  const parsed = v.safeParse(newUserSchema, formToInput(input, newUserSchema));
  return parsed.success ? { person: parsed.output } : { errors: inPageWords(lang, fieldErrors(parsed.issues, lang, (field) => fieldLabel(lang, field))) };
}

async function newUserForm(c: Context<AppEnv>, values: Record<string, string>, errors: FieldError[], status: 200 | 409 | 422 = 200) {
  const [places, frame] = await Promise.all([placesManagedBy(c.get('services').db, c.get('user')), frameOf(c)]);
  return c.html(<NewUserPage frame={frame} places={places} values={values} errors={errors} />, status);
}

/** The one answer that shows a one-time code: kept by no cache, and never a redirect to a page that could show it again. */
async function codePage(c: Context<AppEnv>, answer: UserAnswer, created: boolean) {
  if (answer.kind === 'notFound') return pageError(c, 404);
  if (answer.kind !== 'codeIssued') throw new Error(`a one-time code was asked for and the answer was ${answer.kind}`);
  c.header('cache-control', 'no-store');
  const loginUrl = `${new URL(c.req.url).origin}/login`;
  return c.html(<CodeIssuedPage frame={await frameOf(c)} user={answer.user} code={answer.oneTimeCode} created={created} loginUrl={loginUrl} />, created ? 201 : 200);
}

type Shown = Pick<UserPageProps, 'notice' | 'refusal' | 'edit'>;

async function showUser(c: Context<AppEnv>, id: string, shown: Shown = {}, status: 200 | 201 | 409 | 422 = 200, tokensShown?: TokensShown) {
  const { db } = c.get('services');
  const admin = c.get('user');
  const user = await managedUser(db, admin, id);
  if (!user) return pageError(c, 404);
  const [places, tokens, frame] = await Promise.all([placesManagedBy(db, admin), tokensOf(db, user.id), frameOf(c)]);
  return c.html(
    <UserPage frame={frame} user={user} places={places} own={user.id === admin.id} now={new Date()} {...shown}>
      <UserTokensSection frame={frame} user={user} tokens={tokens} shown={tokensShown} />
    </UserPage>,
    status,
  );
}

/** What the form changes of the person as stored; undefined when it changes nothing. */
function changeOf(current: UserRecord, wanted: NewUser): UserChange | undefined {
  const department = wanted.department ?? null;
  const change: UserChange = {
    ...(wanted.name !== current.name ? { name: wanted.name } : {}),
    ...(wanted.role !== current.role ? { role: wanted.role } : {}),
    ...(wanted.jurisdictionCode !== current.jurisdictionCode ? { jurisdictionCode: wanted.jurisdictionCode } : {}),
    ...(department !== current.department ? { department } : {}),
  };
  return Object.keys(change).length ? change : undefined;
}

/** One small form's action on a person, then back to their page saying what it did (Post/Redirect/Get). */
async function act(c: Context<AppEnv>, id: string, run: () => Promise<UserAnswer>, done: UserNotice, refusal: OwnAccountRefusal = 'ownAccount') {
  await formBody(c);
  const answer = await run();
  if (answer.kind === 'notFound') return pageError(c, 404);
  if (answer.kind === 'refused') return showUser(c, id, { refusal }, 409);
  return c.redirect(`${userHref(id)}?done=${done}`, 303);
}

/**
 * The admin's pages for the people they keep, over the same services as /api/users: a session, not a token. Each
 * action is a small POST form (checked for coming from this site, app.ts) answered by a redirect, except the one
 * that shows a one-time code: that is answered once, in place.
 */
export const userPages = new Hono<AppEnv>()
  // `/admin/users/*` guards `/admin/users` as well: a second guard for it would look the session up twice.
  .use('/admin/users/*', requireUser('page'), requirePagePermission('manageUsers'))
  .get('/admin/users', async (c) => {
    const { db } = c.get('services');
    const admin = c.get('user');
    const lang = c.get('lang');
    const values = askedFields(c);
    const [places, frame] = await Promise.all([placesManagedBy(db, admin), frameOf(c)]);
    const parsed = v.safeParse(userListQuerySchema, values);
    const errors = parsed.success ? [] : fieldErrors(parsed.issues, lang);
    const place = parsed.success && parsed.output.jurisdiction ? places.find((item) => item.code === parsed.output.jurisdiction) : undefined;
    if (parsed.success && parsed.output.jurisdiction && !place) errors.push(customError(lang, 'jurisdiction', 'jurisdictionUnknown'));
    const found = parsed.success && !errors.length ? sift(await usersManagedBy(db, admin), parsed.output, place) : [];
    const page = <UserListPage frame={frame} places={places} values={values} errors={errors} users={found.slice(0, shownAtMost)} found={found.length} now={new Date()} />;
    return c.html(page, errors.length ? 422 : 200);
  })
  .get('/admin/users/new', (c) => newUserForm(c, {}, []))
  .post('/admin/users', async (c) => {
    const body = await formBody(c);
    const lang = c.get('lang');
    const values = typed(body);
    const read = readPerson(c, body);
    if ('errors' in read) return newUserForm(c, values, read.errors, 422);
    const { db } = c.get('services');
    const admin = c.get('user');
    const answer = await createUser(db, admin, read.person, lang);
    if (answer.kind === 'invalid') return newUserForm(c, values, inPageWords(lang, answer.errors), 422);
    if (answer.kind === 'taken') return newUserForm(c, values, inPageWords(lang, [customError(lang, 'id', 'userIdTaken')]), 409);
    return codePage(c, answer, true);
  })
  .get('/admin/users/:id', (c) => {
    const done = c.req.query('done');
    const notice = userNotices.find((item) => item === done);
    return showUser(c, c.req.param('id'), { notice });
  })
  .post('/admin/users/:id', async (c) => {
    const id = c.req.param('id');
    const body = await formBody(c);
    const lang = c.get('lang');
    const { db } = c.get('services');
    const admin = c.get('user');
    const current = await managedUser(db, admin, id);
    if (!current) return pageError(c, 404);
    // An admin's own role is shown, not asked: it stays as it is unless a form asks otherwise (and is refused).
    const role = text(body.role) || (current.id === admin.id ? current.role : '');
    const values = { ...typed(body), role };
    const read = readPerson(c, { ...body, id: current.id, role });
    if ('errors' in read) return showUser(c, id, { edit: { values, errors: read.errors } }, 422);
    const change = changeOf(current, read.person);
    if (!change) return c.redirect(`${userHref(id)}?done=unchanged`, 303);
    const answer = await changeUser(db, admin, id, change, lang);
    if (answer.kind === 'notFound') return pageError(c, 404);
    if (answer.kind === 'invalid') return showUser(c, id, { edit: { values, errors: inPageWords(lang, answer.errors) } }, 422);
    if (answer.kind === 'refused') return showUser(c, id, { refusal: 'ownRole', edit: { values, errors: [] } }, 409);
    return c.redirect(`${userHref(id)}?done=saved`, 303);
  })
  .post('/admin/users/:id/one-time-code', async (c) => {
    await formBody(c);
    return codePage(c, await issueSignInCode(c.get('services').db, c.get('user'), c.req.param('id')), false);
  })
  .post('/admin/users/:id/tokens', async (c) => {
    const id = c.req.param('id');
    const read = readTokenForm(await formBody(c), c.get('lang'));
    if ('problem' in read) return showUser(c, id, {}, 422, read);
    const issued = await issueTokenFor(c.get('services').db, c.get('user'), id, read.request);
    if (!issued) return pageError(c, 404);
    // The token is on this answer and nowhere else: no cache may keep it.
    c.header('cache-control', 'no-store');
    return showUser(c, id, {}, 201, { issued: { token: issued.token, name: issued.record.name } });
  })
  .post('/admin/users/:id/tokens/:tokenId/revoke', async (c) => {
    const id = c.req.param('id');
    await formBody(c);
    const revoked = await revokeTokenOfUser(c.get('services').db, c.get('user'), id, c.req.param('tokenId'));
    return revoked ? c.redirect(`${userHref(id)}?done=tokenRevoked#tokens`, 303) : pageError(c, 404);
  })
  .post('/admin/users/:id/unlock', (c) => act(c, c.req.param('id'), () => unlockUser(c.get('services').db, c.get('user'), c.req.param('id')), 'unlocked'))
  .post('/admin/users/:id/disable', (c) =>
    act(c, c.req.param('id'), () => setUserDisabled(c.get('services').db, c.get('user'), c.req.param('id'), true), 'disabled', 'ownDisable'),
  )
  .post('/admin/users/:id/enable', (c) => act(c, c.req.param('id'), () => setUserDisabled(c.get('services').db, c.get('user'), c.req.param('id'), false), 'enabled'));
