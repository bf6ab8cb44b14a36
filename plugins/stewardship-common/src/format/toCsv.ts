/**
 * RFC 4180 CSV of `rows` (CRLF line ends, a final CRLF), as every Stewardship export writes it
 * (the scorecard, the SLO overview, the planning review). Text cells starting with `=` `+` `-`
 * `@`, a tab or a CR are formulas to a spreadsheet, so they are prefixed with `'` to keep exports
 * inert (catalog titles and SLO names are anyone's text); number cells are written as numbers, so
 * a negative budget stays a number.
 *
 * @public
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>) {
  return `${rows.map(row => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(value: string | number): string {
  if (typeof value === 'number') {
    return String(value);
  }
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
