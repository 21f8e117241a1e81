/**
 * URLs a merchant gives us. The contract already refuses anything but absolute http(s) URLs
 * (HttpUrl, 400 invalid_url); this guard is for what reaches a browser anyway (a link, a CSP
 * source, a Location header), so an order stored before that rule cannot smuggle a
 * javascript: or data: URL into the cashier.
 */
export function httpUrlOrNull(url: string | null): URL | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '' ? u : null;
  } catch {
    return null;
  }
}
