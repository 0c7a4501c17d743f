// Presence: "Juga membuka: …" in #presence, from a heartbeat while the article is open.

// The heartbeat of "who has it open": with the server's 20 s expiry (warta-store's
// PRESENCE_MS) a closed tab leaves the others' line within 30 s even if its leave is lost.
const PRESENCE_MS = 10000;

/** Starts the heartbeat (a new article's once it is saved: `start()`); says when leaving. */
export function setupPresence(app) {
  const { t, api } = app;
  const presenceEl = document.getElementById('presence');
  let presenceTimer = 0;
  function start() {
    const { articleId } = app;
    if (!presenceEl || !articleId || presenceTimer) return;
    const beat = async () => {
      try {
        const r = await api.presence(articleId);
        const names = ((r && r.others) || []).map((o) => o && o.name).filter(Boolean);
        const text = names.length ? t('presence', { names: names.join(', ') }) : '';
        if (presenceEl.textContent !== text) presenceEl.textContent = text;
      } catch {
        // Presence is a hint; a failed heartbeat keeps the last answer.
      }
    };
    beat();
    presenceTimer = setInterval(beat, PRESENCE_MS);
  }
  start();
  // Closing the tab (or leaving the page) says so at once: the others' presence line clears
  // at their next heartbeat instead of when the entry expires.
  window.addEventListener('pagehide', () => {
    if (app.articleId && presenceTimer) api.leave(app.articleId);
  });
  return { start };
}
