import { buildOpenApiDocument } from './openapi';

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type PathMethods = { pattern: RegExp; methods: string[] };
let documented: PathMethods[] | undefined;

/** Each documented path as a pattern (`{id}` is one segment) with the methods the document declares for it. */
function documentedPaths(): PathMethods[] {
  documented ??= Object.entries(buildOpenApiDocument().paths as Record<string, Record<string, unknown>>).map(([path, operations]) => {
    const methods = httpMethods.filter((method) => method in operations).map((method) => method.toUpperCase());
    if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
    const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+')}/?$`);
    return { pattern, methods };
  });
  return documented;
}

/**
 * The methods the API document declares for a path, or undefined for a path it does not know. A request that found no
 * route on a known path used a method the path does not take: 405 with these in `Allow`, not 404.
 */
export function allowedMethods(path: string): string[] | undefined {
  const known = documentedPaths().filter(({ pattern }) => pattern.test(path));
  return known.length ? [...new Set(known.flatMap(({ methods }) => methods))] : undefined;
}
