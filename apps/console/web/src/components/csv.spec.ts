/// <reference types="jest" />
import { csvField, toCsv } from './csv';
import type { Column } from './sortable-table';

describe('the CSV export of a list', () => {
  it('quotes a field holding a comma, a quote or a line break (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses a text a spreadsheet would run as a formula, but not a negative number', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(-5)).toBe('-5');
  });

  it('writes a header and one CRLF line per row, from the text or else the sort value of each column', () => {
    type Row = { name: string; count: number };
    const columns: Column<Row, 'name' | 'count' | 'shown'>[] = [
      { key: 'name', header: 'Name', cell: (row) => row.name, sortValue: (row) => row.name },
      { key: 'count', header: 'Count', cell: (row) => row.count, text: (row) => row.count * 2 },
      { key: 'shown', header: 'Only shown', cell: () => 'button' },
    ];
    expect(toCsv(columns, [{ name: 'Alpha, Inc', count: 2 }])).toBe(
      'Name,Count\r\n"Alpha, Inc",4\r\n',
    );
  });
});
