import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * Scripts only from this origin (the page modules under /assets), requests only back to it, styles inline,
 * no framing; nothing else loads.
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface PageOptions {
  /** `no-store` for pages with secrets or personal data; public pages may be cached briefly. */
  readonly cache?: string;
  /** Headers beyond the ones every page carries (e.g. `retry-after` on a 503). */
  readonly headers?: Record<string, string> | undefined;
  /** The photo bucket's origin: the page shows its presigned images and uploads to it. */
  readonly photoOrigin?: string | undefined;
}

/** PAGE_CSP with one more origin for images and requests (the photo bucket's). */
export function pageCsp(photoOrigin?: string): string {
  if (!photoOrigin) return PAGE_CSP;
  return PAGE_CSP.replace("connect-src 'self'", `connect-src 'self' ${photoOrigin}`).replace(
    "img-src 'self' data:",
    `img-src 'self' data: ${photoOrigin}`,
  );
}

/** An HTML page with the headers every page carries; `no-referrer` so a link's secret never travels onwards. */
export function pageResponse(
  statusCode: number,
  html: string,
  options: PageOptions = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': options.cache ?? 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': pageCsp(options.photoOrigin),
      'x-content-type-options': 'nosniff',
      ...options.headers,
    },
    body: html,
  };
}
