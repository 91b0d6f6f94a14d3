import { csvField, toCsv } from './csv';

describe('CSV fields', () => {
  it('plain text and integers are written as they are', () => {
    expect(csvField('US DOJ COPS Office')).toBe('US DOJ COPS Office');
    expect(csvField(1234567)).toBe('1234567');
    expect(csvField(null)).toBe('');
  });

  it('commas, quotes and line breaks are quoted, with quotes doubled', () => {
    expect(csvField('Smith, Jones & Co')).toBe('"Smith, Jones & Co"');
    expect(csvField('the "Hope" fund')).toBe('"the ""Hope"" fund"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('text a spreadsheet would run as a formula gets a leading apostrophe', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('rows end in CRLF, the last one too', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, null],
      ]),
    ).toBe('a,b\r\n1,\r\n');
  });
});
