import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { asyncApiDocument } from './asyncapi-document';

const SEVERITY = ['error', 'warning', 'information', 'hint'] as const;

const parsed = new Parser().parse(asyncApiDocument());

describe('the AsyncAPI document, read by @asyncapi/parser', () => {
  it('parses as AsyncAPI 3.0 with no error and no warning', async () => {
    const { document, diagnostics } = await parsed;
    const findings = diagnostics.map((diagnostic) => `${SEVERITY[diagnostic.severity]} ${diagnostic.code}: ${diagnostic.message} at ${diagnostic.path.join('.')}`);

    expect(document?.version()).toBe('3.0.0');
    expect(findings.filter((finding) => finding.startsWith('error') || finding.startsWith('warning'))).toEqual([]);
    // The one remark: 3.1.0 exists; this document is 3.0 on purpose.
    expect(findings).toEqual(['information asyncapi-latest-version: The latest version of AsyncAPi is not used. It is recommended update to the "3.1.0" version. at asyncapi']);
  });

  it('resolves every operation to its channel and messages, and the event routes to their answers', async () => {
    const { document } = await parsed;

    for (const operation of document!.operations()) {
      expect(operation.channels().length, operation.id()).toBe(1);
      expect(operation.messages().length, operation.id()).toBeGreaterThan(0);
    }
    expect(document!.operations().get('task.receive.events')?.reply()?.messages().all().map((message) => message.id())).toContain('EventsAnswer.dropped');
    expect(document!.operations().get('task.receive.dapr-events')?.reply()?.messages().all().map((message) => message.id())).toContain('DaprEventsAnswer.status');
  });
});
