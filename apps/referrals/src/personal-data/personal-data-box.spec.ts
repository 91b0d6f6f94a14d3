import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_MASTER_KEY, masterKeyring, parseMasterKeys } from './master-keyring';
import { MasterKeyMismatch, PersonalDataBox } from './personal-data-box';

const key = (id: string) => ({ id, key: randomBytes(32) });
const setting = (...ids: string[]) =>
  ids.map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',');
const DETAILS = {
  person: { name: 'Jordan Reyes', phone: '+1 312 555 0199' },
  narrative: 'In distress.',
};

describe('envelope encryption of personal data', () => {
  const old = key('2026-01');
  const box = new PersonalDataBox([old]);

  it('seals a value so that its bytes do not hold it, and opens it back', () => {
    const owner = box.newDataKey();
    const sealed = box.seal(owner, 'details', DETAILS);

    expect(sealed.toString('latin1')).not.toContain('Jordan');
    expect(box.open(owner, 'details', sealed)).toEqual(DETAILS);
  });

  it("gives every referral its own data key: one referral's key does not open another's values", () => {
    const first = box.newDataKey();
    const second = box.newDataKey();

    expect(() => box.open(second, 'details', box.seal(first, 'details', DETAILS))).toThrow();
  });

  it('does not open a value sealed for another purpose (notes in place of details)', () => {
    const owner = box.newDataKey();

    expect(() => box.open(owner, 'details', box.seal(owner, 'notes', DETAILS))).toThrow();
  });

  it('does not open a value once a byte of it is altered', () => {
    const owner = box.newDataKey();
    const sealed = box.seal(owner, 'details', DETAILS);
    sealed[sealed.length - 1] ^= 1;

    expect(() => box.open(owner, 'details', sealed)).toThrow();
  });

  it('opens, after a rotation, with the new master key alone, values sealed before it', () => {
    const owner = box.newDataKey();
    const sealed = box.seal(owner, 'details', DETAILS);
    const newer = key('2026-07');

    const rewrapped = new PersonalDataBox([newer, old]).rewrap(owner);

    expect(rewrapped.keyId).toBe('2026-07');
    expect(new PersonalDataBox([newer]).open(rewrapped, 'details', sealed)).toEqual(DETAILS);
  });

  it('names the master key it does not hold', () => {
    const owner = box.newDataKey();

    expect(() => new PersonalDataBox([key('2027-01')]).dataKeyOf(owner)).toThrow(
      new MasterKeyMismatch(
        'personal data is sealed under master key "2026-01", which is not in REFERRALS_MASTER_KEYS (it holds "2027-01")',
      ),
    );
  });

  it('says that a master key given under the right id is the wrong key', () => {
    const owner = box.newDataKey();

    expect(() => new PersonalDataBox([key('2026-01')]).dataKeyOf(owner)).toThrow(
      /"2026-01" in REFERRALS_MASTER_KEYS does not open the data keys stored under that id/,
    );
  });
});

describe('REFERRALS_MASTER_KEYS', () => {
  it('lists keys newest first, each <id>:<32 bytes in base64>', () => {
    const parsed = parseMasterKeys(setting('2026-07', '2026-01'));

    expect(parsed.ok && parsed.keys.map((entry) => [entry.id, entry.key.length])).toEqual([
      ['2026-07', 32],
      ['2026-01', 32],
    ]);
  });

  it.each([
    ['a key of 16 bytes', `k1:${randomBytes(16).toString('base64')}`, 'must be 32 bytes in base64'],
    ['no id', randomBytes(32).toString('base64'), 'each entry must be <id>:<key>'],
    ['an id given twice', setting('k1', 'k1'), 'the id "k1" is given twice'],
    ['the development id', setting('development'), 'reserved for the development key'],
  ])('refuses %s', (_what, value, problem) => {
    const parsed = parseMasterKeys(value);

    expect(parsed.ok ? 'accepted' : parsed.problem).toContain(problem);
  });

  it('outside production, adds the development key after the given ones (it opens what it sealed)', () => {
    expect(masterKeyring(setting('k1'), false)?.map((entry) => entry.id)).toEqual([
      'k1',
      DEVELOPMENT_MASTER_KEY.id,
    ]);
    expect(masterKeyring(undefined, false)?.map((entry) => entry.id)).toEqual(['development']);
  });

  it('in production, holds only the given keys, and none without the setting', () => {
    expect(masterKeyring(setting('k1'), true)?.map((entry) => entry.id)).toEqual(['k1']);
    expect(masterKeyring(undefined, true)).toBeUndefined();
  });
});
