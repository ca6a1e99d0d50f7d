import type { Lang } from './lang.ts';

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON for a `<script type="application/json">` data block: `<` is escaped so no data can close the block. */
export function jsonData(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// One small stylesheet inline (allowed by the CSP's style-src); colours keep at least 4.5:1 contrast on white.
const STYLE = `*{box-sizing:border-box}body{font:16px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;
margin:0;color:#1a1a1a;background:#fff}main,header{max-width:40rem;margin:0 auto;padding:0 1rem}
header{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding-top:.75rem}
.brand{font-weight:600;color:#0b5cad}h1{font-size:1.35rem;margin:.75rem 0}h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
a{color:#0b5cad}label,legend{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select,textarea{width:100%;font:inherit;padding:.55rem;border:1px solid #767676;border-radius:.4rem;background:#fff;color:#1a1a1a}
textarea{min-height:6rem}fieldset{border:1px solid #c4c4c4;border-radius:.5rem;margin:1rem 0;padding:.25rem .9rem .9rem}
.choice{display:flex;align-items:center;gap:.5rem;font-weight:400;margin:.35rem 0}.choice input{width:auto;margin:0}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.7rem 1.3rem;margin-top:.75rem;border:2px solid #0b5cad;
border-radius:.45rem;background:#0b5cad;color:#fff;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:#0b5cad}button.danger,.button.danger{background:#fff;color:#a4161a;border-color:#a4161a}
:focus-visible{outline:3px solid #f5a000;outline-offset:2px}.hint{color:#4a4a4a;font-size:.9rem;margin:.25rem 0}
.error{color:#a4161a;font-weight:600;margin:.25rem 0}.error:empty{display:none}[aria-invalid=true]{border-color:#a4161a;border-width:2px}
.alert{border:2px solid #a4161a;border-radius:.5rem;padding:.5rem .9rem;margin:1rem 0}.ok{border-color:#1b7f3b}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:.75rem 0}dt{color:#4a4a4a}dd{margin:0}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;background:#e8f0fa;color:#0b4a8b;font-size:.9rem}
.late{background:#fde8e8;color:#8a1116}ol.timeline{padding-left:1.2rem}ol.timeline li{margin:.35rem 0}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #ddd}
th{color:#4a4a4a;font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(7.5rem,1fr));gap:.5rem}
.card{border:1px solid #c4c4c4;border-radius:.5rem;padding:.5rem}.card b{display:block;font-size:1.4rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.suggestions{list-style:none;padding:0;margin:.25rem 0}.suggestions li{margin:0}
.suggestions button{display:block;width:100%;text-align:left;margin:0;border:1px solid #c4c4c4;border-radius:0;background:#fff;
color:#1a1a1a;font-weight:400;padding:.5rem .6rem}.suggestions small{display:block;color:#4a4a4a}
.case-number strong{font-size:1.25rem;letter-spacing:.03em}.scroll th,.scroll td{white-space:nowrap}
details.decline summary{list-style:none;width:max-content}details.decline summary::-webkit-details-marker{display:none}
.actions{display:flex;flex-wrap:wrap;gap:0 .75rem;align-items:flex-start}.actions .full,.actions details[open]{flex-basis:100%}
ul.photos{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
ul.photos li{display:flex;flex-direction:column;align-items:center;font-size:.8rem;color:#4a4a4a}
ul.photos img{display:block;width:6rem;height:6rem;object-fit:cover;border-radius:.4rem;border:1px solid #c4c4c4}
[hidden]{display:none!important}footer{max-width:40rem;margin:2rem auto 1rem;padding:0 1rem;color:#4a4a4a;font-size:.85rem}`;

// The icon inline (the CSP's img-src allows data:): without one, browsers ask /favicon.ico on every first visit.
export const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' " +
  "rx='3' fill='%230b5cad'/%3E%3Cpath d='M5.5 3v10M10.5 3v10M3 5.5h10M3 10.5h10' stroke='%23fff'/%3E%3C/svg%3E";

export interface PageParts {
  readonly lang: Lang;
  readonly title: string;
  readonly body: string;
  /** The page's script (an asset URL) and the data it reads from a JSON block. */
  readonly script?: string | undefined;
  readonly data?: unknown;
  /** The other language's version of this page, for the switch in the header. */
  readonly switchHref?: string | undefined;
}

/** The frame every page shares: language, viewport, header with the language switch, inline style. */
export function layout(parts: PageParts): string {
  const other = parts.lang === 'zh' ? { lang: 'en', label: 'English' } : { lang: 'zh-CN', label: '中文' };
  const switcher = parts.switchHref
    ? `<a href="${escapeHtml(parts.switchHref)}" lang="${other.lang}" hreflang="${other.lang}">${other.label}</a>`
    : '';
  const data =
    parts.data === undefined
      ? ''
      : `<script type="application/json" id="page-data">${jsonData(parts.data)}</script>`;
  const script = parts.script ? `<script type="module" src="${escapeHtml(parts.script)}"></script>` : '';
  return `<!doctype html>
<html lang="${parts.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<link rel="icon" href="${ICON}"><title>${escapeHtml(parts.title)}</title><style>${STYLE}</style>${data}${script}</head>
<body><header><span class="brand">${parts.lang === 'zh' ? '网格通' : 'Gridwork'}</span>${switcher}</header>
<main id="main">${parts.body}</main></body></html>`;
}
