import { attachmentLimitsMb } from '../../domain/attachments/file-types';
import { attachmentListSchema, attachmentSchema } from '../../schemas/attachment';
import { codedRefusal, errorResponse, jsonSchema, namedError, page } from '../document/openapi-parts';

const caseId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const attachmentId = { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const limits = `a photo (JPEG, PNG) up to ${attachmentLimitsMb.photo} MB, a scan (PDF) up to ${attachmentLimitsMb.scan} MB, a recording (MP3, M4A/MP4, 3GP, AMR, WAV) up to ${attachmentLimitsMb.audio} MB`;

/** A refused file, or (`otherwise`) the other answer the same status gives. */
const refusedFile = (description: string, codes: string[], otherwise?: object) => {
  const coded = codedRefusal('attachment_refused', codes, {
    description: 'The values the code names (schemas/refusal.ts): the file’s `name`, what its name `claimed`, the `kind` and its `limit` in MB.',
  });
  // What the bytes are is no rule a schema can state: the fuzz run's own check takes these codes to a valid request.
  return { description, 'x-refusals-of-content': codes, content: { 'application/json': { schema: otherwise ? { oneOf: [coded, otherwise] } : coded } } };
};

/** No `file` field, or a body that is not multipart at all: one message per field, as other 422s. */
const noFile = {
  type: 'object',
  required: ['error', 'fields'],
  properties: { error: { type: 'string', enum: ['invalid_attachment'] }, fields: { type: 'array', items: { type: 'object', required: ['field', 'code', 'message'] } } },
};

const fileBody = (example: Record<string, string>) => ({
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        // The one field an upload reads; a body with fields of other names is not one the document describes.
        additionalProperties: false,
        properties: { file: { type: 'string', format: 'binary', description: `The file: ${limits}. What it is is read from its first bytes, not its name.` } },
      },
      example,
    },
  },
});

/** The evidence on a case, through the API and on the case page. */
export function attachmentPaths(): Record<string, unknown> {
  return {
    '/api/cases/{id}/attachments': {
      get: {
        tags: ['cases'],
        summary: 'A case’s attachments, in the order they were attached (for whoever may read the case)',
        security: [{ bearer: [] }],
        parameters: [caseId],
        responses: {
          200: { description: 'The attachments.', content: { 'application/json': { schema: jsonSchema(attachmentListSchema) } } },
          401: errorResponse('No valid bearer token.'),
          404: errorResponse('No such case within your jurisdiction.'),
        },
      },
      post: {
        tags: ['cases'],
        summary: 'Attach a photo, a scan or a recording to a case (who filed it, its mediator, the supervisors over it)',
        description:
          `Its kind is what its bytes are: ${limits}. A PNG sent as agreement.pdf is kept as the PNG it is, under the name it was sent with. ` +
          'A photo keeps its location data (Exif GPS) in the stored original; a reader whose role does not need it (a department’s liaison) gets a copy without.',
        security: [{ bearer: [] }],
        parameters: [caseId],
        requestBody: fileBody({ file: '(the bytes of scene.jpg)' }),
        responses: {
          201: { description: 'Attached; `Location` is where its bytes are.', content: { 'application/json': { schema: jsonSchema(attachmentSchema) } } },
          401: errorResponse('No valid bearer token.'),
          403: errorResponse('Not one who works the case: a department’s liaison, or a mediator or grid worker whose case it is not.'),
          404: errorResponse('No such case within your jurisdiction.'),
          413: refusedFile('Larger than its kind may be (`attachmentTooLarge`), or than any attachment (`uploadTooLarge`).', ['attachmentTooLarge', 'uploadTooLarge']),
          415: refusedFile(
            'Its bytes are none of the types that may be attached (`attachmentNotAllowed`); or the body is not multipart/form-data (`error: unsupported_media_type`).',
            ['attachmentNotAllowed'],
            namedError('unsupported_media_type'),
          ),
          422: refusedFile(
            'Its name claims a type that may be attached but its bytes are none (`attachmentNotWhatItSays`), or it is empty (`attachmentEmpty`); or there is no `file` field (`error: invalid_attachment` with `fields`, as other 422s).',
            ['attachmentNotWhatItSays', 'attachmentEmpty'],
            noFile,
          ),
        },
      },
    },
    '/api/cases/{id}/attachments/{attachmentId}': {
      get: {
        tags: ['cases'],
        summary: 'An attachment’s bytes, recorded in the audit as a read of the case',
        description:
          'Its own content type, `X-Content-Type-Options: nosniff`, and `Content-Disposition: inline` with the name it was sent with (RFC 6266, `filename*` per RFC 5987). ' +
          'A photo without its location data for a reader whose role does not need it.',
        security: [{ bearer: [] }],
        parameters: [caseId, attachmentId],
        responses: {
          200: { description: 'The bytes.', content: { 'image/jpeg': {}, 'image/png': {}, 'application/pdf': {}, 'audio/mpeg': {}, 'audio/mp4': {}, 'audio/3gpp': {}, 'audio/amr': {}, 'audio/wav': {} } },
          401: errorResponse('No valid bearer token.'),
          404: errorResponse('No such case within your jurisdiction, or no such attachment on it.'),
        },
      },
    },
    '/cases/{id}/attachments': {
      post: {
        tags: ['pages'],
        summary: 'Attach a file from the case page’s 附件 form, on the session cookie (as the API, for the same people)',
        parameters: [caseId],
        requestBody: fileBody({ file: '(the bytes of scene.jpg)', lang: 'zh-CN' }),
        responses: {
          303: { description: 'Attached: back to the case page (`?attached=1#attachments`).' },
          403: page('Not one who works the case, or the form was posted from another site.'),
          404: page('No such case within your jurisdiction.'),
          413: page('The case page again, the limit said beside the field.'),
          415: page('The case page again, beside the field: a type that may not be attached.'),
          422: page('The case page again, beside the field: no file chosen, an empty one, or one whose name claims what its bytes are not.'),
        },
      },
    },
    '/cases/{id}/attachments/{attachmentId}': {
      get: {
        tags: ['pages'],
        summary: 'Open an attachment from the case page, on the session cookie: as the API’s, and recorded in the audit the same way',
        parameters: [caseId, attachmentId],
        responses: { 200: { description: 'The bytes.' }, 404: page('No such case within your jurisdiction, or no such attachment on it.') },
      },
    },
  };
}
