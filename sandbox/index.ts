/**
 * The sandbox as a library, for code outside this folder (the samples and reliability suites,
 * the benchmark): build the app in-process, read settings, and the few domain rules a test or a
 * benchmark must agree with. Everything else under src/ is the sandbox's own business.
 */
export { buildApp } from './src/app.ts';
export { configFromEnv } from './src/config.ts';
export { feeFor } from './src/domain/money.ts';
export { shanghaiDay, shanghaiDayRange } from './src/domain/time.ts';
