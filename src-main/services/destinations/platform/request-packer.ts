import type { OutboxRecord } from './outbox';
import type { PlatformApi } from './platform-api';

/** Room for the envelope and separators of a request body. */
const ENVELOPE_BYTES = 64;

/**
 * Packs records' JSON texts into request bodies within an API's limits (records per request, bytes
 * per request), handing each full body on as it closes.
 */
export class RequestPacker {
  private texts: string[] = [];
  private records: OutboxRecord[] = [];
  private bytes = 0;

  constructor(
    private readonly api: PlatformApi,
    private readonly onRequest: (body: string, records: OutboxRecord[]) => void,
  ) {}

  /** Adds one record's JSON text (`size` its bytes), closing the request first when it is full. */
  add(text: string, size: number, record: OutboxRecord): void {
    const { maxRecords, maxBytes } = this.api;
    if (
      this.records.length >= maxRecords ||
      this.bytes + size + this.records.length + ENVELOPE_BYTES > maxBytes
    ) {
      this.flush();
    }
    this.texts.push(text);
    this.records.push(record);
    this.bytes += size;
  }

  /** Closes the request being packed, if it holds anything. */
  flush(): void {
    if (this.records.length === 0) return;
    const body = this.api.envelope(this.texts);
    const records = this.records;
    this.texts = [];
    this.records = [];
    this.bytes = 0;
    this.onRequest(body, records);
  }
}
