// Keyboard (Ctrl+S, Enter in one-line fields), leaving the page, the workflow buttons and the
// preview link: each saves what is unsaved first, then goes on.

/** Listens on the document, the window, the form and a#preview. */
export function setupLeaving(app) {
  const { form, t, s, save } = app;
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      save.saveNow({ explicit: true });
    }
  });
  // Enter in a one-line field must not submit the form (that would run a workflow action).
  form.addEventListener('keydown', (e) => {
    const el = e.target;
    if (e.key !== 'Enter' || !(el instanceof HTMLInputElement)) return;
    if (['submit', 'button', 'reset', 'checkbox', 'radio', 'file', 'image'].includes(el.type)) return;
    e.preventDefault();
  });
  window.addEventListener('beforeunload', (e) => {
    if (s.submitting || (!save.isDirty() && !s.inflight)) return;
    e.preventDefault();
    e.returnValue = t('leave');
    return t('leave');
  });
  form.addEventListener('submit', async (e) => {
    if (s.submitting) return;
    const submitter = e.submitter;
    // "Buang perubahan" asks first and saves nothing: what is typed is to be thrown away.
    const ask = submitter && submitter.getAttribute('data-confirm');
    if (ask) {
      if (!window.confirm(ask)) {
        e.preventDefault();
        return;
      }
      s.submitting = true;
      return;
    }
    if (!save.isDirty() && !s.inflight) {
      app.syncTextarea();
      s.submitting = true;
      return;
    }
    e.preventDefault();
    const ok = await save.saveNow({ explicit: true });
    if (!ok) return;
    s.submitting = true;
    if (submitter && submitter.form === form) form.requestSubmit(submitter);
    else form.requestSubmit();
  });
  const preview = document.getElementById('preview');
  if (preview instanceof HTMLAnchorElement) {
    preview.addEventListener('click', async (e) => {
      if (!save.isDirty() && !s.inflight) return;
      if (e.button !== 0) return;
      e.preventDefault();
      const newTab = preview.target === '_blank' || e.ctrlKey || e.metaKey || e.shiftKey;
      const win = newTab ? window.open('', '_blank') : null;
      const ok = await save.saveNow({ explicit: true });
      if (!ok) {
        if (win) win.close();
        return;
      }
      if (win) win.location.href = preview.href;
      else window.location.href = preview.href;
    });
  }
}
