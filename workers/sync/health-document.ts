/** The health probe: no sign-in, and no rate limit (see withRateLimitAnswers). */
export function healthPaths(): Record<string, unknown> {
  return {
    '/healthz': {
      get: {
        tags: ['operations'],
        summary: 'Whether D1 and Temporal answer',
        responses: { 200: { description: 'Both up.' }, 503: { description: 'One is down; the body says which.' } },
      },
    },
  };
}
