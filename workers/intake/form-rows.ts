/**
 * Adding and removing rows of a repeating group (the parties) without JavaScript: the buttons submit the form with
 * `rowAction` = "add:parties" or "remove:parties:2", and the form comes back with every value kept and one row more
 * or less. Each group's row count travels in a hidden `<path>.rows` field.
 */

type Body = Record<string, unknown>;

export interface RowState {
  /** The form's fields after the action: a removed row's fields gone, the rows after it moved up. */
  body: Body;
  rows: Record<string, number>;
  /** The row just added. */
  focusRow?: { path: string; index: number };
}

/** Rows never run past what a group may hold (the schema's 20 parties) however often "add" is pressed. */
const maxRows = 20;

function rowCounts(body: Body): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const [name, value] of Object.entries(body)) {
    const path = /^(\w+)\.rows$/.exec(name)?.[1];
    const count = Number(Array.isArray(value) ? value[0] : value);
    if (path && Number.isInteger(count) && count > 0) rows[path] = Math.min(count, maxRows);
  }
  return rows;
}

/** The body without row `index` of `path`; the rows after it take the numbers before. */
function withoutRow(body: Body, path: string, index: number): Body {
  const row = new RegExp(`^${path}\\.(\\d+)\\.(.+)$`);
  const kept: Body = {};
  for (const [name, value] of Object.entries(body)) {
    const match = row.exec(name);
    if (!match) kept[name] = value;
    else if (Number(match[1]) < index) kept[name] = value;
    else if (Number(match[1]) > index) kept[`${path}.${Number(match[1]) - 1}.${match[2]}`] = value;
  }
  return kept;
}

/** The row counts a posted form asks for, and, when a row button was pressed, what it did; undefined when not. */
export function rowsOf(body: Body): { action?: RowState; rows: Record<string, number> } {
  const rows = rowCounts(body);
  const action = typeof body.rowAction === 'string' ? body.rowAction : undefined;
  const add = action && /^add:(\w+)$/.exec(action);
  if (add) {
    const path = add[1]!;
    const count = Math.min((rows[path] ?? 1) + 1, maxRows);
    return { rows, action: { body, rows: { ...rows, [path]: count }, focusRow: { path, index: count - 1 } } };
  }
  const remove = action && /^remove:(\w+):(\d{1,2})$/.exec(action);
  if (remove) {
    const path = remove[1]!;
    const index = Number(remove[2]);
    return { rows, action: { body: withoutRow(body, path, index), rows: { ...rows, [path]: Math.max(1, (rows[path] ?? 1) - 1) } } };
  }
  return { rows };
}
