/**
 * RFC 4180 CSV of `rows` (CRLF line ends, a final CRLF). Text cells starting with = + - @ (and
 * tab or CR) are formulas to a spreadsheet, so they are prefixed with `'` to keep exports inert;
 * number cells are written as numbers, so a negative budget stays a number.
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
