const ALL_SCOPES = [
  'payments:read',
  'payments:write',
  'channels:read',
  'channels:write',
  'bills:read',
  'refunds:read',
  'refunds:write',
] as const;

/** Parses a space-separated scope; an empty one means all scopes. Returns unknown ones apart. */
export function parseScope(scope: string | undefined): { granted: string[]; unknown: string[] } {
  const asked = (scope ?? '').split(/\s+/).filter(Boolean);
  if (asked.length === 0) return { granted: [...ALL_SCOPES], unknown: [] };
  const known = new Set<string>(ALL_SCOPES);
  return {
    granted: [...new Set(asked.filter((s) => known.has(s)))],
    unknown: asked.filter((s) => !known.has(s)),
  };
}

/** The scopes of `needed` that `granted` lacks. */
export function missingScopes(granted: string[], needed: string[]): string[] {
  return needed.filter((s) => !granted.includes(s));
}
