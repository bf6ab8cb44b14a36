import { InputError } from '@backstage/errors';
import { z } from 'zod/v4';

/**
 * Parses request input with a zod schema, turning the first problems into an InputError (400)
 * that names the offending parameter.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: 'query parameter' | 'path parameter' | 'body field',
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const message = result.error.issues
    .map(issue =>
      issue.path.length
        ? `Invalid ${where} "${issue.path.join('.')}": ${issue.message}`
        : `Invalid ${where}s: ${issue.message}`,
    )
    .join('; ');
  throw new InputError(message);
}
