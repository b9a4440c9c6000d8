import { randomUUID } from 'node:crypto';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import type { ResolvedConnection } from '../../sources/connections/resolved-connection';
import { Outbox, type OutboxRequest } from './outbox';
import { platformApi } from './platform-api';
import { DEFAULT_SEND_POLICY, PlatformSender, type SendCounters } from './platform-sender';
import { hash48 } from './record-hash';
import { RequestPacker } from './request-packer';

/** What retrying an import's quarantined records did. */
export interface QuarantineRetry {
  retried: number;
  sent: number;
  /** Still refused, with the platform's new reason kept. */
  stillQuarantined: number;
  requests: number;
}

/**
 * "Retry quarantined": sends the records a platform refused again, exactly as they were sent, after
 * the cause was fixed on the platform's side (an attribute's type, a permission). Records it now
 * takes leave the quarantine and join the delta; those it still refuses stay, with the new reason.
 * A record fixed in the source instead goes out with the next run (it is new to the delta).
 */
export async function retryQuarantined(options: {
  workspaceDir: string;
  nativeBinding?: string | undefined;
  connection: ResolvedConnection;
  importId: string;
  mapping: ImportMapping;
}): Promise<QuarantineRetry> {
  const outbox = new Outbox(
    options.workspaceDir,
    options.connection.id,
    options.importId,
    options.nativeBinding,
  );
  const counters: SendCounters = { requests: 0, retried: 0, waited429: 0, lastError: null };
  const api = platformApi(options.connection, options.mapping);
  const sender = new PlatformSender(api, DEFAULT_SEND_POLICY, counters);
  const runId = `retry-${randomUUID()}`;
  try {
    const items = outbox.quarantined();
    const requests: OutboxRequest[] = [];
    const packer = new RequestPacker(api, (body, records) => {
      const seq = requests.length + 1;
      requests.push({ runId, seq, requestId: `${runId}:${seq}`, body, records, sending: false });
    });
    for (const item of items) {
      const text = JSON.stringify(item.command);
      packer.add(text, Buffer.byteLength(text), {
        rowNumber: item.rowNumber,
        key: item.key,
        keyHash: hash48(item.key),
        fingerprint: item.fingerprint,
      });
    }
    packer.flush();
    let sent = 0;
    await Promise.all(
      requests.map(async (request) => {
        const results = await sender.send(request.body, request.requestId, request.records.length);
        outbox.acknowledge([{ request, results, commands: api.commands }], runId, Date.now());
        sent += results.filter((result) => result.ok).length;
      }),
    );
    outbox.memory.merge();
    return {
      retried: items.length,
      sent,
      stillQuarantined: items.length - sent,
      requests: counters.requests,
    };
  } finally {
    await sender.close();
    outbox.close();
  }
}
