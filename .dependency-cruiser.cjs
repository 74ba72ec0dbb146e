/**
 * The layers and the one way their imports run: workers → domain ← workflows, everything → schemas; db serves the
 * edge alone; domain and schemas stay pure; inside the edge, features over shared rooms. `npm test` fails when an
 * import crosses them the wrong way.
 */
/** The edge's features, each a room of its own over the shared rooms (cases, kit, sync, county, runtime, middleware). */
const features = 'intake|casework|board|batches|admin|accounts';
const frameworks = '(^|/)node_modules/(hono|@hono/|drizzle-orm|@temporalio/|miniflare|wrangler|@cloudflare/)|^node:';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds the rules as pure functions: it imports schemas/ and nothing of the edge, the workflows, the data or a framework.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { pathNot: ['^domain/', '^schemas/', '(^|/)node_modules/(valibot|iso8601-duration)/'] },
    },
    {
      name: 'schemas-are-contracts',
      comment: 'schemas/ are the contracts edge and worker share: valibot and each other only.',
      severity: 'error',
      from: { path: '^schemas/' },
      to: { pathNot: ['^schemas/', '(^|/)node_modules/(valibot|iso8601-duration)/'] },
    },
    {
      name: 'workflows-do-not-reach-the-edge',
      comment: 'Temporal glue never imports the edge or its data: it reports through /internal.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: ['^workers/', '^db/'] },
    },
    {
      name: 'the-edge-does-not-import-workflow-code',
      comment: 'The edge reaches workflows over the HTTP API only, by the names in schemas/.',
      severity: 'error',
      from: { path: '^(workers|db)/' },
      to: { path: '^workflows/' },
    },
    {
      name: 'the-app-knows-not-where-it-runs',
      comment: "server/ is the county target's Node processes around the app; the app, its data and its workflows never import it (workers/runtime/platform.ts is the seam).",
      severity: 'error',
      from: { path: '^(workers|db|domain|schemas|workflows)/' },
      to: { path: '^server/' },
    },
    {
      name: 'data-knows-no-http',
      comment: 'db/ holds tables and queries; deciding belongs to domain/, answering to workers/.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: ['^workers/', '^domain/'] },
    },
    {
      name: 'features-stand-apart',
      comment:
        "A feature of the edge does not import another: what two need lives in a shared room. The one link the domain makes is a filing: a batch's dispute line and a split repeat file a case through intake's filing.",
      severity: 'error',
      from: { path: `^workers/(${features})/` },
      to: { path: `^workers/(${features})/`, pathNot: ['^workers/$1/', '^workers/intake/(file-and-start|file-case)\\.ts$'] },
    },
    {
      name: 'shared-rooms-serve-the-features',
      comment: 'The case read model, the page kit, the sync with Temporal, the county settings, the runtime seams, the middleware and the catalogs import no feature; app.ts mounts them and document/ gathers their parts of the API document.',
      severity: 'error',
      from: { path: '^workers/(cases|kit|sync|county|runtime|middleware|i18n)/' },
      to: { path: `^workers/(${features})/` },
    },
    {
      name: 'the-document-gathers-only-document-parts',
      comment: "document/ assembles the API document from each feature's own part, and reads nothing else of a feature.",
      severity: 'error',
      from: { path: '^workers/document/' },
      to: { path: `^workers/(${features})/`, pathNot: '-document\\.ts$' },
    },
    {
      name: 'no-frameworks-in-the-rules',
      severity: 'error',
      from: { path: '^(domain|schemas)/' },
      to: { path: frameworks },
    },
    {
      name: 'no-cycles',
      comment: 'Folders that import each other cannot be understood one at a time.',
      severity: 'error',
      from: { path: '^(domain|schemas|workers|workflows|db|server)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
