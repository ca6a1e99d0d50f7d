// The supervisors' sign-in (dashboard and workbench): a token from the identity provider, or where the server is
// its own issuer (the local runtime) a one-time code through the outbox. The token is kept for this tab only.
import { type ApiResponse, api, byId } from './common.ts';

export interface SignInStrings {
  readonly codeSent: string;
  readonly badCode: string;
  readonly badToken: string;
  readonly failed: string;
}

/** A call answered 401: the token is missing, expired or not one of this stage's. */
export class Unauthorized extends Error {}

/** The session of one page: its token, its forms and the call that carries the token. */
export interface Session {
  readonly signedIn: () => boolean;
  /** Shows the forms (with the reason, if any) or hides them once the page's content is shown. */
  readonly showForms: (shown: boolean, error?: string) => void;
  /** The Authorization header's value, for a call that is not JSON (the CSV export). */
  readonly authorization: () => string;
  /** A GET with the token; 401 throws Unauthorized. */
  readonly get: <T>(path: string) => Promise<ApiResponse<T>>;
}

/** Wires the sign-in forms; `onSignedIn` runs whenever a token has been entered or obtained. */
export function session(t: SignInStrings, tokenKey: string, onSignedIn: () => void): Session {
  const login = byId<HTMLFormElement>('login');
  const codeLogin = byId<HTMLFormElement>('code-login');
  const tokenError = byId('token-error');
  let localSignIn = false;

  const showForms = (shown: boolean, error = '') => {
    login.hidden = !shown;
    codeLogin.hidden = !(shown && localSignIn);
    tokenError.textContent = error;
  };
  const authorization = () => `Bearer ${sessionStorage.getItem(tokenKey)}`;
  const get = async <T>(path: string) => {
    const response = await api<T>('GET', path, undefined, { authorization: authorization() });
    if (response.status === 401) throw new Unauthorized(t.badToken);
    return response;
  };

  login.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(tokenKey, (login.elements.namedItem('token') as HTMLInputElement).value.trim());
    onSignedIn();
  });
  const field = (name: string) => (codeLogin.elements.namedItem(name) as HTMLInputElement).value.trim();
  void api<{ token_endpoint?: string }>('GET', '/.well-known/openid-configuration').then((discovery) => {
    localSignIn =
      discovery.status === 200 && Boolean(discovery.body?.token_endpoint?.endsWith('/auth/token'));
    codeLogin.hidden = !(localSignIn && !login.hidden);
  });
  byId('send-code').addEventListener('click', () => {
    void api('POST', '/auth/code', { person: field('person') }).then((response) => {
      byId('code-status').textContent = response.status === 202 ? t.codeSent : t.failed;
    });
  });
  codeLogin.addEventListener('submit', (event) => {
    event.preventDefault();
    void api<{ access_token: string }>('POST', '/auth/token', {
      person: field('person'),
      code: field('code'),
    }).then((response) => {
      if (response.status !== 200 || !response.body) {
        byId('code-error').textContent = t.badCode;
        return;
      }
      byId('code-error').textContent = '';
      sessionStorage.setItem(tokenKey, response.body.access_token);
      onSignedIn();
    });
  });
  return { signedIn: () => Boolean(sessionStorage.getItem(tokenKey)), showForms, get, authorization };
}
