/** Fee in fen = amount × rate (basis points), rounded half up, in integers only. */
export function feeFor(amount: number, feeRateBps: number): number {
  return Math.floor((amount * feeRateBps + 5000) / 10000);
}
