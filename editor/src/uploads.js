// Image uploads: files dropped or pasted into the body or chosen in the media dialog, and the
// hero photo's. Problems stay on screen until dismissed (a status line is overwritten by the
// next autosave); a file over the server's limit is refused here, before it is sent.

import { ApiError, NetworkError } from './api.js';
import { uploadAlerts } from './alerts.js';
import { megabytes } from './text.js';

/** Returns `{images(files, pos), hero(files, pick)}`; body images go in by `app.toolbar`. */
export function setupUploads(app) {
  const { t, api, maxUpload, setStatus } = app;
  const alerts = uploadAlerts(t);
  const refuseLarge = (file) => {
    if (!maxUpload || file.size <= maxUpload) return false;
    alerts.show(t('tooLarge', { name: file.name || '', size: megabytes(file.size), max: megabytes(maxUpload) }));
    return true;
  };
  const uploadFailed = (e, file) => {
    const detail = e instanceof ApiError ? e.detail || t('unknownError', { status: e.status }) : e instanceof NetworkError ? t('offline') : String(e && e.message ? e.message : e);
    alerts.show(t('uploadFailed', { name: file.name || '', detail }));
    setStatus(t('uploadFailedShort'), 'error');
  };
  async function images(files, pos) {
    let at = pos;
    for (const file of files) {
      if (refuseLarge(file)) continue;
      setStatus(t('uploading'), 'saving');
      try {
        const m = await api.upload(file);
        app.toolbar.insertMedia(m, at);
        at = null; // the next one goes after this one (the selection follows the insertion)
        setStatus(t('uploaded'), 'saved');
      } catch (e) {
        uploadFailed(e, file);
        return;
      }
    }
  }
  async function hero(files, pick) {
    const file = files[0];
    if (!file || refuseLarge(file)) return;
    setStatus(t('uploading'), 'saving');
    try {
      const m = await api.upload(file);
      setStatus(t('uploaded'), 'saved');
      pick(m);
    } catch (e) {
      uploadFailed(e, file);
    }
  }
  return { images, hero };
}
