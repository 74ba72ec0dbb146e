import * as v from 'valibot';
import { intakeSchemas } from '../../schemas/intake';
import { channels } from '../../schemas/vocabulary';
import { idempotencyKeyParameter } from '../../schemas/idempotency-key';
import { caseResponse, errorResponse, jsonSchema, page, refusedBeyondSchema } from '../document/openapi-parts';

/** Each channel's filing twice: as JSON with a bearer token, and as its form on the session; each body from the channel's own schema. */
export function intakePaths(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const channel of channels) {
    const schema = intakeSchemas[channel];
    const [example] = v.getExamples(schema);
    paths[`/api/intake/${channel}`] = {
      post: {
        tags: ['intake'],
        summary: `File a dispute found through the ${channel} channel`,
        security: [{ bearer: [] }],
        parameters: [
          idempotencyKeyParameter('A repeat with the same key returns the first answer; another body under the same key is refused (422).'),
        ],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(schema), example } } },
        responses: {
          200: {
            description: 'The same dispute as an earlier case (a party’s phone, or the address and a party’s name): the report joined that case, shown here, with `mergedInto: { caseId, caseNumber }`.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/JoinedCase' } } },
          },
          201: caseResponse(
            'Filed, answered once D1 holds it: `status` is `queued` until its workflow, started after the answer (or by the outbox cron), reports and opens it.',
          ),
          400: errorResponse('The body is not valid JSON.'),
          401: errorResponse('No valid bearer token.'),
          415: errorResponse('The body is not sent as application/json.'),
          422: refusedBeyondSchema(
            ['gridCellUnknown', 'gridCellOutside', 'gridCellRetired', 'occurredInFuture', 'idempotencyReused'],
            'Every error in one round: the formats, and what no format can say: a grid cell that does not exist (`gridCellUnknown`) or lies outside your jurisdiction (`gridCellOutside`), a retired one (`gridCellRetired`), ' +
              'a time still to come (`occurredInFuture`), an Idempotency-Key already used for another body (`idempotencyReused`, as the IETF draft asks).',
          ),
        },
      },
    };
    paths[`/intake/${channel}`] = {
      get: { tags: ['pages'], summary: `The ${channel} intake form`, responses: { 200: page('The form (zh-CN; ?lang=en for English).') } },
      post: {
        tags: ['pages'],
        summary: `File through the ${channel} form`,
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                description:
                  'The JSON body flattened to dot paths (where.address, parties.0.name), plus idempotencyKey (or the Idempotency-Key header: a key files once), lang, ' +
                  'parties.rows (how many party rows the form shows) and rowAction (`add:parties` or `remove:parties:<n>`: the form comes back with a row more or less, nothing filed). ' +
                  'The grid form takes its screener from the session.',
              },
              example: { category: 'neighbour', 'where.gridCellCode': 'XH-LY-BLQ-01', 'parties.0.name': '张某', 'parties.rows': '2', rowAction: 'add:parties' },
            },
          },
        },
        responses: {
          200: page('A row added or removed: the form again, values kept.'),
          303: { description: 'Filed: on to the receipt; with `joined=1` when the report joined an earlier case, which the receipt then says.' },
          403: page('Posted from another site.'),
          422: page('The form again, values kept, every error of the round in a summary at the top and beside its field.'),
        },
      },
    };
  }
  return paths;
}
