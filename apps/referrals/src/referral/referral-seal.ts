import { Injectable } from '@nestjs/common';
import { PersonalDataBox, SealedDataKey } from '../personal-data/personal-data-box';
import { CaseNotes, OpenReferral, Referral, ReferralDetails } from './referral.entity';

const NO_NOTES: CaseNotes = { outcomeNote: null, cancelReason: null };

/**
 * What of a referral is sealed with its data key, and how it opens: the details at intake, the
 * notes as the case goes, a partner's decline note and the stored answer for replays.
 */
@Injectable()
export class ReferralSeal {
  constructor(private readonly box: PersonalDataBox) {}

  /** A new referral's data key and its sealed details, to store with it. */
  sealNew(details: ReferralDetails): Pick<Referral, 'keyId' | 'dataKey' | 'details' | 'notes'> {
    const key = this.box.newDataKey();
    return { ...key, details: this.box.seal(key, 'details', details), notes: null };
  }

  open(referral: Referral): OpenReferral {
    return Object.assign(
      referral,
      this.box.open<ReferralDetails>(referral, 'details', referral.details),
      this.notesOf(referral),
    );
  }

  /** The referral's notes with `change` applied, sealed, for its `notes` column. */
  sealNotes(referral: SealedDataKey & Pick<Referral, 'notes'>, change: Partial<CaseNotes>): Buffer {
    return this.box.seal(referral, 'notes', { ...this.notesOf(referral), ...change });
  }

  sealDeclineNote(referral: SealedDataKey, note: string): Buffer {
    return this.box.seal(referral, 'decline-note', note);
  }

  sealReplay(referral: SealedDataKey, body: object): Buffer {
    return this.box.seal(referral, 'replay', body);
  }

  openReplay<T>(referral: SealedDataKey, sealed: Buffer): T {
    return this.box.open<T>(referral, 'replay', sealed);
  }

  private notesOf(referral: SealedDataKey & Pick<Referral, 'notes'>): CaseNotes {
    return referral.notes ? this.box.open<CaseNotes>(referral, 'notes', referral.notes) : NO_NOTES;
  }
}
