// Showing the core's per-field problems beside the fields they name, and
// taking each away as soon as its field is typed in again.

export function clearErrors(form) {
  clearingOnInput(form);
  for (const el of form.querySelectorAll(".field-error, .form-error")) el.textContent = "";
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

/** The field's error spot: the `.field-error` of its label, field or link row. */
function spotOf(input) {
  return input.closest("label, .field, .link-row")?.querySelector(".field-error") ?? null;
}

/**
 * Once per form: a field typed in (or a select changed) loses its error and
 * its red border at once, without waiting for the next save.
 */
function clearingOnInput(form) {
  if (form.dataset.clearsErrors) return;
  form.dataset.clearsErrors = "true";
  const fixed = (event) => {
    const input = event.target.closest?.("input, textarea, select");
    if (!input || !input.hasAttribute("aria-invalid")) return;
    input.removeAttribute("aria-invalid");
    const spot = spotOf(input);
    if (spot) spot.textContent = "";
  };
  form.addEventListener("input", fixed);
  form.addEventListener("change", fixed);
}

/** Puts each problem beside its field; the rest go to the form's error line. */
export function showErrors(form, err) {
  clearErrors(form);
  const problems = err.problems?.length ? err.problems : [{ field: "", message: err.message }];
  const general = [];
  let first = null;
  for (const { field, message } of problems) {
    const spot = field ? form.querySelector(`.field-error[data-field="${CSS.escape(field)}"]`) : null;
    if (!spot) {
      general.push(field ? `${field}: ${message}` : message);
      continue;
    }
    spot.textContent = spot.textContent ? `${spot.textContent}; ${message}` : message;
    spot.closest("details")?.setAttribute("open", "");
    const input = spot.parentElement.querySelector("input, textarea, select");
    if (input) {
      input.setAttribute("aria-invalid", "true");
      first ??= input;
    }
  }
  form.querySelector(".form-error").textContent = general.join("\n");
  first?.focus();
}

/**
 * Number fields WebKit could not read ("8,5", "twelve"): their value is
 * empty, so without this check the typed text would be dropped without a
 * word. `fields` maps a field's name to the core's name for it.
 */
export function unreadNumbers(form, fields) {
  const problems = [];
  for (const [name, field] of Object.entries(fields)) {
    const input = form.elements[name];
    if (input?.validity?.badInput) problems.push({ field, message: "this is not a number" });
  }
  return problems;
}
