/** Time in the API: ISO 8601 with the +08:00 offset; bill days are Asia/Shanghai days. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

export function isoShanghai(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

/** The Asia/Shanghai calendar day (YYYY-MM-DD) an instant falls on. China has no DST. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** [start, end) in epoch ms of a Shanghai day. */
export function shanghaiDayRange(day: string): [number, number] {
  const start = Date.parse(`${day}T00:00:00+08:00`);
  return [start, start + 24 * 3600 * 1000];
}
