// netweave: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function send(url, options) {
    options = options || {};
    options.headers = Object.assign({ "X-CSRF-Token": csrf, "X-Requested-With": "fetch" }, options.headers || {});
    options.credentials = "same-origin";
    return fetch(url, options);
  }

  // Forms marked data-fetch="#target" are posted in place; the answer replaces the target.
  function bindFetchForms(root) {
    root.querySelectorAll("form[data-fetch]").forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var target = document.querySelector(form.dataset.fetch);
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
        send(form.action, { method: "POST", body: new FormData(form) })
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
          .then(function (html) {
            target.innerHTML = html;
            bindFetchForms(target);
            // the button pressed is gone: keyboard and screen reader users land on what it
            // did (or else the count)
            var landing = target.querySelector("[data-agenda-said]") || target.querySelector("[data-agenda-count]") || target;
            if (landing === target) { target.tabIndex = -1; }
            landing.focus();
          })
          .catch(function () { form.submit(); });
      });
    });
  }

  // After a form sent as a page, what it did is said in a flash message: the focus moves
  // there, so a screen reader says it and the keyboard goes on from it. A page that has put
  // the focus somewhere already (a lead's arrow the address names: #lead-7-on; a refused
  // field) keeps it there, and the message is said by a live region instead.
  function focusSaid() {
    var said = document.querySelector("main .flash[role=status], main .flash-card[role=status]");
    if (!said || document.querySelector("[autofocus]")) { return; }  // a refused field's
    var now = document.activeElement;
    if (now && now !== document.body && now !== document.documentElement) {
      var live = document.createElement("p");
      live.className = "sr-only";
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
      setTimeout(function () { live.textContent = said.textContent.trim(); }, 200);
      return;
    }
    said.tabIndex = -1;
    said.focus();
  }

  // Search as you type: the filter form fetches the table rows only.
  function bindLiveSearch() {
    var form = document.querySelector("form[data-live-search]");
    if (!form) { return; }
    var target = document.querySelector(form.dataset.liveSearch);
    var said = document.querySelector("[data-people-found]");  // a polite live region
    var timer = null;
    var seq = 0;
    var shown = new URLSearchParams(new FormData(form)).toString();
    function refresh() {
      var params = new URLSearchParams(new FormData(form));
      // the search box's "change" when it loses focus repeats the search already shown:
      // fetching the rows again would drop the people just ticked
      if (params.toString() === shown) { return; }
      shown = params.toString();
      var mine = ++seq;
      // a refused filter (an organization no one knows) answers in JSON: one row says why
      send("/people/_rows?" + params.toString(), { headers: { "Accept": "text/html, application/json;q=0.5" } })
        .then(function (r) {
          if (r.ok) {
            return r.text().then(function (html) { return { html: html, found: r.headers.get("X-People-Found") }; });
          }
          return r.json().then(function (d) { return { error: d.error || "not valid" }; },
                               function () { return { error: "the filter could not be applied" }; });
        })
        .then(function (got) {
          if (mine !== seq) { return; }
          if (got.error) {
            var row = document.createElement("tr");
            var cell = document.createElement("td");
            cell.colSpan = 7;
            cell.className = "empty-row";
            cell.setAttribute("data-filter-error", "");
            cell.textContent = got.error;
            row.appendChild(cell);
            target.replaceChildren(row);
            if (said) { said.textContent = got.error; }
            return;
          }
          target.innerHTML = got.html;
          if (said && got.found) { said.textContent = got.found; }
          history.replaceState(null, "", "/people?" + params.toString());
          // tagging the people ticked comes back to the list as it is filtered now
          var back = document.querySelector('input[name="back"]');
          if (back) { back.value = "/people?" + params.toString(); }
        });
    }
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 180); });
    form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(refresh, 50); });
  }

  function bindSelectAll() {
    document.querySelectorAll("[data-select-all]").forEach(function (box) {
      box.closest("[data-select-all-box]").hidden = false;  // hidden where no script runs
      box.addEventListener("change", function () {
        var form = box.closest("form");
        form.querySelectorAll('input[name="ids"]').forEach(function (b) { b.checked = box.checked; });
      });
    });
  }

  // The woven check, shown before an ask for a job or a referral is logged.
  function bindWoven() {
    var form = document.querySelector("form[data-log-form]");
    if (!form) { return; }
    var ask = form.querySelector("[data-ask]");
    var box = form.querySelector("[data-woven]");
    function fill(list, items) {
      list.innerHTML = "";
      items.forEach(function (text) {
        var li = document.createElement("li");
        li.textContent = text.replace(/ \(`netweave [^`]*`\)/g, "");
        list.appendChild(li);
      });
    }
    ask.addEventListener("change", function () {
      var gated = ask.value === "job" || ask.value === "referral";
      box.hidden = !gated;
      if (!gated) { return; }
      send("/api/people/" + form.dataset.person + "/woven")
        .then(function (r) { return r.json(); })
        .then(function (v) {
          box.classList.toggle("woven-ok", v.woven);
          box.classList.toggle("woven-warn", !v.woven);
          box.querySelector("[data-woven-title]").textContent = v.woven
            ? "Woven: this relationship can carry the ask"
            : "Not woven yet: think twice before asking for a job or a referral";
          fill(box.querySelector("[data-woven-facts]"), v.facts);
          fill(box.querySelector("[data-woven-steps]"), v.next_steps);
        });
    });
  }

  // An import's progress, polled until it is done.
  function bindJob() {
    var card = document.querySelector("[data-job]");
    if (!card || card.dataset.state !== "running") { return; }
    function poll() {
      send("/api/imports/jobs/" + card.dataset.job)
        .then(function (r) { return r.json(); })
        .then(function (job) {
          card.querySelector("[data-job-records]").textContent = job.records;
          if (job.state === "running") { setTimeout(poll, 400); return; }
          card.dataset.state = job.state;
          card.querySelector("[data-job-running]").hidden = true;
          var heading = document.querySelector("[data-job-heading]");
          if (heading) {
            heading.textContent = (job.state === "done" ? "Imported " : "Not imported: ") + heading.dataset.file;
            document.title = heading.textContent + " · netweave";
          }
          // the end, in words, for a screen reader waiting on the page
          var said = card.querySelector("[data-job-said]");
          if (said && heading) {
            said.textContent = heading.textContent + (job.state === "done"
              ? ": " + (job.summary.people || 0) + " new " + (job.summary.people === 1 ? "person." : "people.")
              : ". " + (job.error || "Nothing was changed."));
          }
          if (job.state === "done") {
            Object.keys(job.summary).forEach(function (k) {
              var el = card.querySelector('[data-sum="' + k + '"]');
              if (el) { el.textContent = job.summary[k]; }
            });
            var list = card.querySelector("[data-job-problems]");
            list.innerHTML = "";
            var problems = job.summary.errors || [];
            problems.slice(0, 50).forEach(function (e) {
              var li = document.createElement("li");
              li.textContent = e.file + (e.line ? ":" + e.line : "") + ": " + e.error;
              list.appendChild(li);
            });
            if (problems.length > 50) {
              var more = document.createElement("li");
              more.textContent = "… and " + (problems.length - 50) + " more";
              list.appendChild(more);
            }
            card.querySelector("[data-job-problems-box]").hidden = !list.children.length;
            card.querySelector("[data-job-done]").hidden = false;
          } else {
            card.querySelector("[data-job-error]").textContent = job.error || "";
            card.querySelector("[data-job-failed]").hidden = false;
          }
        });
    }
    poll();
  }

  // The leads board: a card dragged onto another column moves the lead to that stage
  // (the arrows do the same without a mouse, and without this script).
  function bindBoard() {
    var board = document.querySelector("[data-board]");
    if (!board) { return; }
    // back from an arrow, the address names it (#lead-7-on) and the browser focuses it; a
    // card with no such arrow in its new column (the last one has no "on") gets its link
    var moved = /^#lead-(\d+)-\w+$/.exec(window.location.hash);
    var card = moved && document.getElementById("lead-" + moved[1]);
    if (card && !document.getElementById(window.location.hash.slice(1))) {
      card.querySelector("a").focus();
    }
    board.querySelectorAll("[data-lead]").forEach(function (card) {
      card.draggable = true;
      card.addEventListener("dragstart", function (ev) {
        ev.dataTransfer.setData("text/plain", card.dataset.lead);
        ev.dataTransfer.effectAllowed = "move";
        card.classList.add("dragging");
      });
      card.addEventListener("dragend", function () { card.classList.remove("dragging"); });
    });
    board.querySelectorAll("[data-stage]").forEach(function (column) {
      column.addEventListener("dragover", function (ev) {
        ev.preventDefault();
        ev.dataTransfer.dropEffect = "move";
        column.classList.add("drop-here");
      });
      column.addEventListener("dragleave", function (ev) {
        if (!column.contains(ev.relatedTarget)) { column.classList.remove("drop-here"); }
      });
      column.addEventListener("drop", function (ev) {
        ev.preventDefault();
        column.classList.remove("drop-here");
        var lead = ev.dataTransfer.getData("text/plain");
        var card = board.querySelector('[data-lead="' + lead + '"]');
        if (!lead || !card || card.closest("[data-stage]") === column) { return; }
        var body = new FormData();
        body.append("stage", column.dataset.stage);
        body.append("back", "board");
        card.classList.add("moving");
        send("/leads/" + lead + "/move", { method: "POST", body: body })
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } window.location.reload(); })
          .catch(function () { card.classList.remove("moving"); window.alert("The lead could not be moved: reload the page and try again."); });
      });
    });
  }

  // A form that deletes or closes something asks first; a yes is sent as confirm=yes, so
  // the server does not ask again on its own page (the way it asks without this script).
  function bindConfirm() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        if (!window.confirm(form.dataset.confirm)) { ev.preventDefault(); return; }
        var yes = form.querySelector("input[name=confirm]");
        if (!yes) {
          yes = document.createElement("input");
          yes.type = "hidden";
          yes.name = "confirm";
          form.appendChild(yes);
        }
        yes.value = "yes";
      });
    });
  }

  // "Back to the form" after a refused form: the browser's own Back keeps what was typed
  // (the link alone opens the form afresh).
  function bindBack() {
    document.querySelectorAll("a[data-back]").forEach(function (link) {
      link.addEventListener("click", function (ev) {
        if (window.history.length > 1) { ev.preventDefault(); window.history.back(); }
      });
    });
  }

  // Back at a form the browser filled in again (after a refused form): a folded section
  // holding it opens, so that what was typed shows.
  function changed(field) {
    if (field.type === "hidden") { return false; }
    if (field.type === "checkbox" || field.type === "radio") { return field.checked !== field.defaultChecked; }
    if (field.tagName === "SELECT" && field.multiple) {
      return Array.prototype.some.call(field.options, function (o) { return o.selected !== o.defaultSelected; });
    }
    if (field.tagName === "SELECT") {  // one choice: the first when none is marked
      var first = Array.prototype.findIndex.call(field.options, function (o) { return o.defaultSelected; });
      return field.selectedIndex !== Math.max(first, 0);
    }
    return field.value !== field.defaultValue;
  }

  function unfoldTyped() {
    document.querySelectorAll("details:not([open])").forEach(function (section) {
      if (Array.prototype.some.call(section.querySelectorAll("input, textarea, select"), changed)) {
        section.open = true;
      }
    });
  }

  // "Copy the text" beside a draft: shown only where this script runs (the box can be
  // selected and copied by hand without it).
  function bindCopy() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var box = document.querySelector(button.dataset.copy);
      var said = button.parentNode.querySelector("[data-copied]");
      if (!box) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        function done(ok) { if (said) { said.textContent = ok ? "Copied." : "Select the text and copy it."; } }
        box.select();
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(box.value).then(function () { done(true); }, function () { done(document.execCommand("copy")); });
        } else {
          done(document.execCommand("copy"));
        }
      });
    });
  }

  // the browser puts back what was typed once the page has loaded, not before
  window.addEventListener("pageshow", unfoldTyped);

  // once the page is in and the browser has gone to its fragment (which takes the focus
  // away from anything but the element it names)
  window.addEventListener("load", function () { setTimeout(focusSaid, 0); });

  document.addEventListener("DOMContentLoaded", function () {
    bindBack();
    bindFetchForms(document);
    bindLiveSearch();
    bindSelectAll();
    bindWoven();
    bindJob();
    bindBoard();
    bindConfirm();
    bindCopy();
  });
})();
