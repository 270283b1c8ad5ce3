import type { Sql } from '#shared/db/connect';
import { readChainHead, readChainPage } from './audit-store';
import { type ChainVerdict, chainVerifier } from './verify-chain';

const PAGE = 1_000;

/** Recomputes the user's whole chain from one consistent snapshot, a page of records at a time. */
export async function verifyUserChain(sql: Sql, schema: string, userId: string): Promise<ChainVerdict> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const verifier = chainVerifier(await readChainHead(tx, schema, userId));
    for (let after = 0; ; ) {
      const page = await readChainPage(tx, schema, userId, after, PAGE);
      for (const record of page) if (verifier.add(record)) return verifier.finish();
      if (page.length < PAGE) return verifier.finish();
      after = page.at(-1)!.sequence;
    }
  });
}
