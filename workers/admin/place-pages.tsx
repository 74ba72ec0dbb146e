import type { JurisdictionRow } from '../../db/schema';
import { levelBelow } from '../../domain/jurisdiction';
import { t, type FieldError, type Lang } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { formatDeadline } from '../kit/local-time';
import { Described, type QueryForm } from '../kit/query-fields';
import { fieldId } from '../kit/schema-form';
import type { PlaceRefusal } from '../../domain/jurisdiction-changes';

/** What the last action did, said once after its redirect. */
export const placeNotices = ['added', 'renamed', 'moved', 'retired', 'imported', 'unchanged'] as const;
export type PlaceNotice = (typeof placeNotices)[number];

/** A place in the tree with what is counted at it and below it. */
export interface PlaceNode {
  place: JurisdictionRow;
  people: number;
  openCases: number;
  children: PlaceNode[];
}

export const placeHref = (code: string) => `/admin/places/${encodeURIComponent(code)}`;
export const placeFields = ['code', 'name', 'parentCode'] as const;
export const placeLabel = (lang: Lang, field: string) => ((placeFields as readonly string[]).includes(field) ? t(lang, `places.field.${field as (typeof placeFields)[number]}`) : field);

function Notice({ lang, notice, count }: { lang: Lang; notice?: PlaceNotice; count?: number }) {
  if (!notice) return null;
  return (
    <p class="notice success" role="status" data-testid="notice">
      {notice === 'imported' && count !== undefined ? t(lang, 'places.importedCount', { count }) : t(lang, `places.notice.${notice}`)}
    </p>
  );
}

function Marks({ lang, place }: { lang: Lang; place: JurisdictionRow }) {
  return (
    <span class="tags">
      <span class="tag">{t(lang, `places.level.${place.level}`)}</span>
      {place.retiredAt ? (
        <span class="mark" data-state="retired">
          {t(lang, 'places.retired')}
        </span>
      ) : null}
    </span>
  );
}

function Branch({ lang, node }: { lang: Lang; node: PlaceNode }) {
  const { place } = node;
  return (
    <li data-place={place.code} class={place.retiredAt ? 'retired' : undefined}>
      <a href={placeHref(place.code)}>{place.name}</a> <code>{place.code}</code>
      <Marks lang={lang} place={place} />
      <span class="muted block">
        {t(lang, 'places.people', { count: node.people })} · {t(lang, 'places.openCases', { count: node.openCases })}
      </span>
      {node.children.length ? (
        <ul>
          {node.children.map((child) => (
            <Branch lang={lang} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The admin's tree as nested lists: on a phone each level is indented a little, with its counts under its name. */
export function PlaceTreePage({ frame, root, notice, count }: { frame: Frame; root: PlaceNode; notice?: PlaceNotice; count?: number }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'places.title')}>
      <Notice lang={lang} notice={notice} count={count} />
      <p class="lead">{t(lang, 'places.lead', { place: root.place.name })}</p>
      <div class="actions">
        <a class="button" href="/admin/places/import">
          {t(lang, 'places.importGrid')}
        </a>
      </div>
      <ul class="tree" data-testid="place-tree">
        <Branch lang={lang} node={root} />
      </ul>
    </Layout>
  );
}

export interface PlacePageProps {
  frame: Frame;
  node: PlaceNode;
  parent?: JurisdictionRow;
  /** Where it may move: the other open places of its parent's level within the admin's tree; none for the admin's own. */
  moveTargets: readonly JurisdictionRow[];
  own: boolean;
  notice?: PlaceNotice;
  refusal?: PlaceRefusal;
  rename?: QueryForm;
  move?: QueryForm;
}

/** One place: what it is and holds, and a small form for each change the admin may make to it. */
export function PlacePage({ frame, node, parent, moveTargets, own, notice, refusal, rename, move }: PlacePageProps) {
  const { lang, utcOffset } = frame;
  const { place } = node;
  const childLevel = levelBelow(place.level);
  const errors = [...(rename?.errors ?? []), ...(move?.errors ?? [])];
  const renameForm = rename ?? { lang, values: { name: place.name }, errors: [] };
  const moveForm = move ?? { lang, values: {}, errors: [] };
  const parentLevel = parent?.level;
  return (
    <Layout frame={frame} title={place.name}>
      <ErrorSummary lang={lang} errors={errors} />
      <Notice lang={lang} notice={notice} />
      {refusal ? (
        <p class="refusal" role="alert" data-testid="refusal">
          {t(lang, 'places.refusedTitle')}：{t(lang, `error.${refusal}`, { label: place.name })}
        </p>
      ) : null}
      {place.retiredAt ? <p class="notice important">{t(lang, 'places.retiredNote', { at: formatDeadline(place.retiredAt, utcOffset) })}</p> : null}
      <dl class="summary" data-testid="place-summary">
        <dt>{t(lang, 'places.summary.code')}</dt>
        <dd>
          <code>{place.code}</code>
        </dd>
        <dt>{t(lang, 'places.summary.level')}</dt>
        <dd>{t(lang, `places.level.${place.level}`)}</dd>
        <dt>{t(lang, 'places.summary.state')}</dt>
        <dd data-state={place.retiredAt ? 'retired' : 'open'}>
          {place.retiredAt ? t(lang, 'places.state.retiredAt', { at: formatDeadline(place.retiredAt, utcOffset) }) : t(lang, 'places.state.open')}
        </dd>
        {parent ? (
          <>
            <dt>{t(lang, 'places.summary.parent')}</dt>
            <dd>
              <a href={placeHref(parent.code)}>{parent.name}</a>
            </dd>
          </>
        ) : null}
        <dt>{t(lang, 'places.summary.people')}</dt>
        <dd>{String(node.people)}</dd>
        <dt>{t(lang, 'places.summary.openCases')}</dt>
        <dd>{String(node.openCases)}</dd>
      </dl>
      {node.children.length ? (
        <ul class="tree">
          {node.children.map((child) => (
            <Branch lang={lang} node={child} />
          ))}
        </ul>
      ) : null}
      {childLevel && !place.retiredAt ? (
        <div class="actions">
          <a class="button secondary" href={`${placeHref(place.code)}/new`}>
            {t(lang, 'places.addTitle', { level: t(lang, `places.level.${childLevel}`) })}
          </a>
        </div>
      ) : null}

      <section class="step" aria-labelledby="rename-title">
        <h2 id="rename-title">{t(lang, 'places.renameTitle')}</h2>
        <form method="post" action={`${placeHref(place.code)}/rename`} novalidate>
          <input type="hidden" name="lang" value={lang} />
          <NameField form={renameForm} />
          <button type="submit">{t(lang, 'places.rename')}</button>
        </form>
      </section>

      {!own && parentLevel ? (
        <section class="step" aria-labelledby="move-title">
          <h2 id="move-title">{t(lang, 'places.moveTitle')}</h2>
          {moveTargets.length ? (
            <form method="post" action={`${placeHref(place.code)}/move`} novalidate>
              <input type="hidden" name="lang" value={lang} />
              <Described form={moveForm} name="parentCode" label={t(lang, 'places.moveTo')} hint={t(lang, 'places.moveHint', { level: t(lang, `places.level.${parentLevel}`) })}>
                {(describedBy, invalid) => (
                  <select id={fieldId('parentCode')} name="parentCode" required aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
                    <option value="">{t(lang, 'page.choose')}</option>
                    {moveTargets.map((target) => (
                      <option value={target.code} selected={moveForm.values.parentCode === target.code}>
                        {t(lang, 'admin.place', { name: target.name, code: target.code })}
                      </option>
                    ))}
                  </select>
                )}
              </Described>
              <button type="submit" class="secondary">
                {t(lang, 'places.move')}
              </button>
            </form>
          ) : (
            <p class="muted">{t(lang, 'places.noMoveTarget', { level: t(lang, `places.level.${parentLevel}`) })}</p>
          )}
        </section>
      ) : null}

      {!own && !place.retiredAt ? (
        <section class="step" aria-labelledby="retire-title">
          <h2 id="retire-title">{t(lang, 'places.retireTitle')}</h2>
          <p class="muted">{t(lang, 'places.retireHint')}</p>
          <form method="post" action={`${placeHref(place.code)}/retire`}>
            <input type="hidden" name="lang" value={lang} />
            <button type="submit" class="warning">
              {t(lang, 'places.retire')}
            </button>
          </form>
        </section>
      ) : null}
      <p>
        <a href="/admin/places">{t(lang, 'places.back')}</a>
      </p>
    </Layout>
  );
}

function NameField({ form }: { form: QueryForm }) {
  return (
    <Described form={form} name="name" label={placeLabel(form.lang, 'name')}>
      {(describedBy, invalid) => (
        <input
          type="text"
          id={fieldId('name')}
          name="name"
          value={form.values.name ?? ''}
          maxlength={100}
          required
          autocomplete="off"
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
        />
      )}
    </Described>
  );
}

/** A new place below this one: its code and name; its level follows. */
export function NewPlacePage({ frame, parent, form }: { frame: Frame; parent: JurisdictionRow; form: QueryForm }) {
  const { lang } = frame;
  const child = levelBelow(parent.level)!;
  const levels = { level: t(lang, `places.level.${parent.level}`), child: t(lang, `places.level.${child}`) };
  return (
    <Layout frame={frame} title={`${parent.name} · ${t(lang, 'places.addTitle', { level: levels.child })}`}>
      <ErrorSummary lang={lang} errors={form.errors as FieldError[]} />
      <p class="lead">{t(lang, 'places.addHint', levels)}</p>
      <form method="post" action={`${placeHref(parent.code)}/children`} novalidate data-testid="new-place-form">
        <input type="hidden" name="lang" value={lang} />
        <Described form={form} name="code" label={placeLabel(lang, 'code')} hint={t(lang, 'places.codeHint')}>
          {(describedBy, invalid) => (
            <input
              type="text"
              id={fieldId('code')}
              name="code"
              value={form.values.code ?? ''}
              maxlength={40}
              required
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid ? 'true' : undefined}
            />
          )}
        </Described>
        <NameField form={form} />
        <div class="actions">
          <button type="submit">{t(lang, 'places.add')}</button>
          <a href={placeHref(parent.code)}>{t(lang, 'admin.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}
