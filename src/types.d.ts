// What the contract plugin (plugins/contract) emits, typed with the contract's own types.
declare module '@generated/juyifu-contract/default/errors.json' {
  import type { ErrorCode } from '@site/contract/index.ts';
  const errors: ErrorCode[];
  export default errors;
}

declare module '@generated/juyifu-contract/default/success-message.json' {
  import type { ErrorCode } from '@site/contract/index.ts';
  const title: ErrorCode['title'];
  export default title;
}

declare module '@generated/juyifu-contract/default/status-lines.json' {
  import type { ErrorCode } from '@site/contract/index.ts';
  const lines: Pick<ErrorCode, 'code' | 'title' | 'fix'>[];
  export default lines;
}

declare module '@generated/juyifu-contract/default/test-data.json' {
  import type { TestData } from '@site/contract/index.ts';
  const testData: TestData;
  export default testData;
}

declare module '@generated/juyifu-contract/default/payment-states.json' {
  import type { PAYMENT_MOVES, PaymentStatus } from '@site/contract/payment-states.ts';
  const states: { moves: typeof PAYMENT_MOVES; final: PaymentStatus[] };
  export default states;
}

declare module '@generated/juyifu-contract/default/pay-ways.json' {
  import type { PayWayEntry } from '@site/contract/pay-ways.ts';
  const payWays: PayWayEntry[];
  export default payWays;
}

declare module '@generated/juyifu-contract/default/operations.json' {
  import type { PageOperation } from '@site/src/lib/operation-page.ts';
  const operations: Pick<PageOperation, 'id' | 'method' | 'path' | 'summary'>[];
  export default operations;
}

declare module '@generated/juyifu-contract/default/op-*.json' {
  import type { PageOperation } from '@site/src/lib/operation-page.ts';
  const op: PageOperation;
  export default op;
}
