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
 * Plain ES2017 in a string: it runs in the browser as written, untouched by the Worker's bundler.
 */
export const intakeDraftScript = `
(function () {
  'use strict';
  if (!window.fetch || !window.localStorage || !window.URLSearchParams) return;
  var retryDelays = [2000, 4000, 8000, 15000, 30000];
  var sending = false;
  var retryTimer = null;
  var attempt = 0;

  function form() { return document.querySelector('form[data-draft]'); }
  var first = form();
  if (!first) return;
  var storeKey = 'fengqiao-draft:' + first.getAttribute('data-draft');

  function read() {
    try { return JSON.parse(localStorage.getItem(storeKey) || 'null'); } catch (e) { return null; }
  }
  function write(draft) {
    try { localStorage.setItem(storeKey, JSON.stringify(draft)); } catch (e) { /* storage full or off: the form still posts */ }
  }
  function say(name) {
    var status = document.getElementById('draft-status');
    var f = form();
    if (status && f) status.textContent = name ? f.getAttribute('data-msg-' + name) : '';
  }
  function fieldsOf(f) {
    var out = [];
    new FormData(f).forEach(function (value, name) { if (typeof value === 'string') out.push([name, value]); });
    return out;
  }
  function keyOf(f) { return f.elements.namedItem('idempotencyKey').value; }
  function save() {
    var f = form();
    if (!f) return;
    var draft = read() || {};
    draft.key = keyOf(f);
    draft.fields = fieldsOf(f);
    draft.savedAt = Date.now();
    write(draft);
  }

  // Rows of a repeating group (the parties), renumbered in place.
  function rowsOf(group) { return Array.prototype.slice.call(group.querySelectorAll('fieldset[data-row]')); }
  function renumber(group) {
    var path = group.getAttribute('data-rows');
    var rows = rowsOf(group);
    var pattern = new RegExp('^(f-)?' + path.replace(/\\./g, '\\\\.') + '\\\\.\\\\d+\\\\.');
    rows.forEach(function (row, index) {
      row.setAttribute('data-row', String(index));
      row.querySelectorAll('[name],[id],[for],[aria-describedby]').forEach(function (el) {
        ['name', 'id', 'for'].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value && pattern.test(value)) el.setAttribute(attr, value.replace(pattern, function (_, f) { return (f || '') + path + '.' + index + '.'; }));
        });
        var described = el.getAttribute('aria-describedby');
        if (described) el.setAttribute('aria-describedby', described.split(' ').map(function (id) {
          return pattern.test(id) ? id.replace(pattern, function (_, f) { return (f || '') + path + '.' + index + '.'; }) : id;
        }).join(' '));
      });
      var legend = row.querySelector('legend[data-template]');
      if (legend) legend.textContent = legend.getAttribute('data-template').replace('{n}', String(index + 1));
      var remove = row.querySelector('button[data-template]');
      if (remove) {
        remove.textContent = remove.getAttribute('data-template').replace('{n}', String(index + 1));
        remove.value = 'remove:' + path + ':' + index;
        remove.hidden = rows.length === 1;
      }
    });
    var count = group.querySelector('input[name="' + path + '.rows"]');
    if (count) count.value = String(rows.length);
  }
  function addRow(group) {
    var rows = rowsOf(group);
    var last = rows[rows.length - 1];
    var row = last.cloneNode(true);
    row.querySelectorAll('.field-error').forEach(function (el) { el.remove(); });
    row.querySelectorAll('.invalid').forEach(function (el) { el.classList.remove('invalid'); });
    row.querySelectorAll('input,select,textarea').forEach(function (el) {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('autofocus');
      if (el.type === 'checkbox') el.checked = false; else el.value = '';
    });
    last.after(row);
    renumber(group);
    return row;
  }
  function removeRow(group, index) {
    var rows = rowsOf(group);
    if (rows.length > 1 && rows[index]) rows[index].remove();
    renumber(group);
  }

  function restore(f, draft) {
    (draft.fields || []).forEach(function (pair) {
      var rowCount = /^(\\w+)\\.rows$/.exec(pair[0]);
      if (!rowCount) return;
      var group = f.querySelector('[data-rows="' + rowCount[1] + '"]');
      while (group && rowsOf(group).length < Number(pair[1])) addRow(group);
    });
    f.querySelectorAll('input[type=checkbox]').forEach(function (box) { box.checked = false; });
    (draft.fields || []).forEach(function (pair) {
      var name = pair[0], value = pair[1];
      if (name === 'lang' || /\\.rows$/.test(name)) return;
      f.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(function (el) {
        if (el.type === 'checkbox') { if (el.value === value) el.checked = true; }
        else if (el.tagName !== 'BUTTON') el.value = value;
      });
    });
    f.elements.namedItem('idempotencyKey').value = draft.key;
  }

  function showReturnedForm(html) {
    var next = new DOMParser().parseFromString(html, 'text/html');
    var main = document.querySelector('main');
    var returned = next.querySelector('main');
    if (!main || !returned) { document.open(); document.write(html); document.close(); return; }
    main.innerHTML = returned.innerHTML;
    save();
    var summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(send, retryDelays[Math.min(attempt, retryDelays.length - 1)]);
    attempt += 1;
  }

  // Sends the draft's pending post; the answer is the receipt (after the server's redirect) or the form with errors.
  function send() {
    var draft = read();
    if (!draft || !draft.pending || sending) return;
    sending = true;
    clearTimeout(retryTimer);
    say('sending');
    var body = new URLSearchParams();
    draft.pending.forEach(function (pair) { body.append(pair[0], pair[1]); });
    fetch(draft.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'Idempotency-Key': draft.key } })
      .then(function (response) {
        var path = new URL(response.url).pathname;
        if (response.redirected && /\\/receipt$/.test(path)) {
          localStorage.removeItem(storeKey);
          window.location.replace(response.url);
          return;
        }
        // Signed out meanwhile: sign in, come back, and the pending post goes again.
        if (response.redirected && path === '/login') { window.location.assign(response.url); return; }
        if (response.status >= 500 || response.status === 408 || response.status === 429) throw new Error('answer ' + response.status);
        return response.text().then(function (html) {
          var kept = read() || draft;
          delete kept.pending;
          write(kept);
          say('');
          if (response.status === 422) { showReturnedForm(html); return; }
          // Anything else (a refused form, say) the server's own page explains.
          document.open(); document.write(html); document.close();
        });
      })
      .catch(function () {
        say('offline');
        scheduleRetry();
      })
      .then(function () { sending = false; });
  }

  document.addEventListener('input', function (event) { if (event.target.closest && event.target.closest('form[data-draft]')) save(); });
  document.addEventListener('change', function (event) { if (event.target.closest && event.target.closest('form[data-draft]')) save(); });

  // An error summary's link puts the cursor in its field, not only the field in view.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.error-summary a[href^="#"]');
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    var control = target && (target.matches('input,select,textarea') ? target : target.querySelector('input,select,textarea'));
    if (!control) return;
    event.preventDefault();
    control.focus();
    control.scrollIntoView({ block: 'center' });
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('form[data-draft] button[name=rowAction]');
    if (!button) return;
    event.preventDefault();
    var parts = button.value.split(':');
    var group = form().querySelector('[data-rows="' + parts[1] + '"]');
    if (!group) return;
    if (parts[0] === 'add') {
      var row = addRow(group);
      var firstField = row.querySelector('input,select,textarea');
      if (firstField) firstField.focus();
    } else {
      removeRow(group, Number(parts[2]));
      var add = group.querySelector('button[value^="add:"]');
      if (add) add.focus();
    }
    save();
  });

  document.addEventListener('submit', function (event) {
    var f = event.target;
    if (!f.matches || !f.matches('form[data-draft]')) return;
    event.preventDefault();
    save();
    var draft = read();
    draft.pending = fieldsOf(f);
    draft.action = f.action;
    write(draft);
    attempt = 0;
    send();
  });

  window.addEventListener('online', function () { attempt = 0; send(); });

  var draft = read();
  if (draft && draft.key && first.hasAttribute('data-fresh')) {
    restore(first, draft);
    say('restored');
  } else if (!first.hasAttribute('data-fresh')) {
    save();
  }
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  // A post left unanswered when the page went away is sent again as soon as the page is back.
  if (draft && draft.pending) send();
})();
`;
