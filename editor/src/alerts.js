// Messages that stay until dismissed (upload problems): one region at the top of the viewport,
// each message with its own close button.

import { h } from './dom.js';

export function uploadAlerts(t) {
  let region = null;
  const ensure = () => {
    if (region && region.isConnected) return region;
    region = h('div', { class: 'we-alerts', role: 'alert', 'aria-live': 'assertive' });
    document.body.append(region);
    return region;
  };
  return {
    show(text) {
      const close = h('button', { type: 'button', class: 'we-alert-close', 'aria-label': t('dismiss'), text: '×' });
      const item = h('div', { class: 'we-alert' }, h('p', { text }), close);
      close.addEventListener('click', () => item.remove());
      ensure().append(item);
      close.focus({ preventScroll: true });
    },
    count: () => (region ? region.querySelectorAll('.we-alert').length : 0),
  };
}
