// Written by scripts/bundle-browser.ts from intake-draft.browser.ts: edit that, then `npm run bundle:browser`.
export const intakeDraftScript = `"use strict";
(() => {
  // workers/kit/intake-draft.browser.ts
  var retryDelays = [2e3, 4e3, 8e3, 15e3, 3e4];
  var controls = "input,select,textarea";
  var form = () => document.querySelector("form[data-draft]");
  var idempotencyField = (f) => f.elements.namedItem("idempotencyKey");
  var targetOf = (event) => event.target instanceof Element ? event.target : null;
  function say(name) {
    const status = document.getElementById("draft-status");
    const f = form();
    if (status && f) status.textContent = name ? f.getAttribute("data-msg-" + name) : "";
  }
  function fieldsOf(f) {
    const out = [];
    new FormData(f).forEach((value, name) => {
      if (typeof value === "string") out.push([name, value]);
    });
    return out;
  }
  var rowsOf = (group) => Array.from(group.querySelectorAll("fieldset[data-row]"));
  function renumber(group) {
    const path = group.getAttribute("data-rows");
    const rows = rowsOf(group);
    const pattern = new RegExp("^(f-)?" + path.replace(/\\./g, "\\\\.") + "\\\\.\\\\d+\\\\.");
    rows.forEach((row, index) => {
      const renamed = (value) => value.replace(pattern, (_, f) => (f || "") + path + "." + index + ".");
      row.setAttribute("data-row", String(index));
      row.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach((el) => {
        ["name", "id", "for"].forEach((attr) => {
          const value = el.getAttribute(attr);
          if (value && pattern.test(value)) el.setAttribute(attr, renamed(value));
        });
        const described = el.getAttribute("aria-describedby");
        if (described) el.setAttribute("aria-describedby", described.split(" ").map((id) => pattern.test(id) ? renamed(id) : id).join(" "));
      });
      const legend = row.querySelector("legend[data-template]");
      if (legend) legend.textContent = legend.getAttribute("data-template").replace("{n}", String(index + 1));
      const remove = row.querySelector("button[data-template]");
      if (remove) {
        remove.textContent = remove.getAttribute("data-template").replace("{n}", String(index + 1));
        remove.value = "remove:" + path + ":" + index;
        remove.hidden = rows.length === 1;
      }
    });
    const count = group.querySelector('input[name="' + path + '.rows"]');
    if (count) count.value = String(rows.length);
  }
  function addRow(group) {
    const rows = rowsOf(group);
    const last = rows[rows.length - 1];
    const row = last.cloneNode(true);
    row.querySelectorAll(".field-error").forEach((el) => el.remove());
    row.querySelectorAll(".invalid").forEach((el) => el.classList.remove("invalid"));
    row.querySelectorAll(controls).forEach((el) => {
      el.removeAttribute("aria-invalid");
      el.removeAttribute("autofocus");
      if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = false;
      else el.value = "";
    });
    last.after(row);
    renumber(group);
    return row;
  }
  function removeRow(group, index) {
    const rows = rowsOf(group);
    if (rows.length > 1 && rows[index]) rows[index].remove();
    renumber(group);
  }
  function restore(f, fields, key) {
    fields.forEach(([name, value]) => {
      const rowCount = /^(\\w+)\\.rows$/.exec(name);
      if (!rowCount) return;
      const group = f.querySelector('[data-rows="' + rowCount[1] + '"]');
      while (group && rowsOf(group).length < Number(value)) addRow(group);
    });
    f.querySelectorAll("input[type=checkbox]").forEach((box) => {
      box.checked = false;
    });
    fields.forEach(([name, value]) => {
      if (name === "lang" || /\\.rows$/.test(name)) return;
      f.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach((el) => {
        if (el instanceof HTMLInputElement && el.type === "checkbox") {
          if (el.value === value) el.checked = true;
        } else if (el.tagName !== "BUTTON") el.value = value;
      });
    });
    idempotencyField(f).value = key;
  }
  function replacePage(html) {
    document.open();
    document.write(html);
    document.close();
  }
  function keepDraft(first) {
    const storeKey = "fengqiao-draft:" + first.getAttribute("data-draft");
    let sending = false;
    let retryTimer;
    let attempt = 0;
    function read() {
      try {
        return JSON.parse(localStorage.getItem(storeKey) || "null");
      } catch (e) {
        return null;
      }
    }
    function write(draft) {
      try {
        localStorage.setItem(storeKey, JSON.stringify(draft));
      } catch (e) {
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
    function showReturnedForm(html) {
      const next = new DOMParser().parseFromString(html, "text/html");
      const main = document.querySelector("main");
      const returned = next.querySelector("main");
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
    function send() {
      const draft = read();
      if (!draft || !draft.pending || sending) return;
      sending = true;
      clearTimeout(retryTimer);
      say("sending");
      const body = new URLSearchParams();
      draft.pending.forEach(([name, value]) => body.append(name, value));
      fetch(draft.action, { method: "POST", body, credentials: "same-origin", headers: { "Idempotency-Key": draft.key } }).then((response) => {
        const path = new URL(response.url).pathname;
        if (response.redirected && /\\/receipt$/.test(path)) {
          localStorage.removeItem(storeKey);
          window.location.replace(response.url);
          return;
        }
        if (response.redirected && path === "/login") {
          window.location.assign(response.url);
          return;
        }
        if (response.status >= 500 || response.status === 408 || response.status === 429) throw new Error("answer " + response.status);
        return response.text().then((html) => {
          const kept = read() || draft;
          delete kept.pending;
          write(kept);
          say("");
          if (response.status === 422) {
            showReturnedForm(html);
            return;
          }
          replacePage(html);
        });
      }).catch(() => {
        say("offline");
        scheduleRetry();
      }).then(() => {
        sending = false;
      });
    }
    const inDraftForm = (event) => {
      const target = targetOf(event);
      if (target && target.closest("form[data-draft]")) save();
    };
    document.addEventListener("input", inDraftForm);
    document.addEventListener("change", inDraftForm);
    document.addEventListener("click", (event) => {
      const target = targetOf(event);
      const link = target && target.closest('.error-summary a[href^="#"]');
      if (!link) return;
      const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      const control = field && (field.matches(controls) ? field : field.querySelector(controls));
      if (!control) return;
      event.preventDefault();
      control.focus();
      control.scrollIntoView({ block: "center" });
    });
    document.addEventListener("click", (event) => {
      const target = targetOf(event);
      const button = target && target.closest("form[data-draft] button[name=rowAction]");
      if (!button) return;
      event.preventDefault();
      const [action, path, index] = button.value.split(":");
      const group = form().querySelector('[data-rows="' + path + '"]');
      if (!group) return;
      if (action === "add") {
        const row = addRow(group);
        const firstField = row.querySelector(controls);
        if (firstField) firstField.focus();
      } else {
        removeRow(group, Number(index));
        const add = group.querySelector('button[value^="add:"]');
        if (add) add.focus();
      }
      save();
    });
    document.addEventListener("submit", (event) => {
      const f = event.target;
      if (!(f instanceof HTMLFormElement) || !f.matches("form[data-draft]")) return;
      event.preventDefault();
      save();
      const draft = read() || {};
      draft.pending = fieldsOf(f);
      draft.action = f.action;
      write(draft);
      attempt = 0;
      send();
    });
    window.addEventListener("online", () => {
      attempt = 0;
      send();
    });
    const stored = read();
    if (stored && stored.key && first.hasAttribute("data-fresh")) {
      restore(first, stored.fields || [], stored.key);
      showRestored(storeKey);
    } else if (!first.hasAttribute("data-fresh")) {
      save();
    }
    focusErrorSummary();
    if (stored && stored.pending) send();
  }
  function showRestored(storeKey) {
    const notice = document.getElementById("draft-restored");
    if (!notice) return;
    notice.hidden = false;
    const discard = notice.querySelector("button[data-discard-draft]");
    if (discard) {
      discard.addEventListener("click", () => {
        localStorage.removeItem(storeKey);
        window.location.replace(window.location.href);
      });
    }
  }
  function focusErrorSummary() {
    const summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  }
  if (typeof fetch === "function" && window.localStorage && typeof URLSearchParams === "function") {
    const first = form();
    if (first) keepDraft(first);
  }
})();
`;
