/**
 * Request and response types keyed by operationId, from the types openapi-typescript generates
 * out of openapi.yaml (`npm run contract:types` writes generated/openapi.d.ts; a test fails when
 * it is stale). Code that calls the API names an operation and gets its shapes:
 *
 *   const body: RequestBody<'createPayment'> = { product_id: '1', product_name: 'x', amount: 100 };
 *   const order: SuccessData<'createPayment'> = answer.data;
 */
import type { components, operations } from './generated/openapi.d.ts';

export type { components, operations, paths } from './generated/openapi.d.ts';

export type OperationId = keyof operations;
type Schemas = components['schemas'];

type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON request body an operation takes (never when it takes none). */
export type RequestBody<Id extends OperationId> = operations[Id] extends { requestBody?: infer R }
  ? JsonContent<NonNullable<R>>
  : never;

/** The query parameters an operation takes. */
export type QueryParams<Id extends OperationId> = NonNullable<operations[Id]['parameters']['query']>;

/** The path parameters an operation takes. */
export type PathParams<Id extends OperationId> = NonNullable<operations[Id]['parameters']['path']>;

/** The JSON body of an operation's answer with the given status. */
export type ResponseBody<Id extends OperationId, Status extends number = 200> = operations[Id]['responses'] extends {
  [S in Status]: infer R;
}
  ? JsonContent<R>
  : never;

/** `data` of the success envelope `{ code: "0000", data, request_id }`. */
export type SuccessData<Id extends OperationId> = ResponseBody<Id> extends { data: infer D } ? D : never;

/** The error envelope every 4xx/5xx JSON answer carries. */
export type ErrorBody = Schemas['ErrorResponse'];
