/** Sandbox apps: the "Sign Up for a Developer Key" of the original document. */
import type { SandboxContext } from '../context.ts';
import { channelView, seedChannelRecord } from '../domain/channels.ts';
import { newId, randomSecret } from '../domain/ids.ts';
import { hashSecret } from '../domain/secrets.ts';
import { isoShanghai } from '../domain/time.ts';

export async function createSandboxApp(ctx: SandboxContext, name: string | undefined) {
  const now = ctx.now();
  const appId = newId('app');
  const merchantId = newId('mch');
  const appSecret = randomSecret('sk_test_');
  const webhookSecret = randomSecret('whsec_');
  const channels = ctx.contract.testData.seeded_channels.map((seed) =>
    seedChannelRecord(seed, merchantId, newId('chn'), now),
  );
  const appName = name ?? '沙箱应用';
  await ctx.store.createApp(
    {
      app_id: appId,
      merchant_id: merchantId,
      name: appName,
      secret_hash: hashSecret(appSecret),
      webhook_secret_sealed: ctx.box.seal(webhookSecret),
      created_at: now,
    },
    channels,
  );
  return {
    app_id: appId,
    app_secret: appSecret,
    source_id: merchantId,
    webhook_secret: webhookSecret,
    name: appName,
    created_at: isoShanghai(now),
    channels: channels.map((c) => channelView(c, {})),
  };
}
