import type { ApiClient } from './api-client.ts';

/** The six-digit code of the newest sign-in message in a person's outbox. */
export async function latestSignInCode(api: ApiClient, personId: string): Promise<string | undefined> {
  const message = (await api.outbox(personId)).find((item) => item.subject.includes('Sign-in code'));
  return /(\d{6})/.exec(message?.text ?? '')?.[1];
}

/**
 * Signs a registered person in as the local runtime offers it: asks for a code, reads it in their outbox (as
 * their phone would receive it) and exchanges it for a token. Returns the bearer token.
 */
export async function signIn(api: ApiClient, personId: string): Promise<string> {
  const asked = await api.request('POST', '/auth/code', { json: { person: personId } });
  if (asked.status !== 202) throw new Error(`POST /auth/code answered ${asked.status}`);
  const code = await latestSignInCode(api, personId);
  if (!code) throw new Error(`no sign-in code in the outbox of ${personId}`);
  const token = await api.request<{ access_token: string }>('POST', '/auth/token', {
    json: { person: personId, code },
  });
  if (token.status !== 200) throw new Error(`POST /auth/token answered ${token.status}`);
  return token.body.access_token;
}
