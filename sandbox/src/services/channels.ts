/** Channel management (渠道路由): add, list, get, update, soft delete, routing preview. */
import type { SandboxContext } from '../context.ts';
import { channelView, foreignPayWay, type ChannelRecord } from '../domain/channels.ts';
import { newId } from '../domain/ids.ts';
import { routeProbabilities } from '../domain/routing.ts';
import { ApiError } from '../errors.ts';
import type { Principal } from './auth.ts';

interface ChannelInput {
  provider?: string;
  pay_ways?: string[];
  priority?: number;
  weight?: number;
  status?: 'enabled' | 'disabled';
  fee_rate_bps?: number;
  min_amount?: number;
  max_amount?: number;
  credentials?: Record<string, string>;
}

function credentialsOf(ctx: SandboxContext, c: ChannelRecord): Record<string, string> {
  return c.credentials_sealed ? JSON.parse(ctx.box.open(c.credentials_sealed)) : {};
}

function view(ctx: SandboxContext, c: ChannelRecord) {
  return channelView(c, credentialsOf(ctx, c));
}

function checkLimits(min: number, max: number | null): void {
  if (max != null && min > max) {
    throw new ApiError(400, 'invalid_value', {
      param: 'max_amount',
      detail: { zh: `不能小于 min_amount（${min}）`, en: `must not be below min_amount (${min})` },
    });
  }
}

/** The live channel, or the error its id deserves: 404 unknown (or another merchant's), 410 deleted. */
async function liveChannel(ctx: SandboxContext, who: Principal, channelId: string): Promise<ChannelRecord> {
  const c = (await ctx.store.listChannels(who.merchantId)).find((x) => x.channel_id === channelId);
  if (!c) throw new ApiError(404, 'resource_not_found', { param: 'channel_id', detail: channelId });
  if (c.deleted_at != null) throw new ApiError(410, 'channel_deleted', { param: 'channel_id', detail: channelId });
  return c;
}

/** A channel offers only its provider's pay ways (mock_alipay: alipay_*, …). */
function checkPayWays(provider: string, payWays: string[]): void {
  const foreign = foreignPayWay(provider, payWays);
  if (foreign) throw new ApiError(400, 'pay_way_not_supported', { param: 'pay_ways', detail: foreign });
}

export async function createChannel(ctx: SandboxContext, who: Principal, input: ChannelInput) {
  checkPayWays(input.provider!, input.pay_ways!);
  const now = ctx.now();
  const c: ChannelRecord = {
    channel_id: newId('chn'),
    merchant_id: who.merchantId,
    provider: input.provider!,
    pay_ways: input.pay_ways!,
    priority: input.priority ?? 10,
    weight: input.weight ?? 1,
    status: input.status ?? 'enabled',
    fee_rate_bps: input.fee_rate_bps ?? 60,
    min_amount: input.min_amount ?? 1,
    max_amount: input.max_amount ?? null,
    credentials_sealed: input.credentials ? ctx.box.seal(JSON.stringify(input.credentials)) : null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  checkLimits(c.min_amount, c.max_amount);
  await ctx.store.insertChannel(c);
  return view(ctx, c);
}

export async function listChannels(ctx: SandboxContext, who: Principal, q: { pay_way?: string; status?: string }) {
  const items = (await ctx.store.listChannels(who.merchantId)).filter(
    (c) =>
      c.deleted_at == null && (!q.pay_way || c.pay_ways.includes(q.pay_way)) && (!q.status || c.status === q.status),
  );
  return { items: items.map((c) => view(ctx, c)) };
}

export async function getChannel(ctx: SandboxContext, who: Principal, channelId: string) {
  return view(ctx, await liveChannel(ctx, who, channelId));
}

export async function updateChannel(ctx: SandboxContext, who: Principal, channelId: string, input: ChannelInput) {
  const c = await liveChannel(ctx, who, channelId);
  const { credentials, ...fields } = input;
  const patch: Partial<ChannelRecord> = { ...fields, updated_at: ctx.now() };
  if (credentials) patch.credentials_sealed = ctx.box.seal(JSON.stringify(credentials));
  const after = { ...c, ...patch };
  checkLimits(after.min_amount, after.max_amount);
  if (input.pay_ways) checkPayWays(after.provider, after.pay_ways);
  await ctx.store.updateChannel(who.merchantId, channelId, patch);
  return view(ctx, after);
}

export async function deleteChannel(ctx: SandboxContext, who: Principal, channelId: string) {
  await liveChannel(ctx, who, channelId);
  await ctx.store.updateChannel(who.merchantId, channelId, { deleted_at: ctx.now(), updated_at: ctx.now() });
  return { channel_id: channelId, deleted: true as const };
}

export async function previewRouting(ctx: SandboxContext, who: Principal, q: { pay_way: string; amount: number }) {
  const ranked = routeProbabilities(await ctx.store.listChannels(who.merchantId), q.pay_way, q.amount);
  return {
    pay_way: q.pay_way,
    amount: q.amount,
    candidates: ranked.map(({ channel, probability }) => ({
      channel_id: channel.channel_id,
      provider: channel.provider,
      priority: channel.priority,
      weight: channel.weight,
      probability: Number(probability.toFixed(6)),
    })),
  };
}
