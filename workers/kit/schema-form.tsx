import type { GenericSchema } from 'valibot';
import { labelKey, t, tField, type FieldError, type Lang, type MessageKey } from '../i18n/messages';

/**
 * Renders form fields by walking a valibot object schema, so the form can never ask for something the route
 * refuses, nor forget a field the route needs. Field names are dot paths ("parties.0.name"), read back by
 * `formToInput`.
 */

interface Node {
  type: string;
  entries?: Record<string, Node>;
  wrapped?: Node;
  options?: readonly string[];
  item?: Node;
  pipe?: readonly { type: string; requirement?: unknown; message?: unknown }[];
}

type Values = Record<string, unknown>;

export interface FormContext {
  lang: Lang;
  values: Values;
  errors: FieldError[];
  /** Fields the server fills in itself, shown but not asked: the screener is whoever is signed in. */
  fixed?: Record<string, string>;
  /** Fields chosen from what the server knows, not typed: the grid cells of the filer's jurisdiction. */
  choices?: Record<string, readonly { value: string; label: string }[]>;
  /** How many rows a repeating group shows (at least as many as it has values, and one). */
  rows?: Record<string, number>;
  /** The row just added, whose first field takes the cursor. */
  focusRow?: { path: string; index: number };
}

const unwrap = (node: Node): { node: Node; optional: boolean } =>
  node.type === 'optional' && node.wrapped ? { node: unwrap(node.wrapped).node, optional: true } : { node, optional: false };

const maxLength = (node: Node) => node.pipe?.find((action) => action.type === 'max_length')?.requirement as number | undefined;
const isDateTime = (node: Node) => node.pipe?.some((action) => action.message === 'dateTime') ?? false;
const isUrl = (node: Node) => node.pipe?.some((action) => action.type === 'url') ?? false;

/** The id of a field's control: the error summary links to it. */
export const fieldId = (path: string) => `f-${path}`;

/** Hints under a label, by the field's label key. */
const hints: Record<string, MessageKey> = {
  summary: 'page.summaryHint',
  'parties.phone': 'page.phoneHint',
  riskFlags: 'page.riskHint',
  feedback: 'instructions.feedbackHint',
};

/**
 * The parties' details are other people's, so the browser must not offer the filer's own name, phone or address;
 * a phone still gets the phone keypad.
 */
const autocompleteOf = (path: string) => (/^parties\.|^where\.address$/.test(path) ? 'off' : undefined);

function valueAt(values: Values, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (current as Values | undefined)?.[key], values);
}

const errorId = (path: string) => `${fieldId(path)}-error`;
const hintId = (path: string) => `${fieldId(path)}-hint`;

function FieldMessage({ path, context }: { path: string; context: FormContext }) {
  const error = context.errors.find((e) => e.field === path);
  return error ? (
    <p class="field-error" id={errorId(path)}>
      <span class="visually-hidden">{t(context.lang, 'page.errorPrefix')}</span>
      {error.message}
    </p>
  ) : null;
}

function Hint({ path, lang }: { path: string; lang: Lang }) {
  const key = hints[labelKey(path)];
  return key ? (
    <span class="hint" id={hintId(path)}>
      {t(lang, key)}
    </span>
  ) : null;
}

function describedBy(path: string, invalid: boolean) {
  const ids = [hints[labelKey(path)] ? hintId(path) : undefined, invalid ? errorId(path) : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Caption({ path, optional, lang }: { path: string; optional: boolean; lang: Lang }) {
  return (
    <>
      {tField(lang, path)}
      {optional ? <small> ({t(lang, 'page.optional')})</small> : null}
    </>
  );
}

/** A repeating group (the parties): any number of rows, added and removed by submit buttons that work without JS. */
function Rows({ path, item, optional, context }: { path: string; item: Node; optional: boolean; context: FormContext }) {
  const { lang, values } = context;
  const value = valueAt(values, path);
  const rows = Math.max(1, context.rows?.[path] ?? 1, Array.isArray(value) ? value.length : 0);
  const invalid = context.errors.some((e) => e.field === path);
  return (
    <fieldset id={fieldId(path)} class={invalid ? 'field invalid' : 'field'} data-rows={path}>
      <legend>
        <Caption path={path} optional={optional} lang={lang} />
      </legend>
      <FieldMessage path={path} context={context} />
      <input type="hidden" name={`${path}.rows`} value={String(rows)} />
      {Array.from({ length: rows }, (_, index) => (
        <fieldset class="party" data-row={index}>
          <legend data-template={t(lang, 'page.partyN', { n: '{n}' })}>{t(lang, 'page.partyN', { n: index + 1 })}</legend>
          {Object.entries(item.entries ?? {}).map(([key, entry], position) => (
            <Field
              path={`${path}.${index}.${key}`}
              schema={entry}
              context={context}
              autofocus={position === 0 && context.focusRow?.path === path && context.focusRow.index === index}
            />
          ))}
          <button
            type="submit"
            class="warning"
            name="rowAction"
            value={`remove:${path}:${index}`}
            hidden={rows === 1}
            data-template={t(lang, 'page.removeParty', { n: '{n}' })}
          >
            {t(lang, 'page.removeParty', { n: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="submit" class="secondary" name="rowAction" value={`add:${path}`}>
        {t(lang, 'page.addParty')}
      </button>
    </fieldset>
  );
}

function Field({ path, schema, context, autofocus = false }: { path: string; schema: Node; context: FormContext; autofocus?: boolean }) {
  const { node, optional } = unwrap(schema);
  const { lang, values } = context;
  const value = valueAt(values, path);
  const invalid = context.errors.some((e) => e.field === path);
  const fieldClass = invalid ? 'field invalid' : 'field';
  const id = fieldId(path);
  const fixed = context.fixed?.[path];

  if (fixed !== undefined) {
    return (
      <div class="field">
        <span class="label" id={id}>
          {tField(lang, path)}
        </span>
        <p class="readonly" data-testid={`fixed-${path}`}>
          {fixed} <span class="hint">（{t(lang, 'page.screenedByNote')}）</span>
        </p>
      </div>
    );
  }
  if (node.type === 'object' && node.entries) {
    return (
      <fieldset id={id} class={fieldClass}>
        <FieldMessage path={path} context={context} />
        {Object.entries(node.entries).map(([key, entry]) => (
          <Field path={`${path}.${key}`} schema={entry} context={context} />
        ))}
      </fieldset>
    );
  }
  if (node.type === 'array' && node.item) {
    const item = unwrap(node.item).node;
    if (item.type === 'picklist' && item.options) {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset id={id} class={fieldClass} aria-describedby={describedBy(path, invalid)}>
          <legend>
            <Caption path={path} optional={optional} lang={lang} />
          </legend>
          <Hint path={path} lang={lang} />
          <FieldMessage path={path} context={context} />
          <div class="choices">
            {item.options.map((option) => (
              <label class="choice">
                <input type="checkbox" id={`${id}-${option}`} name={path} value={option} checked={chosen.includes(option)} />
                {tField(lang, `${path}.${option}`)}
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    return <Rows path={path} item={item} optional={optional} context={context} />;
  }
  const label = (
    <label for={id}>
      <Caption path={path} optional={optional} lang={lang} />
    </label>
  );
  const common = {
    id,
    name: path,
    required: !optional,
    autofocus: autofocus || undefined,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy(path, invalid),
  };
  const listed = context.choices?.[path] ?? (node.type === 'picklist' && node.options ? node.options.map((option) => ({ value: option, label: tField(lang, `${path}.${option}`) })) : undefined);
  if (listed) {
    // One choice only (a worker with a single grid cell) is chosen already.
    const chosen = typeof value === 'string' ? value : listed.length === 1 ? listed[0]!.value : '';
    return (
      <div class={fieldClass}>
        {label}
        <Hint path={path} lang={lang} />
        <FieldMessage path={path} context={context} />
        <select {...common}>
          <option value="">{t(lang, 'page.choose')}</option>
          {listed.map((option) => (
            <option value={option.value} selected={chosen === option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    );
  }
  const long = (maxLength(node) ?? 0) > 200;
  const text = typeof value === 'string' ? value : '';
  const isPhone = labelKey(path) === 'parties.phone';
  return (
    <div class={fieldClass}>
      {label}
      <Hint path={path} lang={lang} />
      <FieldMessage path={path} context={context} />
      {long ? (
        <textarea {...common} rows={4} maxlength={maxLength(node)}>
          {text}
        </textarea>
      ) : (
        <input
          {...common}
          type={isPhone ? 'tel' : isDateTime(node) ? 'datetime-local' : isUrl(node) ? 'url' : 'text'}
          inputmode={isPhone ? 'tel' : undefined}
          autocomplete={autocompleteOf(path)}
          value={text}
          maxlength={maxLength(node)}
        />
      )}
    </div>
  );
}

export function SchemaFields({ schema, context }: { schema: GenericSchema; context: FormContext }) {
  const root = schema as unknown as Node;
  return (
    <>
      {Object.entries(root.entries ?? {}).map(([key, entry]) => (
        <Field path={key} schema={entry} context={context} />
      ))}
    </>
  );
}

/**
 * Turns a parsed urlencoded body (dot paths) back into the schema's shape: numbered keys become arrays,
 * blank fields and wholly blank rows are dropped, so "left empty" means "not given".
 */
export function formToInput(body: Record<string, unknown>, schema: GenericSchema): Values {
  const root: Values = {};
  for (const [name, raw] of Object.entries(body)) {
    const values = (Array.isArray(raw) ? raw : [raw]).filter((item): item is string => typeof item === 'string');
    const kept = values.map((item) => item.trim()).filter(Boolean);
    if (!kept.length) continue;
    // Only names the schema knows are read: anything else (say "__proto__.x") is not a field of the form.
    const field = fieldAt(schema, name);
    if (!field) continue;
    const keys = name.split('.');
    let cursor: Values | undefined = root;
    for (const key of keys.slice(0, -1)) {
      const next: unknown = (cursor[key] ??= {});
      cursor = typeof next === 'object' && next !== null && !Array.isArray(next) ? (next as Values) : undefined;
      if (!cursor) break;
    }
    if (cursor) cursor[keys.at(-1)!] = Array.isArray(raw) || field.type === 'array' ? kept : kept[0];
  }
  return withRequiredGroups(arraysFromNumberedKeys(root) as Values, schema as unknown as Node);
}

/**
 * A group left wholly blank (say, every "where" field) still gets its object, so the schema complains about
 * each field the reader can see rather than about a group they cannot.
 */
function withRequiredGroups(values: Values, node: Node): Values {
  for (const [key, entry] of Object.entries(node.entries ?? {})) {
    if (entry.type !== 'object') continue;
    values[key] = withRequiredGroups((values[key] as Values | undefined) ?? {}, entry);
  }
  return values;
}

/** The schema node a dot path names, or undefined when the schema has no such field. */
function fieldAt(schema: GenericSchema, name: string): Node | undefined {
  let node: Node | undefined = schema as unknown as Node;
  for (const key of name.split('.')) {
    node = node && unwrap(node).node;
    if (!node) return undefined;
    if (/^\d{1,2}$/.test(key)) node = node.item;
    else node = node.entries && Object.hasOwn(node.entries, key) ? node.entries[key] : undefined;
  }
  return node && unwrap(node).node;
}

function arraysFromNumberedKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value as Values).map(([key, item]) => [key, arraysFromNumberedKeys(item)] as const);
  if (entries.length && entries.every(([key]) => /^\d+$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => item);
  }
  return Object.fromEntries(entries);
}

/** Every field path in the order the form shows them, groups before their fields: the error summary follows it. */
export function fieldPathsInOrder(schema: GenericSchema, rows: Record<string, number> = {}): string[] {
  const walk = (path: string, schemaNode: Node): string[] => {
    const { node } = unwrap(schemaNode);
    if (node.type === 'object' && node.entries) {
      return [path, ...Object.entries(node.entries).flatMap(([key, entry]) => walk(`${path}.${key}`, entry))];
    }
    const item = node.type === 'array' && node.item ? unwrap(node.item).node : undefined;
    if (item?.type === 'object') {
      return [path, ...Array.from({ length: Math.max(maxRowsShown, rows[path] ?? 0) }, (_, index) => walk(`${path}.${index}`, item).slice(1)).flat()];
    }
    return [path];
  };
  const root = schema as unknown as Node;
  return Object.entries(root.entries ?? {}).flatMap(([key, entry]) => walk(key, entry));
}

const maxRowsShown = 20;

/**
 * A field left empty, worded as the form shows it: a drop-down is chosen (请选择), not typed (请填写). The schema's issue
 * for a missing key cannot tell the two apart, so the form's own schema does.
 */
export function inFormWords(errors: readonly FieldError[], schema: GenericSchema, lang: Lang): FieldError[] {
  return errors.map((error) =>
    error.code === 'missing' && fieldAt(schema, error.field)?.type === 'picklist' ? { ...error, message: t(lang, 'error.notChosen', { label: tField(lang, error.field) }) } : error,
  );
}
