// Unpublished changes of a published story: after a pending save the actions appear and the
// diff against the live text is fetched from the server (the same section the page renders
// without JavaScript).

export async function showPending(articleId) {
  const actions = document.getElementById('pending-actions');
  if (actions) actions.hidden = false;
  const section = document.getElementById('pending');
  if (!section || !articleId) return;
  try {
    const res = await fetch(`/admin/artikel/${encodeURIComponent(articleId)}/tertunda`, { credentials: 'same-origin' });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = doc.getElementById('pending');
    if (fresh) {
      section.replaceChildren(...[...fresh.childNodes].map((n) => document.importNode(n, true)));
      section.hidden = fresh.hidden;
    }
  } catch {
    // The diff is a convenience; the saved state is already shown.
  }
}
