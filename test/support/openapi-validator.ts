import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Json = Record<string, unknown>;

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { responses: Record<string, { content?: Json }> }>>;
  readonly components: { readonly schemas: Record<string, Json> };
}

/**
 * Checks bodies against the schemas of an OpenAPI 3.1 document with a JSON Schema 2020-12 validator: the
 * document's components become `$defs`, so each response schema compiles with every `$ref` it makes.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  private readonly defs: Json;

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.defs = this.rebased(document.components.schemas) as Json;
  }

  /** A compiled validator for one component, e.g. `Problem`. */
  component(name: string): ValidateFunction {
    return this.compile({ $ref: `#/$defs/${name}` });
  }

  /** The schema the document gives a route's answer with this status and media type; throws when it has none. */
  response(method: string, path: string, status: number, contentType: string): ValidateFunction {
    const media = contentType.split(';')[0]?.trim() ?? '';
    const response = this.document.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
    const schema = (response?.content?.[media] as { schema?: Json } | undefined)?.schema;
    if (!schema) throw new Error(`The document has no ${media} answer ${status} for ${method} ${path}`);
    return this.compile(this.rebased(schema) as Json);
  }

  /** Every error of `body` against the route's answer, as text; empty when it matches. */
  errorsOf(method: string, path: string, status: number, contentType: string, body: unknown): string[] {
    const validate = this.response(method, path, status, contentType);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
  }

  private compile(schema: Json): ValidateFunction {
    return this.ajv.compile({ ...schema, $defs: this.defs });
  }

  private rebased(value: unknown): unknown {
    return JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/'));
  }
}
