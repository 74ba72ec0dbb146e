import * as v from 'valibot';
import { jurisdictionMoveSchema } from '../../schemas/jurisdictions';
import { errorResponse, jsonSchema, page, refusedBeyondSchema } from '../document/openapi-parts';

const security = [{ bearer: [] }];
const code = [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }];
const adminOnly = { 401: errorResponse('No valid bearer token.'), 403: errorResponse('Admins only.'), 404: errorResponse('No such place within your jurisdiction.') };
const ownPlace = 'Your own jurisdiction, the top of what you manage, stays where it is (`ownJurisdiction`).';

/** Moving and retiring a place, beside the other jurisdiction routes of people-document.ts. */
export function placeChangePaths(): Record<string, unknown> {
  const [example] = v.getExamples(jurisdictionMoveSchema);
  return {
    '/api/jurisdictions/{code}/move': {
      post: {
        tags: ['jurisdictions'],
        summary: 'Move a place, with everything below it, below another parent of the same level as its old one (admin)',
        description:
          'A community to another station, a grid cell to another community. Its path and the paths below it change in one write, and so do ' +
          'the paths kept with its cases, case reads and batches; codes stay, so a case keeps its grid cell and its number. Moving to the parent it has answers the place unchanged.',
        security,
        parameters: code,
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(jurisdictionMoveSchema), example } } },
        responses: {
          200: { description: 'Moved: the place with its new `parentCode` and `path`.' },
          ...adminOnly,
          409: errorResponse(ownPlace),
          422: refusedBeyondSchema(
            ['jurisdictionUnknown', 'gridHasNoChildren', 'parentLevelMismatch', 'parentRetired'],
            'A parent outside your jurisdiction (`jurisdictionUnknown`), a grid cell (`gridHasNoChildren`), a parent of another level than the old one (`parentLevelMismatch`), or a retired one (`parentRetired`).',
          ),
        },
      },
    },
    '/api/jurisdictions/{code}/retire': {
      post: {
        tags: ['jurisdictions'],
        summary: 'Retire a place: it takes no new filings, people or places below it, and keeps its cases (admin)',
        security,
        parameters: code,
        responses: {
          200: { description: 'Retired: the place with `retiredAt`.' },
          ...adminOnly,
          409: errorResponse(
            `Not yet: places below it not retired (\`hasActiveChildren\`) or people of it not disabled (\`hasActiveUsers\`) must move or go first; retired already (\`placeRetired\`). ${ownPlace}`,
          ),
        },
      },
    },
  };
}

const signedIn = { 303: { description: 'Not signed in: on to /login, and back here after.' }, 403: page('Not an admin.') };
const form = (names: readonly string[], type = 'application/x-www-form-urlencoded') => ({
  content: { [type]: { schema: { type: 'object', properties: Object.fromEntries([...names, 'lang'].map((name) => [name, { type: 'string', ...(name === 'file' ? { format: 'binary' } : {}) }])) } } },
});
const change = (summary: string, names: readonly string[], refused: string) => ({
  post: {
    tags: ['pages'],
    summary,
    parameters: code,
    requestBody: form(names),
    responses: { 303: { description: 'Done: back to the place, saying so. Not signed in: on to /login.' }, 404: page('No such place within your jurisdiction.'), 403: page('Not an admin.'), ...(refused ? { 409: page(refused), 422: page('The place again with the form’s errors.') } : {}) },
  },
});

/** The admin's pages for the places they keep, over the services of /api/jurisdictions. A session, not a token. */
export function placePagePaths(): Record<string, unknown> {
  return {
    '/admin/places': {
      get: {
        tags: ['pages'],
        summary: 'The tree of the admin’s places: each with its code, level and state, its people and unfinished cases',
        parameters: [{ name: 'done', in: 'query', required: false, schema: { type: 'string' }, description: 'What the last action did, said once.' }],
        responses: { 200: page('The tree.'), ...signedIn },
      },
    },
    '/admin/places/import': {
      get: { tags: ['pages'], summary: 'The upload form for grid cells: the columns a sheet needs and a template', responses: { 200: page('The form.'), ...signedIn } },
      post: {
        tags: ['pages'],
        summary: 'Preview a county’s grid-cell sheet (CSV in UTF-8 or GBK, or xlsx, Chinese headers): every row to be added or rejected with its reason; nothing written',
        requestBody: form(['file'], 'multipart/form-data'),
        responses: { 200: page('The preview.'), 413: { description: 'Over 1 MiB.' }, 422: page('The form again: no file, an unreadable one, or headers missing.'), ...signedIn },
      },
    },
    '/admin/places/import/template.csv': {
      get: { tags: ['pages'], summary: 'The template: the headers and an example row, UTF-8 with a BOM', responses: { 200: { description: 'A CSV.' }, ...signedIn } },
    },
    '/admin/places/import/confirm': {
      post: {
        tags: ['pages'],
        summary: 'Write the previewed rows that pass, checked again now, in one batch',
        requestBody: form(['rows']),
        responses: {
          303: { description: 'Written: on to the tree, saying how many. Not signed in: on to /login.' },
          409: page('A code was taken since the preview: nothing written, the preview again as the rows now stand.'),
          422: page('The rows sent back could not be read: the upload form again.'),
          403: page('Not an admin.'),
        },
      },
    },
    '/admin/places/{code}': {
      get: {
        tags: ['pages'],
        summary: 'One place: what it is and holds, and a form for each change',
        parameters: [...code, { name: 'done', in: 'query', required: false, schema: { type: 'string' }, description: 'What the last action did, said once.' }],
        responses: { 200: page('The place.'), 404: page('No such place within your jurisdiction.'), ...signedIn },
      },
    },
    '/admin/places/{code}/new': {
      get: { tags: ['pages'], summary: 'The form for a new place below this one', parameters: code, responses: { 200: page('The form.'), 404: page('No such place, or none goes below it.'), ...signedIn } },
    },
    '/admin/places/{code}/children': change('Add a place below this one (the same service as POST /api/jurisdictions)', ['code', 'name'], 'The code is taken: the form again, as typed.'),
    '/admin/places/{code}/rename': change('Rename the place', ['name'], ''),
    '/admin/places/{code}/move': change('Move the place below another parent (the same service as POST /api/jurisdictions/{code}/move)', ['parentCode'], 'Refused: the reason in words.'),
    '/admin/places/{code}/retire': change('Retire the place (the same service as POST /api/jurisdictions/{code}/retire)', [], 'Refused: what must move or retire first.'),
  };
}
