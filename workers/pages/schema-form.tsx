import type { GenericSchema } from 'valibot';
import { t, tField, type FieldError, type Lang } from '../i18n/messages';

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
}

/** How many party rows a blank form offers; empty rows are ignored when read back. */
const partyRows = 3;

const unwrap = (node: Node): { node: Node; optional: boolean } =>
  node.type === 'optional' && node.wrapped ? { node: unwrap(node.wrapped).node, optional: true } : { node, optional: false };

const maxLength = (node: Node) => node.pipe?.find((action) => action.type === 'max_length')?.requirement as number | undefined;
const isDateTime = (node: Node) => node.pipe?.some((action) => action.message === 'dateTime') ?? false;
const isUrl = (node: Node) => node.pipe?.some((action) => action.type === 'url') ?? false;

function valueAt(values: Values, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (current as Values | undefined)?.[key], values);
}

function FieldMessage({ path, context }: { path: string; context: FormContext }) {
  const error = context.errors.find((e) => e.field === path);
  return error ? (
    <p class="field-error" id={`${path}-error`}>
      {error.message}
    </p>
  ) : null;
}

function Field({ path, schema, context }: { path: string; schema: Node; context: FormContext }) {
  const { node, optional } = unwrap(schema);
  const { lang, values } = context;
  const label = tField(lang, path);
  const value = valueAt(values, path);
  const invalid = context.errors.some((e) => e.field === path);
  const describedBy = invalid ? `${path}-error` : undefined;
  const caption = (
    <span>
      {label}
      {optional ? <small> ({t(lang, 'page.optional')})</small> : null}
    </span>
  );

  if (node.type === 'object' && node.entries) {
    return (
      <fieldset>
        {Object.entries(node.entries).map(([key, entry]) => (
          <Field path={`${path}.${key}`} schema={entry} context={context} />
        ))}
        <FieldMessage path={path} context={context} />
      </fieldset>
    );
  }
  if (node.type === 'array' && node.item) {
    const item = unwrap(node.item).node;
    if (item.type === 'picklist' && item.options) {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset class="choices" aria-invalid={invalid || undefined}>
          <legend>{caption}</legend>
          {item.options.map((option) => (
            <label class="choice">
              <input type="checkbox" name={path} value={option} checked={chosen.includes(option)} />
              {tField(lang, `${path}.${option}`)}
            </label>
          ))}
          <FieldMessage path={path} context={context} />
        </fieldset>
      );
    }
    const rows = Math.max(partyRows, Array.isArray(value) ? value.length : 0);
    return (
      <fieldset>
        <legend>{caption}</legend>
        <FieldMessage path={path} context={context} />
        {Array.from({ length: rows }, (_, index) => (
          <fieldset class="row">
            <legend>
              {t(lang, 'page.party')} {index + 1}
            </legend>
            {Object.entries(unwrap(node.item!).node.entries ?? {}).map(([key, entry]) => (
              <Field path={`${path}.${index}.${key}`} schema={entry} context={context} />
            ))}
          </fieldset>
        ))}
      </fieldset>
    );
  }
  if (node.type === 'picklist' && node.options) {
    return (
      <label>
        {caption}
        <select name={path} aria-invalid={invalid || undefined} aria-describedby={describedBy}>
          <option value="">—</option>
          {node.options.map((option) => (
            <option value={option} selected={value === option}>
              {tField(lang, `${path}.${option}`)}
            </option>
          ))}
        </select>
        <FieldMessage path={path} context={context} />
      </label>
    );
  }
  const long = (maxLength(node) ?? 0) > 200;
  const text = typeof value === 'string' ? value : '';
  return (
    <label>
      {caption}
      {long ? (
        <textarea name={path} rows={4} maxlength={maxLength(node)} aria-invalid={invalid || undefined} aria-describedby={describedBy}>
          {text}
        </textarea>
      ) : (
        <input
          name={path}
          type={isDateTime(node) ? 'datetime-local' : isUrl(node) ? 'url' : 'text'}
          value={text}
          maxlength={maxLength(node)}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        />
      )}
      <FieldMessage path={path} context={context} />
    </label>
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
