/**
 * A UUID as ids are stored: lower-case, without the `urn:uuid:` prefix the spec's `uuid` format
 * also accepts. UUIDs are case-insensitive, but the stores compare ids as text (SQLite's `=` is
 * case-sensitive).
 */
export function storedUuid(value: string): string {
  return value.toLowerCase().replace(/^urn:uuid:/, '');
}
