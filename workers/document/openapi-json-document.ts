/** The document's own path, served beside its assembly (openApiRoutes). */
export function openApiJsonPaths(): Record<string, unknown> {
  return {
    '/api/openapi.json': { get: { tags: ['operations'], summary: 'This document', responses: { 200: { description: 'OpenAPI 3.0.' } } } },
  };
}
