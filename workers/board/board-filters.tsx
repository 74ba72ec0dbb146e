import { caseListSorts, clockStates } from '../../schemas/case-list';
import { caseStatuses, categories, channels, clockNames, routes } from '../../schemas/vocabulary';
import { t, tField, type Lang } from '../i18n/messages';
import { FlagField, InputField, SelectField, type Option, type QueryForm } from '../kit/query-fields';

/** What the filters offer beyond the vocabularies: the places below the supervisor and the mediators they dispatch to. */
export interface BoardChoices {
  places: { code: string; name: string; depth: number }[];
  mediators: { id: string; name: string; openCases: number; overdueCases: number }[];
}

/** The query string of the board's own filters, with some fields replaced or dropped. */
export function boardQuery(values: Readonly<Record<string, string>>, change: Record<string, string | undefined> = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...values, ...change })) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

const words = (lang: Lang, prefix: string, values: readonly string[]): Option[] =>
  values.map((value) => ({ value, label: t(lang, `${prefix}.${value}` as Parameters<typeof t>[1]) }));

/** The filters folded behind one line, in the order the form shows them. */
export const foldedFilters = ['jurisdiction', 'status', 'channel', 'route', 'category', 'hard', 'assignee', 'clock', 'clockState', 'dueAfter', 'dueBefore', 'filedFrom', 'filedTo', 'overdue', 'escalated'];
const flags = { overdue: 'board.overdueOnly', escalated: 'board.escalatedOnly' } as const;

/** Each choice field's options: the form lists them, a chip names the one chosen by the same words. */
function optionsOf(lang: Lang, choices: BoardChoices): Record<string, Option[]> {
  return {
    jurisdiction: choices.places.map((place) => ({ value: place.code, label: t(lang, 'board.aside', { text: place.name, aside: place.code }) })),
    status: [...words(lang, 'status', caseStatuses), { value: 'all', label: t(lang, 'board.allStatuses') }],
    channel: words(lang, 'channel', channels),
    route: words(lang, 'route', routes),
    category: words(lang, 'category', categories),
    hard: [
      { value: '1', label: t(lang, 'board.hardOnly') },
      { value: '0', label: t(lang, 'board.notHard') },
    ],
    assignee: choices.mediators.map((mediator) => ({ value: mediator.id, label: mediator.name })),
    clock: words(lang, 'clock', clockNames),
    clockState: words(lang, 'clockState', clockStates),
  };
}

/** The filters in use, the search among them, each as the words a chip shows. */
export function activeFilters(lang: Lang, values: Readonly<Record<string, string>>, choices: BoardChoices) {
  const options = optionsOf(lang, choices);
  return ['q', ...foldedFilters].flatMap((name) => {
    const value = values[name];
    if (!value) return [];
    if (name in flags) return [{ name, text: t(lang, flags[name as keyof typeof flags]) }];
    const chosen = options[name]?.find((option) => option.value === value)?.label ?? value;
    return [{ name, text: t(lang, 'board.chip', { label: tField(lang, name), value: chosen }) }];
  });
}

export function Filters({ form, choices }: { form: QueryForm; choices: BoardChoices }) {
  const { lang, values } = form;
  const options = optionsOf(lang, choices);
  const inUse = foldedFilters.filter((name) => values[name]).length;
  // Folded even when some are in use (the chips above the list say which); open when one of them is wrong.
  const open = form.errors.some((error) => error.field !== 'q');
  const indented = choices.places.map((place, index) => ({ ...options.jurisdiction![index]!, label: `${'　'.repeat(place.depth)}${options.jurisdiction![index]!.label}` }));
  const withLoad = choices.mediators.map((mediator) => ({ value: mediator.id, label: t(lang, 'board.mediatorLoad', mediator) }));
  return (
    <form method="get" action="/board" class="filters" role="search" aria-label={t(lang, 'board.filtersLabel')}>
      <div class="search-row">
        <InputField form={form} name="q" type="search" hint={t(lang, 'board.searchHint')} />
        <button type="submit">{t(lang, 'board.search')}</button>
      </div>
      <details open={open} data-testid="filters">
        <summary>{inUse ? t(lang, 'board.filtersInUse', { count: inUse }) : t(lang, 'board.moreFilters')}</summary>
        <div class="filter-grid">
          <SelectField form={form} name="jurisdiction" anyLabel={t(lang, 'board.allPlaces')} options={indented} />
          <SelectField form={form} name="status" anyLabel={t(lang, 'board.unfinished')} options={options.status!} />
          <SelectField form={form} name="channel" anyLabel={t(lang, 'board.any')} options={options.channel!} />
          <SelectField form={form} name="route" anyLabel={t(lang, 'board.any')} options={options.route!} />
          <SelectField form={form} name="category" anyLabel={t(lang, 'board.any')} options={options.category!} />
          <SelectField form={form} name="hard" anyLabel={t(lang, 'board.any')} options={options.hard!} />
          <SelectField form={form} name="assignee" anyLabel={t(lang, 'board.anyone')} options={withLoad} />
          <SelectField form={form} name="clock" anyLabel={t(lang, 'board.anyClock')} options={options.clock!} />
          <SelectField form={form} name="clockState" anyLabel={t(lang, 'board.any')} options={options.clockState!} hint={t(lang, 'board.clockStateHint')} />
          <InputField form={form} name="dueAfter" type="datetime-local" />
          <InputField form={form} name="dueBefore" type="datetime-local" />
          <InputField form={form} name="filedFrom" type="date" />
          <InputField form={form} name="filedTo" type="date" />
          <FlagField form={form} name="overdue" label={t(lang, flags.overdue)} />
          <FlagField form={form} name="escalated" label={t(lang, flags.escalated)} />
        </div>
        <div class="actions">
          <SelectField form={form} name="sort" anyLabel={t(lang, 'sort.overdue')} options={words(lang, 'sort', caseListSorts.filter((sort) => sort !== 'overdue'))} />
          <button type="submit">{t(lang, 'board.apply')}</button>
        </div>
      </details>
    </form>
  );
}

/** The filters in use above the list, each a link to the same board without it; the others stay as they are. */
export function FilterChips({ lang, values, choices }: { lang: Lang; values: Readonly<Record<string, string>>; choices: BoardChoices }) {
  const active = activeFilters(lang, values, choices);
  if (!active.length) return null;
  return (
    <ul class="chips" aria-label={t(lang, 'board.chipsLabel')} data-testid="filter-chips">
      {active.map((filter) => (
        <li>
          <a class="chip" href={`/board${boardQuery(values, { [filter.name]: undefined, cursor: undefined })}`} data-filter={filter.name}>
            <span class="visually-hidden">{t(lang, 'board.removeFilter')}</span>
            {filter.text}
            <span aria-hidden="true"> ✕</span>
          </a>
        </li>
      ))}
      {active.length > 1 ? (
        <li>
          <a href="/board" class="chip-clear">
            {t(lang, 'board.clear')}
          </a>
        </li>
      ) : null}
    </ul>
  );
}
