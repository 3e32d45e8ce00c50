// The monthly report form (supervision/report.html), progressively enhanced: each row is saved
// through htmx as the reporter goes, Enter in a narrative moves to the next row, the sticky bar's
// "next one" finds the next row still to answer.  Without this file the form saves as a whole.
(function () {
  "use strict";
  const form = document.getElementById("report-form");
  if (!form || typeof htmx === "undefined") return;
  let lastRow = null;
  let inflight = 0;
  let waiting = null; // the id of a whole-form submit's button, held back until the row saves in flight are done

  function focusRow(row) {
    const task = row.closest("details");
    if (task) task.open = true;
    row.scrollIntoView({ block: "center" });
    const field = row.querySelector("select") || row.querySelector("textarea, input:not([type=hidden]), button");
    if (field) field.focus();
  }

  // a changed field saves its row (a file goes up through its own input)
  form.addEventListener("change", function (ev) {
    const field = ev.target;
    if (field.type === "file" || !/^m\d+-/.test(field.name || "")) return;
    const row = field.closest(".entry[hx-post]");
    if (row) htmx.trigger(row, "save");
  });

  form.addEventListener("focusin", function (ev) {
    const row = ev.target.closest(".entry");
    if (row) lastRow = row;
  });

  // Enter in a narrative or a count: the next row (Shift+Enter a new line; never while an input
  // method composes).  Never the browser's implicit submit: it would "click" a carry-over button.
  form.addEventListener("keydown", function (ev) {
    const field = ev.target;
    if (ev.key !== "Enter" || ev.shiftKey || ev.isComposing) return;
    if (!field.classList.contains("narrative") && !field.classList.contains("qty")) return;
    ev.preventDefault();
    const rows = Array.from(form.querySelectorAll(".entry"));
    const next = rows[rows.indexOf(field.closest(".entry")) + 1];
    if (next) focusRow(next);
    else document.getElementById("submit-report").focus();
  });

  // the bar's "next one": the first row still to answer after the one last edited
  document.addEventListener("click", function (ev) {
    const link = ev.target.closest("#next-pending");
    if (!link) return;
    ev.preventDefault();
    const open = Array.from(form.querySelectorAll(".need[data-pending]"), function (b) { return b.closest(".entry"); });
    if (!open.length) return;
    const after = lastRow && open.find(function (r) {
      return lastRow.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    focusRow(after || open[0]);
  });

  // refusals are answers too: 409 (someone else saved first) and 422 (a bad value) show in the row
  document.body.addEventListener("htmx:beforeSwap", function (ev) {
    const status = ev.detail.xhr.status;
    if (status === 409 || status === 422) {
      ev.detail.shouldSwap = true;
      ev.detail.isError = false;
    }
  });

  // a whole-form save or submit waits for the row saves in flight: they move the lock's version
  document.body.addEventListener("htmx:beforeRequest", function () { inflight += 1; });
  document.body.addEventListener("htmx:afterRequest", function () {
    inflight -= 1;
    if (inflight === 0 && waiting) {
      setTimeout(function () { // a queued row save starts right after: let it
        if (inflight === 0 && waiting) {
          // the bar was swapped meanwhile: the button is found again by its id
          const submitter = waiting === true ? null : document.getElementById(waiting);
          waiting = null;
          form.requestSubmit(submitter || undefined);
        }
      }, 0);
    }
  });
  form.addEventListener("submit", function (ev) {
    if (inflight > 0) {
      ev.preventDefault();
      waiting = (ev.submitter && ev.submitter.id) || true;
    }
  });
})();
