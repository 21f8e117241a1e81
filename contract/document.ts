/**
 * The parts of an OpenAPI 3.1 document this project reads, typed after `$ref`s are resolved.
 * `x-summary-en` / `x-description-en` carry the English text beside the Chinese.
 */

/** A JSON Schema (2020-12) as the contract writes it; walked generically by validators. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  uniqueItems?: boolean;
  default?: unknown;
  examples?: unknown[];
  description?: string;
  'x-description-en'?: string;
  /** `fen`: an amount of money, an integer number of fen. */
  'x-unit'?: string;
  /** The sub_code a failure of this schema means (e.g. invalid_url), instead of invalid_value. */
  'x-sub-code'?: string;
  /** In samples, read this field's value from an environment variable of that name. */
  'x-sample-env'?: string;
  [key: string]: unknown;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  'x-description-en'?: string;
  schema?: JsonSchema;
  example?: unknown;
}

export interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
}

export interface Response {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId: string;
  tags?: string[];
  summary?: string;
  'x-summary-en'?: string;
  description?: string;
  'x-description-en'?: string;
  deprecated?: boolean;
  security?: SecurityRequirement[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  /** false: a page for a browser, not a call from code, so no code samples. */
  'x-samples'?: boolean;
  /** The try-it console's helpers for this operation, checked and typed by buildOperations. */
  'x-console'?: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItem = { parameters?: Parameter[] } & Partial<Record<HttpMethod, OperationObject>>;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  'x-catalogues': { errors: string; test_data: string };
  security?: SecurityRequirement[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses?: Record<string, Response>;
    parameters?: Record<string, Parameter>;
    securitySchemes?: {
      oauth2?: { flows: { clientCredentials: { tokenUrl: string; scopes: Record<string, string> } } };
    };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
