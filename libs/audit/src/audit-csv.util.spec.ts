import { AuditRecord } from './audit-record.entity';
import { csvField, csvHeader, csvRow } from './audit-csv.util';

describe('CSV fields of an audit export', () => {
  it('leaves a plain value as it is', () => {
    expect(csvField('referral.read-person')).toBe('referral.read-person');
    expect(csvField(403)).toBe('403');
  });

  it('writes null and undefined as an empty field', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes a field with a comma, quote, CR or LF and doubles its quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
  });

  it('defuses a text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('gives every row as many fields as the header, ending in CRLF', () => {
    const record = Object.assign(new AuditRecord(), {
      id: '7',
      occurredAt: new Date('2026-01-31T09:00:00Z'),
      actorSubject: 'user-1',
      actorOrganization: null,
      actorRole: 'auditor',
      action: 'referral.consent-override',
      objectType: 'referral',
      objectId: 'r-1',
      subjectRef: 'r-1',
      outcome: 'allowed',
      httpMethod: 'POST',
      httpRoute: '/referrals',
      httpStatus: 201,
      correlationId: 'c-1',
      reason: 'authorised by Sgt. A, "urgent", risk',
      clientAddress: '2001:db8::7',
    } satisfies AuditRecord);

    const row = csvRow(record);

    expect(row.endsWith('\r\n')).toBe(true);
    expect(csvHeader().endsWith('\r\n')).toBe(true);
    expect(row).toBe(
      '7,2026-01-31T09:00:00.000Z,user-1,,auditor,referral.consent-override,referral,r-1,r-1,allowed,POST,/referrals,201,c-1,"authorised by Sgt. A, ""urgent"", risk",2001:db8::7\r\n',
    );
    expect(csvHeader().split(',')).toHaveLength(16);
  });
});
