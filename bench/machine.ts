/** How busy the machine is, from /proc/stat, so figures come with the load they ran under. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

function cpuTimes(): { idle: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const nums = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = nums[3] + (nums[4] ?? 0);
  return { idle, total: nums.reduce((a, b) => a + b, 0) };
}

/** Share of CPU time busy over `ms`, 0..1. */
export async function busyShare(ms = 1000): Promise<number> {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  const total = b.total - a.total;
  return total > 0 ? 1 - (b.idle - a.idle) / total : 0;
}

/** Waits (bounded) until the machine is mostly idle; returns what it saw. */
export async function waitForIdle(threshold = 0.15, maxWaitMs = 30_000) {
  const started = Date.now();
  let busy = await busyShare();
  while (busy > threshold && Date.now() - started < maxWaitMs) busy = await busyShare();
  return {
    cpus: cpus().length,
    busy_before: Number(busy.toFixed(3)),
    idle: busy <= threshold,
    waited_ms: Date.now() - started,
    loadavg: loadavg().map((x) => Number(x.toFixed(2))),
  };
}
