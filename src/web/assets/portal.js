// Progressive enhancement only: every task works without this file.
// 1. The language menu changes page as soon as a language is chosen.
// 2. A form asks once more before a request is withdrawn.
document.addEventListener('change', (e) => {
  const t = e.target;
  if (t instanceof HTMLSelectElement && t.dataset.autosubmit !== undefined && t.form) t.form.requestSubmit();
});
document.addEventListener('submit', (e) => {
  const f = e.target;
  if (f instanceof HTMLFormElement && f.dataset.confirm && !window.confirm(f.dataset.confirm)) e.preventDefault();
});
