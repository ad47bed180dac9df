// Progressive enhancement only: every task works without this file.
// 1. The language menu changes page as soon as a language is chosen.
// 2. A form asks once more before a request is withdrawn or children are merged.
document.addEventListener('change', (e) => {
  const t = e.target;
  if (t instanceof HTMLSelectElement && t.dataset.autosubmit !== undefined && t.form) t.form.requestSubmit();
});
document.addEventListener('submit', (e) => {
  const f = e.target;
  if (f instanceof HTMLFormElement && f.dataset.confirm && !window.confirm(f.dataset.confirm)) e.preventDefault();
});
// 3. A running import shows its progress as it goes; without this file, the page has a refresh link.
const poll = document.querySelector('[data-poll][data-running="yes"]');
if (poll) {
  const bar = poll.querySelector('progress');
  const text = poll.querySelector('[data-poll-text]');
  const tick = async () => {
    try {
      const r = await fetch(poll.dataset.poll, { credentials: 'same-origin' });
      if (r.ok) {
        const p = await r.json();
        bar.max = Math.max(p.total, 1);
        bar.value = p.processed;
        if (p.status !== 'running') return window.location.reload();
        text.textContent = text.dataset.pollText.replace('{processed}', p.processed).replace('{total}', p.total);
      }
    } catch {
      // A lost connection: try again at the next tick.
    }
    setTimeout(tick, 1500);
  };
  setTimeout(tick, 1500);
}
