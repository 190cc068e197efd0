import { describe, expect, it } from "vitest";
import type { ColumnTable } from "../../src/ingest/ColumnTable.js";
import { readColumns } from "../../src/ingest/readColumns.js";
import { readColumnsStream } from "../../src/ingest/readColumnsStream.js";

// The streaming reader splits plain CSV/TSV lines by hand and hands the rest of the file to csv-parse
// from the first line that is not plain (src/ingest/plainDelimited.ts). Its peer here is the text reader
// readColumns, which puts the whole text through csv-parse: every file must give the same table, or the
// same error naming the same line, however the bytes are cut into chunks.

async function* chunked(text: string, size: number): AsyncIterable<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const request = { numbers: ["x", "y"], ids: ["trial"], fileName: "runs.csv" };

function shape(t: ColumnTable) {
  const cols = [...t.data].map(([name, c]) => ({
    name,
    values: Array.from(c.values, (v, i) => (c.status[i] === 1 ? v : null)),
    status: Array.from(c.status),
    raw: [...c.raw],
    cells: c.cellAt ? Array.from({ length: t.rows }, (_, i) => c.cellAt!(i)) : null,
  }));
  return { columns: t.columns, rows: t.rows, cols };
}

async function both(text: string, options: object = request) {
  let expected: unknown;
  try {
    expected = shape(readColumns(text, options as typeof request));
  } catch (e) {
    expected = { error: (e as Error).message };
  }
  for (const size of [3, 17, 1 << 16]) {
    let got: unknown;
    try {
      got = shape(await readColumnsStream(chunked(text, size), options as typeof request));
    } catch (e) {
      got = { error: (e as Error).message };
    }
    expect(got, `chunks of ${size} bytes`).toEqual(expected);
  }
  return expected as { error?: string; rows?: number };
}

describe("readColumnsStream: plain lines by hand, the rest by csv-parse, as the text reader reads them", () => {
  it("reads plain CSV (CRLF, a BOM, blank lines, an empty cell, no final line break)", async () => {
    const crlf = await both("\uFEFFtrial,x,note,y\r\na,1,n,2\r\n\r\nb,3,,4e-1\r\nc,,m,6\r\nd,7,z,x8");
    expect(crlf.rows).toBe(4);
    const lf = await both("trial,x,note,y\n\na,1,n,2\nb,3,,4e-1\nc,,m,6\nd,7,z,x8\n\n");
    expect(lf.rows).toBe(4);
    // csv-parse takes the first line break as the record delimiter: a bare LF after CRLF is inside a record
    expect((await both("trial,x,y\r\na,1,2\nb,3,4\r\n")).error).toMatch(/line/);
  });

  it("hands a quoted cell, a padded cell or a tab to csv-parse from that line on", async () => {
    await both('trial,x,y\na,1,2\n"b,c",3,4\nd,5,6\n');
    await both('trial,x,y\na,1,2\nb,3,"4\n5"\nd,5,6\n');
    await both("trial,x,y\na,1,2\nb , 3 ,4\nc,5,6\n");
    await both("trial,x,y\na,1,2\nb,\t3,4\nc,5,6\n");
    await both('"trial",x,y\na,1,2\n');
  });

  it("names the same line for a short row, before and after a line that is not plain", async () => {
    const early = await both("trial,x,y\na,1,2\n\nb,3\nc,5,6\n");
    expect(early.error).toMatch(/line 4/);
    const late = await both('trial,x,y\na,1,2\n"b",3,4\nc,5\nd,5,6\n');
    expect(late.error).toMatch(/line 4/);
    expect((await both("trial,x,y\na,1,2,3\n")).error).toMatch(/line 2/);
  });

  it("reads TSV, where a quote is text", async () => {
    const tsv = { ...request, fileName: "runs.tsv" };
    await both('trial\tx\ty\n"a\t1\t2\nb"\t3\t4\n', tsv);
  });

  it("refuses a header with an empty or repeated name on either path", async () => {
    expect((await both("trial,x,x\na,1,2\n")).error).toMatch(/once/);
    expect((await both('trial,"x","x"\na,1,2\n')).error).toMatch(/once/);
  });
});
