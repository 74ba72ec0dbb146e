import * as v from 'valibot';
import { jurisdictionRenameSchema, newCountySchema, newJurisdictionSchema } from '../../schemas/jurisdictions';
import { newUserSchema, userChangeSchema } from '../../schemas/users';
import { errorResponse, invalidResponse, jsonSchema, refusedBeyondSchema } from '../document/openapi-parts';

const security = [{ bearer: [] }];

/** The people and places an admin keeps, and the mediators a supervisor dispatches to; each body from its own schema. */
const userRefusals = refusedBeyondSchema(
  ['jurisdictionUnknown', 'departmentRequired', 'departmentRefused'],
  'A jurisdiction outside yours (`jurisdictionUnknown`); a liaison without a department (`departmentRequired`), or a department for another role (`departmentRefused`).',
);

export function peopleAndPlacesPaths(): Record<string, unknown> {
  const body = (schema: v.GenericSchema) => {
    const [example] = v.getExamples(schema) as unknown[];
    return { required: true, content: { 'application/json': { schema: jsonSchema(schema), example } } };
  };
  const adminOnly = { 401: errorResponse('No valid bearer token.'), 403: errorResponse('Admins only.') };
  const userPath = (summary: string, ok: string) => ({
    post: {
      tags: ['users'],
      summary,
      security,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: ok }, ...adminOnly, 404: errorResponse('No such user within your jurisdiction.') },
    },
  });
  const operatorOnly = {
    401: errorResponse('Not the operator’s token (`OPERATOR_TOKEN`, a secret of the deployment).'),
    403: errorResponse('A signed-in user: counties are opened by the platform’s operator.'),
  };
  return {
    '/api/counties': {
      get: {
        tags: ['jurisdictions'],
        summary: 'The counties on this deployment (the platform’s operator)',
        security,
        responses: { 200: { description: 'Each county with its `code`, `name`, `level` and `path`.' }, ...operatorOnly },
      },
      post: {
        tags: ['jurisdictions'],
        summary: 'Open a county with its first admin (the platform’s operator, who reads nothing inside it)',
        description:
          'A county is the top of its tree, so no admin’s jurisdiction holds a new one: the operator of the deployment opens it, with ' +
          'the bearer token kept as the `OPERATOR_TOKEN` secret, together with its first admin, in one write. The admin’s one-time code ' +
          '(to sign in at /login and set a password) and a setup token good for 7 days (for the operator’s script) are answered this once; ' +
          'from there the admin opens the stations below and staffs them. Each county’s people see their county only.',
        security,
        requestBody: body(newCountySchema),
        responses: {
          201: { description: '`county` and `admin`, the admin with their `oneTimeCode` and a setup `token`, shown this once.' },
          ...operatorOnly,
          409: errorResponse('The code, or the admin’s ID, is taken; nothing was written.'),
          422: invalidResponse,
        },
      },
    },
    '/api/jurisdictions': {
      get: {
        tags: ['jurisdictions'],
        summary: 'Your jurisdiction and the tree below it, flat, parents first (admin)',
        security,
        responses: { 200: { description: 'Each place with its `code`, `name`, `level`, `parentCode` and `path`.' }, ...adminOnly },
      },
      post: {
        tags: ['jurisdictions'],
        summary: 'Open a place below one of yours (admin); its level is the one below the parent’s: county → station → community → grid',
        security,
        requestBody: body(newJurisdictionSchema),
        responses: {
          201: { description: 'Opened: the place with its level and path.' },
          ...adminOnly,
          409: errorResponse('The code is taken.'),
          422: refusedBeyondSchema(['jurisdictionUnknown', 'gridHasNoChildren'], 'A parent outside your jurisdiction (`jurisdictionUnknown`), or a grid cell as parent (`gridHasNoChildren`: nothing goes below one).'),
        },
      },
    },
    '/api/jurisdictions/{code}': {
      patch: {
        tags: ['jurisdictions'],
        summary: 'Rename a place (admin)',
        security,
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: body(jurisdictionRenameSchema),
        responses: { 200: { description: 'Renamed.' }, ...adminOnly, 404: errorResponse('No such place within your jurisdiction.'), 422: invalidResponse },
      },
    },
    '/api/users': {
      get: {
        tags: ['users'],
        summary: 'The users of your jurisdiction and below, disabled ones too; never a token, password or code (admin)',
        security,
        responses: { 200: { description: 'Each user with role, department, jurisdiction, `disabledAt` and `createdAt`.' }, ...adminOnly },
      },
      post: {
        tags: ['users'],
        summary: 'Add a user within your jurisdiction (admin); `department` is required for role `department` and refused for the others',
        security,
        requestBody: body(newUserSchema),
        responses: {
          201: { description: 'Added: the user and their `oneTimeCode`, shown this once (only its SHA-256 is kept): they sign in with it once and set a password.' },
          ...adminOnly,
          409: errorResponse('The ID is taken.'),
          422: userRefusals,
        },
      },
    },
    '/api/users/{id}': {
      patch: {
        tags: ['users'],
        summary: 'Change a user’s name, role, jurisdiction or department (admin); a role other than `department` drops the department',
        security,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: body(userChangeSchema),
        responses: {
          200: { description: 'Changed: the user as they now stand.' },
          ...adminOnly,
          404: errorResponse('No such user within your jurisdiction.'),
          409: errorResponse('Your own admin role cannot be given up by yourself.'),
          422: userRefusals,
        },
      },
    },
    '/api/users/{id}/disable': {
      post: {
        ...userPath('Disable a user: their tokens and page sessions stop working (admin)', 'Disabled: the user with `disabledAt`.').post,
        description: 'At once on the edge instance that answers; other instances follow within 30 s, the time they keep a known token. You cannot disable yourself (409).',
      },
    },
    '/api/users/{id}/enable': userPath('Enable a disabled user again; their tokens work again, their old page sessions do not (admin)', 'Enabled.'),
    '/api/users/{id}/one-time-code': userPath(
      'Issue a one-time code to sign in with once and set a password, valid for a day: for a new user or a forgotten password; the old password stops working, the account is unlocked and its page sessions end (admin)',
      'The user and the `oneTimeCode`, shown this once (only its SHA-256 is kept), with `oneTimeCodeExpiresAt`.',
    ),
    '/api/users/{id}/unlock': userPath('Unlock an account locked after too many wrong passwords (admin)', 'Unlocked: the user with `lockedAt` null.'),
    '/api/mediators': {
      get: {
        tags: ['cases'],
        summary: 'The mediators you may dispatch to, least loaded first, each with open, overdue and hard cases assigned (supervisors and admins)',
        security,
        parameters: [
          { name: 'for', in: 'query', required: false, schema: { type: 'string', format: 'uuid' }, description: 'Only those who may take this case.' },
        ],
        responses: {
          200: { description: 'Each mediator with `openCases`, `overdueCases` and `hardCases`.' },
          401: errorResponse('No valid bearer token.'),
          403: errorResponse('Supervisors and admins only.'),
          404: errorResponse('No such case within your jurisdiction.'),
        },
      },
    },
  };
}
