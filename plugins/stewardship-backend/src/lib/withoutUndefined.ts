/**
 * Deletes the keys whose value is undefined, in place: responses are checked against a spec whose
 * objects allow no other properties, and an optional field is absent rather than undefined.
 */
export function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
