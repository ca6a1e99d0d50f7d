// Apart from common.ts (which reads the DOM at load), so pure modules and their tests can name it.

/** An RFC 9457 problem as the API sends it, with the field paths of a validation failure. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}
