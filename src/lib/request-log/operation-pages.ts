/**
 * The page of each operation whose try-it console is shown (every one with code samples): where
 * "open in console" goes. The docs pages choose where an operation is shown, not the contract, so
 * this is the list of them; tests/unit/request-log.test.ts reads every page's <ApiOperation
 * op={…}> and fails when the two differ, so a page that moves or a console that is added cannot
 * be missed here.
 */
export const OPERATION_PAGES: Readonly<Record<string, string>> = {
  getToken: '/docs/auth/token',
  revokeToken: '/docs/auth/token',
  getBill: '/docs/bills/query',
  createChannel: '/docs/channels/add',
  deleteChannel: '/docs/channels/delete',
  previewRouting: '/docs/channels/preview',
  listChannels: '/docs/channels/query',
  getChannel: '/docs/channels/query',
  updateChannel: '/docs/channels/update',
  closePayment: '/docs/payments/close',
  createPayment: '/docs/payments/create',
  createPaymentLegacy: '/docs/payments/create',
  queryPayment: '/docs/payments/query',
  getPayment: '/docs/payments/query',
  createRefund: '/docs/refunds/create',
  simulateRefund: '/docs/refunds/create',
  getRefund: '/docs/refunds/query',
  queryRefund: '/docs/refunds/query',
  listPaymentRefunds: '/docs/refunds/query',
  createSandboxApp: '/docs/sandbox',
  simulatePayment: '/docs/sandbox',
  getTeapot: '/docs/sandbox',
  getHealth: '/docs/sandbox',
  getReadiness: '/docs/sandbox',
  listEvents: '/docs/webhooks',
  resendEvent: '/docs/webhooks',
  rotateWebhookSecret: '/docs/webhooks',
  triggerEvent: '/docs/webhooks',
};
