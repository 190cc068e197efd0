/**
 * A fast path for the plain lines of a large CSV/TSV runs file: lines with no quote, no space, no tab
 * (CSV), no carriage return inside, and exactly as many fields as the header, split by `indexOf` with only
 * the kept columns sliced out as strings.
 *
 * Written by hand because no library does this: csv-parse (kept for everything else) converts the text
 * to a Buffer and back, builds every field of every record as a string and runs a per-character state
 * machine; on a 6M-row, 8-column file that is about 30 s of the 2-core budget of issue 16 item 1 (a
 * profile: `parse`, `__onField`, `utf8Slice` and `slice` were 4.4 s of 1M rows). Papa Parse has a
 * similar fast mode but needs every field as a string too. The first line that is not plain (a quote, a
 * padded cell, a short row) hands the rest of the file, from that line on and after the header, to
 * csv-parse, which then checks and reports it exactly as if it had read the whole file.
 */

/** What {@link plainFields} needs of the record handler: the kept columns once the header is read. */
export interface PlainHandler {
  (record: readonly string[]): void;
  readonly kept: readonly { index: number }[];
}

/**
 * Split one line (without its line break) into `record` when it is plain, filling only the kept entries
 * (every entry while `width` is 0, for the header); returns the field count, or -1 when the line is not
 * plain (it must go to csv-parse) or, with `width` > 0, has another number of fields.
 */
export function plainFields(
  line: string,
  delimiter: "," | "\t",
  width: number,
  kept: readonly { index: number }[],
  record: string[],
): number {
  if (line.includes("\r") || line.includes(" ")) return -1;
  if (delimiter === "," && (line.includes('"') || line.includes("\t"))) return -1;
  if (width === 0) {
    const all = line.split(delimiter);
    for (let i = 0; i < all.length; i++) record[i] = all[i]!;
    return all.length;
  }
  // the start of each field, then check the count: width - 1 delimiters, no more
  let start = 0;
  let field = 0;
  let k = 0;
  const want = kept.length;
  while (field < width - 1) {
    const end = line.indexOf(delimiter, start);
    if (end < 0) return -1;
    if (k < want && kept[k]!.index === field) {
      record[field] = line.slice(start, end);
      k++;
    }
    start = end + 1;
    field++;
  }
  if (line.indexOf(delimiter, start) >= 0) return -1;
  if (k < want && kept[k]!.index === field) record[field] = line.slice(start);
  return width;
}
