/** Helpers the page modules share, served as /assets/common.js. DOM is built with textContent only: no data becomes markup. */
export const COMMON_JS = `
export const data = JSON.parse(document.getElementById('page-data').textContent);
export const t = data.t;

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export async function api(method, path, body, headers) {
  const init = { method, headers: Object.assign({ accept: 'application/json' }, headers || {}) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  try {
    const response = await fetch(path, init);
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
    return { status: response.status, body: parsed };
  } catch {
    return { status: 0, body: null };
  }
}

export function formatTime(iso) {
  return new Date(iso).toLocaleString(data.lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai', hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
}

export function duration(ms) {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60000));
  const d = Math.floor(minutes / 1440), h = Math.floor((minutes % 1440) / 60), m = minutes % 60;
  const zh = data.lang !== 'en';
  if (d > 0) return zh ? d + '天' + h + '小时' : d + ' d ' + h + ' h';
  if (h > 0) return zh ? h + '小时' + m + '分' : h + ' h ' + m + ' min';
  return zh ? m + '分钟' : m + ' min';
}

/** "3 h 5 min left" or "overdue by 20 min", from the page's strings. */
export function timeLeft(iso) {
  const ms = Date.parse(iso) - Date.now();
  return (ms >= 0 ? t.left : t.late).replace('{}', duration(ms));
}

export function localPath(path) {
  return data.lang === 'en' ? path + '?lang=en' : path;
}
`;
