import { defaultSlaPolicy } from '../../domain/policy';
import { slaPolicySchema } from '../../schemas/policy';
import { errorResponse, invalidResponse, jsonSchema } from '../document/openapi-parts';

/** The SLA policy: read by everyone signed in, published by an admin; the body from the schema the route validates with. */
export function policyPaths(): Record<string, unknown> {
  return {
    '/api/policy': {
      get: { tags: ['policy'], summary: 'The SLA policy in force', security: [{ bearer: [] }], responses: { 200: { description: 'The policy.' } } },
      post: {
        tags: ['policy'],
        summary: 'Publish a new policy version (admin); running cases re-plan their clocks',
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(slaPolicySchema), example: { ...defaultSlaPolicy, version: 2 } } } },
        responses: {
          201: { description: 'Published; how many running cases were told.' },
          403: errorResponse('Admins only.'),
          409: errorResponse('The version is not newer than the one in force.'),
          422: invalidResponse,
        },
      },
    },
  };
}
