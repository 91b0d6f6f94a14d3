import { DataSource } from 'typeorm';
import { keyIdsInUse } from './master-key-check';
import { masterKeyring, MASTER_KEYS_SETTING } from './master-keyring';
import { MasterKeyMismatch, PersonalDataBox } from './personal-data-box';

const EX_CONFIG = 78;
const BATCH = 1_000;

/**
 * `npm run referrals:rotate-key`: re-wraps every referral's data key under the newest master key
 * in REFERRALS_MASTER_KEYS, so that the older keys can then be removed from the setting
 * (docs/security.md, "Personal data at rest"). The sealed values themselves do not change. Safe
 * while the service runs, if it holds both keys. Returns the exit code.
 */
export async function rotateKeyCommand(env: NodeJS.ProcessEnv): Promise<number> {
  const keyring = masterKeyring(env[MASTER_KEYS_SETTING], env.NODE_ENV === 'production');
  if (!keyring) {
    console.error(
      `referrals-rotate-key: ${MASTER_KEYS_SETTING} must be <new id>:<key>,<old id>:<key>... (newest first; openssl rand -base64 32)`,
    );
    return EX_CONFIG;
  }
  const box = new PersonalDataBox(keyring);
  const dataSource = await new DataSource({
    type: 'postgres',
    url:
      env.DATABASE_URL ||
      `postgres://${env.PGUSER || 'postgres'}@${env.PGHOST || '127.0.0.1'}:${env.PGPORT || '5432'}/concord_referrals`,
    extra: { max: 2 },
  }).initialize();
  try {
    const before = await keyIdsInUse(dataSource);
    let rewrapped = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const done = await dataSource.transaction(async (manager) => {
        const rows: { id: string; key_id: string; data_key: Buffer }[] = await manager.query(
          `SELECT id, key_id, data_key FROM referrals
            WHERE key_id <> $1 AND id > $2 ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
          [box.newestKeyId, after],
        );
        if (rows.length === 0) return true;
        const wrapped = rows.map((row) => box.rewrap({ keyId: row.key_id, dataKey: row.data_key }));
        await manager.query(
          `UPDATE referrals r SET key_id = v.key_id, data_key = v.data_key
             FROM unnest($1::uuid[], $2::text[], $3::bytea[]) AS v(id, key_id, data_key)
            WHERE r.id = v.id`,
          [
            rows.map((row) => row.id),
            wrapped.map((key) => key.keyId),
            wrapped.map((key) => key.dataKey),
          ],
        );
        rewrapped += rows.length;
        after = rows[rows.length - 1].id;
        return false;
      });
      if (done) break;
    }
    const older = before.filter((id) => id !== box.newestKeyId);
    process.stdout.write(
      `re-wrapped ${rewrapped} data keys under ${box.newestKeyId}` +
        (older.length > 0
          ? `; nothing is sealed under ${older.join(', ')} any more: remove it from ${MASTER_KEYS_SETTING}`
          : '') +
        '\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof MasterKeyMismatch) {
      console.error(`referrals-rotate-key: ${error.message}`);
      return EX_CONFIG;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}
