/**
 * The intake form's little JavaScript, for a phone on a bad connection. Without it the form posts as usual.
 *
 * - The draft (every field, the row counts and the Idempotency-Key) is kept in localStorage as it is typed, and a
 *   blank form takes it back after a reload, a crash or a dropped page.
 * - Filing posts the same form with fetch, under the draft's Idempotency-Key, and is resent (on a timer, and at once
 *   when the browser is back online) until the receipt comes: the server files a key once, so a post whose answer
 *   was lost files nothing twice. Then the draft is cleared and the receipt shown.
 * - "Add another party" and "remove" change the rows in place instead of a round trip.
 *
 * It runs in the browser, not the Worker: tsconfig.browser.json checks it against the DOM and ES2017 alone, and
 * scripts/bundle-browser.ts bundles it to the ES2017 text the page inlines (intake-draft.bundle.ts).
 */
'use strict';

/** A form field as FormData gives it: [name, value]. */
type Field = [name: string, value: string];

/** What localStorage keeps; read back from JSON, so any part may be missing. */
interface Draft {
  key?: string;
  fields?: Field[];
  savedAt?: number;
  /** The fields of a post not yet answered, and where it goes. */
  pending?: Field[];
  action?: string;
}

type Message = 'sending' | 'offline' | '';
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const retryDelays = [2000, 4000, 8000, 15000, 30000];
const controls = 'input,select,textarea';

const form = () => document.querySelector<HTMLFormElement>('form[data-draft]');
const idempotencyField = (f: HTMLFormElement) => f.elements.namedItem('idempotencyKey') as HTMLInputElement;
/** The element an event came from, if it is one (a text node or the window is not). */
const targetOf = (event: Event) => (event.target instanceof Element ? event.target : null);

function say(name: Message) {
  const status = document.getElementById('draft-status');
  const f = form();
  if (status && f) status.textContent = name ? f.getAttribute('data-msg-' + name) : '';
}

function fieldsOf(f: HTMLFormElement) {
  const out: Field[] = [];
  new FormData(f).forEach((value, name) => {
    if (typeof value === 'string') out.push([name, value]);
  });
  return out;
}

// Rows of a repeating group (the parties), renumbered in place.
const rowsOf = (group: Element) => Array.from(group.querySelectorAll<HTMLFieldSetElement>('fieldset[data-row]'));

function renumber(group: Element) {
  const path = group.getAttribute('data-rows')!;
  const rows = rowsOf(group);
  const pattern = new RegExp('^(f-)?' + path.replace(/\./g, '\\.') + '\\.\\d+\\.');
  rows.forEach((row, index) => {
    const renamed = (value: string) => value.replace(pattern, (_, f?: string) => (f || '') + path + '.' + index + '.');
    row.setAttribute('data-row', String(index));
    row.querySelectorAll('[name],[id],[for],[aria-describedby]').forEach((el) => {
      ['name', 'id', 'for'].forEach((attr) => {
        const value = el.getAttribute(attr);
        if (value && pattern.test(value)) el.setAttribute(attr, renamed(value));
      });
      const described = el.getAttribute('aria-describedby');
      if (described) el.setAttribute('aria-describedby', described.split(' ').map((id) => (pattern.test(id) ? renamed(id) : id)).join(' '));
    });
    const legend = row.querySelector('legend[data-template]');
    if (legend) legend.textContent = legend.getAttribute('data-template')!.replace('{n}', String(index + 1));
    const remove = row.querySelector<HTMLButtonElement>('button[data-template]');
    if (remove) {
      remove.textContent = remove.getAttribute('data-template')!.replace('{n}', String(index + 1));
      remove.value = 'remove:' + path + ':' + index;
      remove.hidden = rows.length === 1;
    }
  });
  const count = group.querySelector<HTMLInputElement>('input[name="' + path + '.rows"]');
  if (count) count.value = String(rows.length);
}

function addRow(group: Element) {
  const rows = rowsOf(group);
  const last = rows[rows.length - 1]!;
  const row = last.cloneNode(true) as HTMLFieldSetElement;
  row.querySelectorAll('.field-error').forEach((el) => el.remove());
  row.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
  row.querySelectorAll<Control>(controls).forEach((el) => {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('autofocus');
    if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = false;
    else el.value = '';
  });
  last.after(row);
  renumber(group);
  return row;
}

function removeRow(group: Element, index: number) {
  const rows = rowsOf(group);
  if (rows.length > 1 && rows[index]) rows[index].remove();
  renumber(group);
}

function restore(f: HTMLFormElement, fields: Field[], key: string) {
  fields.forEach(([name, value]) => {
    const rowCount = /^(\w+)\.rows$/.exec(name);
    if (!rowCount) return;
    const group = f.querySelector('[data-rows="' + rowCount[1] + '"]');
    while (group && rowsOf(group).length < Number(value)) addRow(group);
  });
  f.querySelectorAll<HTMLInputElement>('input[type=checkbox]').forEach((box) => {
    box.checked = false;
  });
  fields.forEach(([name, value]) => {
    if (name === 'lang' || /\.rows$/.test(name)) return;
    f.querySelectorAll<Control | HTMLButtonElement>('[name="' + CSS.escape(name) + '"]').forEach((el) => {
      if (el instanceof HTMLInputElement && el.type === 'checkbox') {
        if (el.value === value) el.checked = true;
      } else if (el.tagName !== 'BUTTON') el.value = value;
    });
  });
  idempotencyField(f).value = key;
}

function replacePage(html: string) {
  document.open();
  document.write(html);
  document.close();
}

/** Keeps the draft of the form `first` (the page's one intake form) under its owner and channel. */
function keepDraft(first: HTMLFormElement) {
  const storeKey = 'fengqiao-draft:' + first.getAttribute('data-draft');
  let sending = false;
  let retryTimer: number | undefined;
  let attempt = 0;

  function read(): Draft | null {
    try {
      return JSON.parse(localStorage.getItem(storeKey) || 'null') as Draft | null;
    } catch {
      return null;
    }
  }
  function write(draft: Draft) {
    try {
      localStorage.setItem(storeKey, JSON.stringify(draft));
    } catch {
      // Storage full or off: the form still posts.
    }
  }
  function save() {
    const f = form();
    if (!f) return;
    const draft = read() || {};
    draft.key = idempotencyField(f).value;
    draft.fields = fieldsOf(f);
    draft.savedAt = Date.now();
    write(draft);
  }

  function showReturnedForm(html: string) {
    const next = new DOMParser().parseFromString(html, 'text/html');
    const main = document.querySelector('main');
    const returned = next.querySelector('main');
    if (!main || !returned) {
      replacePage(html);
      return;
    }
    main.innerHTML = returned.innerHTML;
    save();
    focusErrorSummary();
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    retryTimer = window.setTimeout(send, retryDelays[Math.min(attempt, retryDelays.length - 1)]);
    attempt += 1;
  }

  // Sends the draft's pending post; the answer is the receipt (after the server's redirect) or the form with errors.
  function send() {
    const draft = read();
    if (!draft || !draft.pending || sending) return;
    sending = true;
    clearTimeout(retryTimer);
    say('sending');
    const body = new URLSearchParams();
    draft.pending.forEach(([name, value]) => body.append(name, value));
    fetch(draft.action!, { method: 'POST', body, credentials: 'same-origin', headers: { 'Idempotency-Key': draft.key! } })
      .then((response): Promise<void> | void => {
        const path = new URL(response.url).pathname;
        if (response.redirected && /\/receipt$/.test(path)) {
          localStorage.removeItem(storeKey);
          window.location.replace(response.url);
          return;
        }
        // Signed out meanwhile: sign in, come back, and the pending post goes again.
        if (response.redirected && path === '/login') {
          window.location.assign(response.url);
          return;
        }
        if (response.status >= 500 || response.status === 408 || response.status === 429) throw new Error('answer ' + response.status);
        return response.text().then((html) => {
          const kept = read() || draft;
          delete kept.pending;
          write(kept);
          say('');
          if (response.status === 422) {
            showReturnedForm(html);
            return;
          }
          // Anything else (a refused form, say) the server's own page explains.
          replacePage(html);
        });
      })
      .catch(() => {
        say('offline');
        scheduleRetry();
      })
      .then(() => {
        sending = false;
      });
  }

  const inDraftForm = (event: Event) => {
    const target = targetOf(event);
    if (target && target.closest('form[data-draft]')) save();
  };
  document.addEventListener('input', inDraftForm);
  document.addEventListener('change', inDraftForm);

  // An error summary's link puts the cursor in its field, not only the field in view.
  document.addEventListener('click', (event) => {
    const target = targetOf(event);
    const link = target && target.closest<HTMLAnchorElement>('.error-summary a[href^="#"]');
    if (!link) return;
    const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const control = field && (field.matches(controls) ? field : field.querySelector<HTMLElement>(controls));
    if (!control) return;
    event.preventDefault();
    control.focus();
    control.scrollIntoView({ block: 'center' });
  });

  document.addEventListener('click', (event) => {
    const target = targetOf(event);
    const button = target && target.closest<HTMLButtonElement>('form[data-draft] button[name=rowAction]');
    if (!button) return;
    event.preventDefault();
    const [action, path, index] = button.value.split(':');
    const group = form()!.querySelector('[data-rows="' + path + '"]');
    if (!group) return;
    if (action === 'add') {
      const row = addRow(group);
      const firstField = row.querySelector<HTMLElement>(controls);
      if (firstField) firstField.focus();
    } else {
      removeRow(group, Number(index));
      const add = group.querySelector<HTMLButtonElement>('button[value^="add:"]');
      if (add) add.focus();
    }
    save();
  });

  document.addEventListener('submit', (event) => {
    const f = event.target;
    if (!(f instanceof HTMLFormElement) || !f.matches('form[data-draft]')) return;
    event.preventDefault();
    save();
    const draft = read() || {};
    draft.pending = fieldsOf(f);
    draft.action = f.action;
    write(draft);
    attempt = 0;
    send();
  });

  window.addEventListener('online', () => {
    attempt = 0;
    send();
  });

  const stored = read();
  if (stored && stored.key && first.hasAttribute('data-fresh')) {
    restore(first, stored.fields || [], stored.key);
    showRestored(storeKey);
  } else if (!first.hasAttribute('data-fresh')) {
    save();
  }
  focusErrorSummary();
  // A post left unanswered when the page went away is sent again as soon as the page is back.
  if (stored && stored.pending) send();
}

// The notice at the top of a form filled from a draft, with the way to start afresh: the draft dropped, the page blank.
function showRestored(storeKey: string) {
  const notice = document.getElementById('draft-restored');
  if (!notice) return;
  notice.hidden = false;
  const discard = notice.querySelector<HTMLButtonElement>('button[data-discard-draft]');
  if (discard) {
    discard.addEventListener('click', () => {
      localStorage.removeItem(storeKey);
      window.location.replace(window.location.href);
    });
  }
}

function focusErrorSummary() {
  const summary = document.querySelector<HTMLElement>('.error-summary');
  if (summary) summary.focus();
}

// A browser without these posts the form as it stands; reading localStorage throws where storage is blocked, and then
// so does this, and the form posts as it stands too.
if (typeof fetch === 'function' && window.localStorage && typeof URLSearchParams === 'function') {
  const first = form();
  if (first) keepDraft(first);
}
