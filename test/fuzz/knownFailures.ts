/**
 * Fuzz failures known and left open, each matched against a failing case's reproducer line and
 * naming the issue that owns its fix. KEEP THIS LIST SHORT: a failure fixed elsewhere makes its entry
 * dead (remove it); a new failure is fixed, or listed here with its reason, never silently.
 */
export const KNOWN_FAILURES: RegExp[] = [];
