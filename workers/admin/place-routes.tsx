import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { countsWithin } from '../../db/queries/jurisdictions';
import type { JurisdictionRow } from '../../db/schema';
import { isWithin } from '../../domain/jurisdiction';
import { gridRowsSchema, jurisdictionMoveSchema, jurisdictionRenameSchema, newJurisdictionSchema } from '../../schemas/jurisdictions';
import type { AppEnv } from '../env';
import { customError, fieldErrors, hasMessage, t, type FieldError, type Lang } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { limitBody } from '../middleware/body-limit';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { formBody } from '../kit/form-body';
import { frameOf } from '../kit/page-frame';
import { checkImport, writeImport } from './grid-import';
import { gridTemplate, readGridSheet } from './grid-sheet';
import { ImportPage, PreviewPage } from './import-pages';
import { jurisdictionsManagedBy, moveManagedJurisdiction, openJurisdiction, renameManagedJurisdiction, retireManagedJurisdiction } from './manage-jurisdictions';
import { NewPlacePage, PlacePage, PlaceTreePage, placeHref, placeLabel, placeNotices, type PlaceNode, type PlacePageProps } from './place-pages';

/** A county's sheet is a few hundred rows; an xlsx of them is tens of KiB. The preview carries the rows back as JSON. */
export const importBodyLimit = limitBody(1024 * 1024, (c) => c.text('The file is over 1 MiB; import it in parts.', 413));
export const importPaths = ['/admin/places/import', '/admin/places/import/confirm'];

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The admin's tree with each place's active people and unfinished cases, counted at it and below it. */
async function treeOf(c: Context<AppEnv>) {
  const { db } = c.get('services');
  const admin = c.get('user');
  const [places, counts] = await Promise.all([jurisdictionsManagedBy(db, admin), countsWithin(db, admin.jurisdictionPath)]);
  const nodes = new Map<string, PlaceNode>(
    places.map((place) => [place.code, { place, people: counts.people.get(place.code) ?? 0, openCases: counts.openCases.get(place.code) ?? 0, children: [] }]),
  );
  // Parents come before their children (the list is in path order), so totals are added from the deepest up.
  for (const place of [...places].reverse()) {
    const node = nodes.get(place.code)!;
    const parent = place.parentCode ? nodes.get(place.parentCode) : undefined;
    if (!parent || place.path === admin.jurisdictionPath) continue;
    parent.children.unshift(node);
    parent.people += node.people;
    parent.openCases += node.openCases;
  }
  return { places, nodes, root: nodes.get(admin.jurisdictionCode) };
}

type Shown = Pick<PlacePageProps, 'notice' | 'refusal' | 'rename' | 'move'>;

async function showPlace(c: Context<AppEnv>, code: string, shown: Shown = {}, status: 200 | 409 | 422 = 200) {
  const admin = c.get('user');
  const { places, nodes } = await treeOf(c);
  const node = nodes.get(code);
  if (!node) return pageError(c, 404);
  const parent = node.place.parentCode ? nodes.get(node.place.parentCode)?.place : undefined;
  const own = node.place.path === admin.jurisdictionPath;
  const moveTargets = parent ? places.filter((place: JurisdictionRow) => place.level === parent.level && !place.retiredAt && place.code !== parent.code && isWithin(place.path, admin.jurisdictionPath)) : [];
  return c.html(<PlacePage frame={await frameOf(c)} node={node} parent={parent} moveTargets={moveTargets} own={own} {...shown} />, status);
}

const readForm = <S extends v.GenericSchema>(c: Context<AppEnv>, schema: S, input: unknown): { ok: v.InferOutput<S> } | { errors: FieldError[] } => {
  const lang = c.get('lang');
  const parsed = v.safeParse(schema, input);
  return parsed.success ? { ok: parsed.output } : { errors: fieldErrors(parsed.issues, lang, (field) => placeLabel(lang, field)) };
};

/** Errors of the services worded as the page labels its fields ("上级辖区", not the API's field name). */
const inPageWords = (lang: Lang, errors: readonly FieldError[]) =>
  errors.map((error) => {
    const key = `error.${error.code}`;
    return error.code && hasMessage(key) ? { ...error, message: t(lang, key, { label: placeLabel(lang, error.field) }) } : error;
  });

async function importForm(c: Context<AppEnv>, errors: FieldError[], status: 200 | 413 | 422 = 200) {
  return c.html(<ImportPage frame={await frameOf(c)} errors={errors} />, status);
}

/**
 * The admin's pages for the places they keep, over the same services as /api/jurisdictions: the tree, a place and its
 * changes (each a small POST answered by a redirect), and the import of grid cells from a county's sheet, previewed
 * row by row and written only once confirmed.
 */
export const placePages = new Hono<AppEnv>()
  .use('/admin/places', requireUser('page'), requirePagePermission('manageUsers'))
  .use('/admin/places/*', requireUser('page'), requirePagePermission('manageUsers'))
  .get('/admin/places', async (c) => {
    const { root } = await treeOf(c);
    if (!root) return pageError(c, 404);
    const notice = placeNotices.find((item) => item === c.req.query('done'));
    const added = Number(c.req.query('added'));
    return c.html(<PlaceTreePage frame={await frameOf(c)} root={root} notice={notice} count={Number.isInteger(added) ? added : undefined} />);
  })
  .get('/admin/places/import', (c) => importForm(c, []))
  .get('/admin/places/import/template.csv', async (c) => {
    const { places } = await treeOf(c);
    const community = places.find((place) => place.level === 'community' && !place.retiredAt);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="grid-cells.csv"; filename*=UTF-8''${encodeURIComponent('网格导入模板.csv')}`);
    return c.body(gridTemplate({ code: `${community?.code ?? 'XH-LY-BLQ'}-09`, name: '示例网格', parentCode: community?.code ?? 'XH-LY-BLQ' }));
  })
  .post('/admin/places/import', async (c) => {
    const body = await formBody(c);
    const lang = c.get('lang');
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return importForm(c, [customError(lang, 'file', 'importFileMissing')], 422);
    const sheet = readGridSheet(new Uint8Array(await file.arrayBuffer()));
    if ('problem' in sheet) {
      const error = customError(lang, 'file', sheet.problem);
      const missing = sheet.problem === 'importHeadersMissing' ? sheet.missing.join('、') : '';
      return importForm(c, [{ ...error, message: t(lang, `error.${sheet.problem}`, { missing, limit: 2000 }) }], 422);
    }
    const { checked } = await checkImport(c.get('services').db, c.get('user'), sheet.rows);
    return c.html(<PreviewPage frame={await frameOf(c)} rows={checked} />);
  })
  .post('/admin/places/import/confirm', async (c) => {
    const body = await formBody(c);
    let rows: unknown;
    try {
      rows = JSON.parse(text(body.rows));
    } catch {
      rows = undefined;
    }
    const parsed = v.safeParse(gridRowsSchema, rows);
    if (!parsed.success || !parsed.output.length) return importForm(c, [customError(c.get('lang'), 'file', 'importUnreadable')], 422);
    const written = await writeImport(c.get('services').db, c.get('user'), parsed.output);
    if (written.kind === 'changed') return c.html(<PreviewPage frame={await frameOf(c)} rows={written.rows} />, 409);
    return c.redirect(`/admin/places?done=imported&added=${written.added}`, 303);
  })
  .get('/admin/places/:code', (c) => {
    const notice = placeNotices.find((item) => item === c.req.query('done'));
    return showPlace(c, c.req.param('code'), { notice });
  })
  .get('/admin/places/:code/new', async (c) => {
    const { nodes } = await treeOf(c);
    const parent = nodes.get(c.req.param('code'))?.place;
    if (!parent || parent.level === 'grid' || parent.retiredAt) return pageError(c, 404);
    return c.html(<NewPlacePage frame={await frameOf(c)} parent={parent} form={{ lang: c.get('lang'), values: {}, errors: [] }} />);
  })
  .post('/admin/places/:code/children', async (c) => {
    const body = await formBody(c);
    const lang = c.get('lang');
    const parentCode = c.req.param('code');
    const values = { code: text(body.code), name: text(body.name) };
    const again = async (errors: FieldError[], status: 409 | 422) => {
      const { nodes } = await treeOf(c);
      const parent = nodes.get(parentCode)?.place;
      if (!parent) return pageError(c, 404);
      // A stale page may still post below a grid cell: the place says why nothing goes there.
      if (parent.level === 'grid') return showPlace(c, parentCode, { refusal: 'gridHasNoChildren' }, 422);
      return c.html(<NewPlacePage frame={await frameOf(c)} parent={parent} form={{ lang, values, errors }} />, status);
    };
    const read = readForm(c, newJurisdictionSchema, { ...values, parentCode });
    if ('errors' in read) return again(read.errors, 422);
    const answer = await openJurisdiction(c.get('services').db, c.get('user'), read.ok, lang);
    if (answer.kind === 'taken') return again(inPageWords(lang, [customError(lang, 'code', 'userIdTaken')]), 409);
    if (answer.kind === 'invalid') return answer.errors.some((error) => error.code === 'jurisdictionUnknown') ? pageError(c, 404) : again(inPageWords(lang, answer.errors), 422);
    if (answer.kind !== 'done') return pageError(c, 404);
    return c.redirect(`${placeHref(answer.jurisdiction.code)}?done=added`, 303);
  })
  .post('/admin/places/:code/rename', async (c) => {
    const code = c.req.param('code');
    const body = await formBody(c);
    const read = readForm(c, jurisdictionRenameSchema, { name: text(body.name) });
    if ('errors' in read) return showPlace(c, code, { rename: { lang: c.get('lang'), values: { name: text(body.name) }, errors: read.errors } }, 422);
    const answer = await renameManagedJurisdiction(c.get('services').db, c.get('user'), code, read.ok.name);
    return answer.kind === 'done' ? c.redirect(`${placeHref(code)}?done=renamed`, 303) : pageError(c, 404);
  })
  .post('/admin/places/:code/move', async (c) => {
    const code = c.req.param('code');
    const body = await formBody(c);
    const lang = c.get('lang');
    const values = { parentCode: text(body.parentCode) };
    const read = readForm(c, jurisdictionMoveSchema, values);
    if ('errors' in read) return showPlace(c, code, { move: { lang, values, errors: read.errors } }, 422);
    const answer = await moveManagedJurisdiction(c.get('services').db, c.get('user'), code, read.ok.parentCode, lang);
    if (answer.kind === 'refused') return showPlace(c, code, { refusal: answer.reason }, 409);
    if (answer.kind === 'invalid') return showPlace(c, code, { move: { lang, values, errors: inPageWords(lang, answer.errors) } }, 422);
    return answer.kind === 'done' ? c.redirect(`${placeHref(code)}?done=moved`, 303) : pageError(c, 404);
  })
  .post('/admin/places/:code/retire', async (c) => {
    const code = c.req.param('code');
    await formBody(c);
    const answer = await retireManagedJurisdiction(c.get('services').db, c.get('user'), code);
    if (answer.kind === 'refused') return showPlace(c, code, { refusal: answer.reason }, 409);
    return answer.kind === 'done' ? c.redirect(`${placeHref(code)}?done=retired`, 303) : pageError(c, 404);
  });
