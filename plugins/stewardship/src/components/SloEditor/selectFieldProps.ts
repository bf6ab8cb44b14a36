import { SelectProps } from '@material-ui/core/Select';

/**
 * `SelectProps` for a `TextField select` of the form (`id` its id): `base` with what MUI v4 leaves
 * off the button a keyboard and a screen reader reach. MUI puts `aria-invalid` and the helper
 * text's `aria-describedby` on the hidden input behind that button, so a select with a problem
 * was neither marked invalid nor said why, and a refused save focusing the first invalid field
 * passed it by.
 */
export function selectFieldProps(
  base: Partial<SelectProps>,
  id: string,
  field: { error: boolean; helperText: boolean },
): Partial<SelectProps> {
  return {
    ...base,
    SelectDisplayProps: {
      ...base.SelectDisplayProps,
      'aria-invalid': field.error || undefined,
      // The id MUI gives the helper text of a TextField with an id.
      'aria-describedby': field.helperText ? `${id}-helper-text` : undefined,
    },
  };
}
