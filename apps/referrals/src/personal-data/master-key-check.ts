import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConfigError } from '@concord/platform';
import { DEVELOPMENT_MASTER_KEY, MASTER_KEYS_SETTING } from './master-keyring';
import { MasterKeyMismatch, PersonalDataBox } from './personal-data-box';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * The ids of the master keys that referrals' data keys are wrapped under, one index probe per id
 * (a skip scan of `referrals_by_key_id`), so that start-up stays quick with millions of referrals.
 */
export async function keyIdsInUse(db: Queryable): Promise<string[]> {
  const rows: { key_id: string }[] = await db.query(`
    WITH RECURSIVE ids AS (
      (SELECT key_id FROM referrals ORDER BY key_id LIMIT 1)
      UNION ALL
      SELECT (SELECT key_id FROM referrals WHERE key_id > ids.key_id ORDER BY key_id LIMIT 1)
        FROM ids WHERE ids.key_id IS NOT NULL
    )
    SELECT key_id FROM ids WHERE key_id IS NOT NULL`);
  return rows.map((row) => row.key_id);
}

/**
 * Refuses to start (a configuration error, exit 78) unless every master key that referrals are
 * sealed under is held and opens one of its data keys: a missing or wrong key is found now, not
 * at the first read of a person's details.
 */
@Injectable()
export class MasterKeyCheck implements OnModuleInit {
  private readonly logger = new Logger(MasterKeyCheck.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: PersonalDataBox,
  ) {}

  async onModuleInit(): Promise<void> {
    const problems: string[] = [];
    for (const keyId of await keyIdsInUse(this.dataSource)) {
      const [sample]: { data_key: Buffer }[] = await this.dataSource.query(
        `SELECT data_key FROM referrals WHERE key_id = $1 LIMIT 1`,
        [keyId],
      );
      try {
        this.box.dataKeyOf({ keyId, dataKey: sample.data_key });
      } catch (error) {
        if (!(error instanceof MasterKeyMismatch)) throw error;
        problems.push(`${MASTER_KEYS_SETTING}: ${error.message}`);
      }
    }
    if (problems.length > 0) throw new ConfigError(problems);
    if (this.box.newestKeyId === DEVELOPMENT_MASTER_KEY.id) {
      this.logger.warn(
        `${MASTER_KEYS_SETTING} is not set: personal data is sealed with the development key, which is in the source code. Set it (docs/security.md, "Personal data at rest") before real data goes in; npm run referrals:rotate-key then re-wraps what is there.`,
      );
    }
  }
}
