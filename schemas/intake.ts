import * as v from 'valibot';
import { isDateTime } from './date-time';
import { jurisdictionCodePattern } from './jurisdictions';
import { freeText } from './text';
import { categories, communityVisitKinds, partyRoles, riskFlags, type Channel } from './vocabulary';

/**
 * Custom messages are keys into workers/i18n, so one schema speaks both languages of the form.
 * Built-in checks (length, picklist…) are worded from the type there as well.
 */
const text = freeText;

/**
 * A local time from a form ("2026-11-23T09:30") or an instant with its offset ("2026-11-23T09:30:00+08:00"). The
 * document names the second (RFC 3339 `date-time`) and says the first in words.
 */
export const dateTimeSchema = v.pipe(
  v.string(),
  v.check(isDateTime, 'dateTime'),
  v.metadata({
    openapi: {
      type: 'string',
      format: 'date-time',
      description: 'RFC 3339; a local time without an offset (2026-11-23T09:30) is read in the county’s offset.',
    },
  }),
);

export const partySchema = v.object({
  name: text(1, 50),
  role: v.picklist(partyRoles),
  phone: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9][0-9 -]{3,18}[0-9]$/, 'phone'))),
  address: v.optional(text(1, 200)),
});

export const placeSchema = v.object({
  address: text(2, 200),
  gridCellCode: v.pipe(v.string(), v.trim(), v.regex(jurisdictionCodePattern, 'gridCellCode')),
});

const commonEntries = {
  category: v.picklist(categories),
  summary: text(10, 2000),
  occurredAt: v.optional(dateTimeSchema),
  where: placeSchema,
  parties: v.pipe(
    v.array(partySchema),
    v.minLength(1, 'partiesRequired'),
    v.maxLength(20),
    // One applicant alone is a dispute whose other side is not known yet; several people all on one side name nobody
    // the dispute is with, which is a role mistaken, not a dispute.
    v.check((parties) => parties.length < 2 || parties.some((party) => party.role === 'respondent'), 'partiesOneSide'),
    v.description('Who the dispute is between. One applicant may stand alone; two or more parties name at least one respondent.'),
  ),
  riskFlags: v.optional(
    v.pipe(
      v.array(v.picklist(riskFlags)),
      v.check((flags) => new Set(flags).size === flags.length, 'riskFlagsRepeated'),
      v.metadata({ uniqueItems: true }),
    ),
    [],
  ),
};

const exampleCommon = {
  category: 'neighbour' as const,
  summary: '楼下烧烤店油烟扰民，双方多次争吵，一方曾持刀威胁。',
  occurredAt: '2026-11-20T09:30',
  where: { address: '灵隐街道白乐桥村 12 号', gridCellCode: 'XH-LY-BLQ-01' },
  parties: [
    { name: '张某', role: 'applicant' as const, phone: '13800000001' },
    { name: '李某', role: 'respondent' as const },
  ],
  riskFlags: ['violence' as const],
};

/** 村居干部、网格员排查: found on the grid by a cadre or grid worker. */
export const gridIntakeSchema = v.pipe(
  v.object({ ...commonEntries, source: v.object({ screenedBy: text(1, 50) }) }),
  v.examples([{ ...exampleCommon, source: { screenedBy: '王网格员' } }]),
);

/** 日常社区工作排查: found on a home visit or a patrol. */
export const communityIntakeSchema = v.pipe(
  v.object({
    ...commonEntries,
    source: v.object({
      kind: v.picklist(communityVisitKinds),
      reference: text(1, 100),
      visitedAt: v.optional(dateTimeSchema),
    }),
  }),
  v.examples([{ ...exampleCommon, source: { kind: 'patrol' as const, reference: '灵隐社区夜巡 11-22 第 3 组' } }]),
);

/** 网络舆情排查: seen online. */
export const onlineIntakeSchema = v.pipe(
  v.object({
    ...commonEntries,
    source: v.pipe(
      v.object({
        platform: text(1, 50),
        link: v.optional(v.pipe(v.string(), v.trim(), v.url('link'), v.regex(/^https?:\/\//i, 'link'), v.maxLength(500))),
        excerpt: v.optional(text(1, 1000)),
        seenAt: dateTimeSchema,
      }),
      v.check((source) => Boolean(source.link || source.excerpt), 'linkOrExcerpt'),
    ),
  }),
  v.examples([
    {
      ...exampleCommon,
      source: { platform: '本地论坛', link: 'https://bbs.example.cn/t/123', seenAt: '2026-11-23T08:10' },
    },
  ]),
);

/** 执法办案排查: found while handling a police incident or case. */
export const enforcementIntakeSchema = v.pipe(
  v.object({
    ...commonEntries,
    source: v.object({ incidentNumber: v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9-]{4,40}$/, 'incidentNumber')) }),
  }),
  v.examples([{ ...exampleCommon, source: { incidentNumber: 'J3301062026112300042' } }]),
);

export const intakeSchemas = {
  grid: gridIntakeSchema,
  community: communityIntakeSchema,
  online: onlineIntakeSchema,
  enforcement: enforcementIntakeSchema,
} as const satisfies Record<Channel, v.GenericSchema>;

/** What an intake carries beyond the common fields, whichever channel it came through. */
export const intakeSourceSchema = v.union([
  intakeSchemas.grid.entries.source,
  intakeSchemas.community.entries.source,
  intakeSchemas.online.entries.source,
  intakeSchemas.enforcement.entries.source,
]);

export type IntakeSchemas = typeof intakeSchemas;
export type IntakeInput<C extends Channel = Channel> = v.InferInput<IntakeSchemas[C]>;
export type Intake<C extends Channel = Channel> = v.InferOutput<IntakeSchemas[C]>;
