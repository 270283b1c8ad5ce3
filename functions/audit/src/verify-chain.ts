import { type AuditRecord, type ChainHead, EMPTY_CHAIN, linkHash } from './audit-record';

/** The first link of a chain that does not hold. `eventId` is null when the record there is missing. */
export interface ChainBreak {
  sequence: number;
  eventId: string | null;
  reason: string;
}

export type ChainVerdict = { ok: true; records: number } | { ok: false; brokenAt: ChainBreak };

/**
 * Checks one user's records in sequence order, a page at a time, against the stored chain head
 * (null when none is stored): each record must have the next sequence, point at the previous link's
 * hash, hash to what it stores, and the chain must end exactly at the head — which catches records
 * removed from the end. Each link is checked against the recomputed hash of the one before, so an
 * edited record is reported itself, and an edited record whose hash was recomputed too is reported
 * by its successor (or by the head, when it is the last).
 */
export function chainVerifier(head: ChainHead | null) {
  const end = head ?? EMPTY_CHAIN;
  let expected = 1;
  let previousHash = EMPTY_CHAIN.hash;
  let broken: ChainBreak | null = null;

  function check(record: AuditRecord): ChainBreak | null {
    const at = { sequence: record.sequence, eventId: record.eventId };
    if (record.sequence > expected) {
      return { sequence: expected, eventId: null, reason: `record ${expected} is missing (the next one stored is ${record.sequence})` };
    }
    if (record.sequence < expected) return { ...at, reason: `sequence ${record.sequence} is out of order (expected ${expected})` };
    if (record.prevHash !== previousHash) return { ...at, reason: `prevHash does not match the hash of record ${expected - 1}` };
    const hash = linkHash(previousHash, record);
    if (hash !== record.hash) return { ...at, reason: 'the content does not match its hash (the record was changed)' };
    if (record.sequence > end.sequence) return { ...at, reason: `the record lies beyond the chain head (sequence ${end.sequence})` };
    if (record.sequence === end.sequence && hash !== end.hash) return { ...at, reason: 'the chain head does not hold this record\'s hash' };
    expected += 1;
    previousHash = hash;
    return null;
  }

  return {
    /** Checks the next record; returns the first break, once one was found. */
    add(record: AuditRecord): ChainBreak | null {
      broken ??= check(record);
      return broken;
    },
    /** The verdict once every record was added. */
    finish(): ChainVerdict {
      if (broken) return { ok: false, brokenAt: broken };
      const records = expected - 1;
      if (end.sequence > records) {
        return { ok: false, brokenAt: { sequence: records + 1, eventId: null, reason: `records ${records + 1} to ${end.sequence} are missing (the chain head is at ${end.sequence})` } };
      }
      return { ok: true, records };
    },
  };
}

/** Verifies a whole chain held in memory. */
export function verifyChain(records: Iterable<AuditRecord>, head: ChainHead | null): ChainVerdict {
  const verifier = chainVerifier(head);
  for (const record of records) if (verifier.add(record)) break;
  return verifier.finish();
}
