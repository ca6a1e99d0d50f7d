import { escapeHtml } from './html.ts';
import type { Lang } from './lang.ts';

/**
 * The supervisors' sign-in forms (./scripts/sign-in.ts wires them): a token, or where the server is its own issuer
 * (the local runtime) a one-time code through the outbox.
 */
export function signInForms(lang: Lang, heading: string): string {
  const zh = lang === 'zh';
  return `<form id="login" novalidate><h1>${escapeHtml(heading)}</h1>
<label for="token">${zh ? '访问令牌' : 'Access token'}</label>
<p class="hint" id="token-hint">${zh ? '本机运行时可用下方验证码登录；部署在 AWS 上时，使用用户池或身份提供方签发的令牌。' : 'Locally, sign in with a code below; on AWS use a token from the user pool or identity provider.'}</p>
<input id="token" name="token" type="password" autocomplete="current-password" aria-describedby="token-hint token-error">
<p class="error" id="token-error" role="alert"></p><button type="submit">${zh ? '进入' : 'Open'}</button></form>
<form id="code-login" hidden novalidate><h2>${zh ? '验证码登录（本机）' : 'Sign in with a code (local)'}</h2>
<label for="person">${zh ? '人员编号' : 'Person id'}</label>
<input id="person" name="person" autocomplete="username" placeholder="sup-s-1">
<button type="button" id="send-code">${zh ? '发送验证码' : 'Send a code'}</button>
<p class="hint" id="code-status" role="status"></p>
<label for="code">${zh ? '验证码' : 'Code'}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" aria-describedby="code-error">
<p class="error" id="code-error" role="alert"></p><button type="submit">${zh ? '登录' : 'Sign in'}</button></form>`;
}
