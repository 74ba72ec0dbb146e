import { page } from './openapi-parts';

const signedIn = { 303: { description: 'Not signed in: on to /login, and back here after.' } };
const home = (summary: string, role: string) => ({
  get: { tags: ['pages'], summary, responses: { 200: page(`The page (${role}).`), 403: page('Another role’s page.'), ...signedIn } },
});

/** The pages beyond the forms: the start, each role's home and the grid worker's filings. */
export function pagePaths(): Record<string, unknown> {
  return {
    '/': { get: { tags: ['pages'], summary: 'The start: on to the home of the signed-in role', responses: { 302: { description: 'To the role’s home.' }, ...signedIn } } },
    '/intake': home('Filing home: the four channels and the latest filings', 'whoever may file'),
    '/filings': { get: { tags: ['pages'], summary: 'My filings: the cases I reported, newest first, with their status', responses: { 200: page('The list.'), ...signedIn } } },
    '/board': home('The supervisor’s home', 'supervisors and admins'),
    '/queue': home('A mediator’s home', 'mediators and department liaisons'),
    '/tasks': home('A department liaison’s home', 'mediators and department liaisons'),
    '/admin': home('An admin’s home', 'admins'),
  };
}
