// Showing the core's per-field problems beside the fields they name.

export function clearErrors(form) {
  for (const el of form.querySelectorAll(".field-error, .form-error")) el.textContent = "";
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
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
