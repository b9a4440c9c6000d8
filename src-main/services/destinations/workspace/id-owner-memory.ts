/** What owner() answers for an ID the memory does not hold: ask the database. */
export const UNKNOWN = -1;
/** What owner() answers for an ID the memory knows to be nobody's. */
export const NOBODY = -2;

/** Limits of the memory; tests shrink them to make it forget often. */
export interface IdOwnerMemoryLimits {
  /** Slots of the hash table (a power of two); 0 turns the memory off. */
  slots: number;
  /** Bytes of records held before the memory is first full. */
  firstBytes: number;
  /** Most bytes of records (below 2^24: a slot keeps the offset in 24 bits). */
  maxBytes: number;
}

/**
 * 2^20 slots (4 MB) and up to 16 MiB of records hold 700,000 IDs of 20 characters: the realistic
 * file's 400,000 (issue 18) fit. The records start at 2 MiB and double only while the IDs recur
 * (see makeRoom): a file whose every ID is new (the 200 MB bench file's 1,000,000 emails) would
 * otherwise fill all 20 MB for nothing, and its run's peak RSS went over the 300 MB target.
 */
export const DEFAULT_LIMITS: IdOwnerMemoryLimits = {
  slots: 1 << 20,
  firstBytes: 1 << 21,
  maxBytes: (1 << 24) - 1,
};

/**
 * For a reader that forgets at every batch (the identity preview, 5,000 rows a batch): forgetting
 * zeroes the table, which at the default 4 MB would be done 200 times per 1,000,000 rows; 2^15
 * slots (128 KB) hold a batch's 22,000 IDs, and a batch with more forgets within itself (slower,
 * never wrong).
 */
export const PER_BATCH_LIMITS: IdOwnerMemoryLimits = {
  slots: 1 << 15,
  firstBytes: 1 << 20,
  maxBytes: 1 << 20,
};

/** Share of slots that may be taken: linear probing stays short below it. */
const MAX_LOAD = 0.7;
/** The records may double when at least this share of the batches' IDs was found remembered. */
const RECURRING = 1 / 16;
/** Longer values are not remembered (the record keeps the length in a byte). */
const MAX_CHARS = 255;
/** Types beyond this many are not remembered (the record keeps the type in 7 bits). */
const MAX_TYPES = 127;
const WIDE = 0x80;
/** A record: owner + 1 (4 bytes, 0 = nobody), type (7 bits) with the wide flag, length, chars. */
const HEADER = 6;
const OFFSET_BITS = 24;
const OFFSET_MASK = (1 << OFFSET_BITS) - 1;

/**
 * Who owns each customer ID a run has met, remembered for the whole run so a customer's later
 * rows find their IDs without a lookup in `customer_ids` (issue 18: 2,000,000 lookups of 400,000
 * IDs, a random page each, were 8.6 s of the writing thread). The resolver tells it every link,
 * move and drop it makes, and nothing else writes `customer_ids` during a run, so what it holds
 * stays true; a run that fails rolls back and its memory goes with it. When the run started with
 * no IDs stored at all, the memory is *complete* until it first forgets: an ID it does not hold is
 * nobody's, and the run's first import asks the database nothing.
 *
 * A JavaScript Map of the same IDs put the run 30 MB over its RSS target, so the IDs live in typed
 * arrays: records of owner, type and the value's characters (one byte each when all are Latin-1,
 * two otherwise) in one byte store, and an open-addressing table whose slot keeps a record's
 * offset and 8 bits of the hash. A value is matched by comparing its characters, so a hash
 * collision costs a comparison, never a wrong owner. Full at its limits, it forgets everything (a
 * forgotten owner is looked up again: slower, never wrong).
 */
export class IdOwnerMemory {
  private slots = new Uint32Array(0);
  private bytes = new Uint8Array(0);
  private used = 0;
  private count = 0;
  private budget: number;
  private complete = false;
  /** Lookups (see lookup) since the memory last grew or forgot, and how many found an owner. */
  private lookups = 0;
  private found = 0;
  private losses = 0;
  private readonly typeIndex = new Map<string, number>();

  constructor(private readonly limits: IdOwnerMemoryLimits = DEFAULT_LIMITS) {
    const { slots, firstBytes, maxBytes } = limits;
    if ((slots & (slots - 1)) !== 0 || maxBytes > OFFSET_MASK || firstBytes > maxBytes) {
      throw new RangeError(`IdOwnerMemory limits out of range: ${JSON.stringify(limits)}.`);
    }
    this.budget = firstBytes;
  }

  /**
   * Declares that no ID is stored yet (the run starts with `customer_ids` empty): until the memory
   * forgets something, an ID it does not hold is nobody's.
   */
  startComplete(): void {
    this.complete = this.limits.slots > 0 && this.count === 0;
  }

  /**
   * Takes every stored ID in (`stored`: type, value, owner), at the whole budget, and declares the
   * memory complete; returns false, holding nothing, when they do not all fit (or the memory is
   * off). A caller without the whole table must not call it.
   */
  holdAll(stored: Iterable<[idType: string, value: string, owner: number]>): boolean {
    if (this.limits.slots === 0 || this.count > 0) return false;
    this.budget = this.limits.maxBytes;
    const lost = this.losses;
    for (const [idType, value, owner] of stored) {
      this.remember(idType, value, owner);
      if (this.losses !== lost) break;
    }
    if (this.losses !== lost) {
      this.forget();
      return false;
    }
    this.complete = true;
    return true;
  }

  /** Whether an ID the memory does not hold is nobody's (see startComplete). */
  get isComplete(): boolean {
    return this.complete;
  }

  /** The ID's owner (a customer ID), NOBODY, or UNKNOWN: ask the database. */
  owner(idType: string, value: string): number {
    const type = this.typeIndex.get(idType);
    const at = type === undefined ? -1 : this.find(hashOf(type, value), type, value);
    if (at < 0) return this.complete ? NOBODY : UNKNOWN;
    const stored = readUint32(this.bytes, (this.slots[at]! & OFFSET_MASK) - 1);
    return stored === 0 ? NOBODY : stored - 1;
  }

  /**
   * owner(), counted: a batch's first look at each of its IDs goes through here (every look, while
   * the memory is complete), so the share found tells whether the file's IDs recur (see makeRoom).
   */
  lookup(idType: string, value: string): number {
    const owner = this.owner(idType, value);
    this.lookups++;
    if (owner >= 0) this.found++;
    return owner;
  }

  /** Remembers the ID's owner (undefined: nobody's), when it fits the memory's limits. */
  remember(idType: string, value: string, owner: number | undefined): void {
    if (this.limits.slots === 0) {
      this.losses++;
      return;
    }
    const type = this.typeOf(idType);
    const fits = owner === undefined || (Number.isInteger(owner) && owner >= 0 && owner < 0xffffffff);
    if (type === undefined || value.length > MAX_CHARS || !fits) {
      // Not remembered; nor may an older answer for it stay.
      this.forget();
      return;
    }
    const stored = owner === undefined ? 0 : owner + 1;
    const hash = hashOf(type, value);
    const at = this.find(hash, type, value);
    if (at >= 0) writeUint32(this.bytes, (this.slots[at]! & OFFSET_MASK) - 1, stored);
    else if (this.makeRoom(value)) this.insert(hash, type, value, stored);
  }

  /** The number of IDs remembered. */
  get size(): number {
    return this.count;
  }

  /**
   * How many times the memory has lost answers given to it (forgotten, or never kept). A caller
   * that reads the same count before and after knows every answer given in between is held.
   */
  get lost(): number {
    return this.losses;
  }

  /**
   * Forgets everything, and is no longer complete. For an ID it cannot hold, which may have an
   * older answer remembered (linear probing has no cheap delete; rare: only values over 255
   * characters, more than 127 ID types or an owner past 2^32 - 2), and for a change the caller
   * cannot name exactly.
   */
  forget(): void {
    this.losses++;
    this.complete = false;
    if (this.count > 0) this.clear();
  }

  private typeOf(idType: string): number | undefined {
    let type = this.typeIndex.get(idType);
    if (type === undefined && this.typeIndex.size < MAX_TYPES) {
      type = this.typeIndex.size;
      this.typeIndex.set(idType, type);
    }
    return type;
  }

  /** The slot holding the ID, or -1. */
  private find(hash: number, type: number, value: string): number {
    const { slots, bytes } = this;
    if (this.count === 0) return -1;
    const mask = slots.length - 1;
    const tag = hash >>> OFFSET_BITS;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = slots[at]!;
      if (slot === 0) return -1;
      if (slot >>> OFFSET_BITS === tag && matches(bytes, (slot & OFFSET_MASK) - 1, type, value)) return at;
    }
  }

  /**
   * Room for one more record. When the records fill their budget, it doubles if the IDs recur (at
   * least RECURRING of the lookups since it last grew found their owner here), else the memory
   * forgets everything and starts again. Both arrays are allocated whole at the first record: the
   * system commits their pages only as they are written (measured: 80 MiB of them cost 0.4 MB of
   * RSS), so a budget grows without a copy.
   */
  private makeRoom(value: string): boolean {
    const { slots, maxBytes } = this.limits;
    const need = HEADER + value.length * 2;
    if (need > maxBytes || slots * MAX_LOAD < 1) {
      this.forget();
      return false;
    }
    if (this.slots.length === 0) {
      this.slots = new Uint32Array(slots);
      this.bytes = new Uint8Array(maxBytes);
    }
    if (this.used + need > this.budget) {
      const recurring = this.lookups > 0 && this.found >= this.lookups * RECURRING;
      if (recurring) this.budget = Math.min(this.budget * 2, maxBytes);
      // Still no room (at the limit, or a record larger than what doubling added): start again.
      // used + need <= maxBytes then, since need <= maxBytes and used is 0.
      if (this.used + need > this.budget) this.forget();
      this.lookups = this.found = 0;
    }
    if (this.count + 1 > slots * MAX_LOAD) this.forget();
    return true;
  }

  private clear(): void {
    this.slots.fill(0);
    this.used = 0;
    this.count = 0;
  }

  private insert(hash: number, type: number, value: string, stored: number): void {
    const { bytes } = this;
    const record = this.used;
    let wide = false;
    for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0xff) wide = true;
    writeUint32(bytes, record, stored);
    bytes[record + 4] = type | (wide ? WIDE : 0);
    bytes[record + 5] = value.length;
    let at = record + HEADER;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (wide) {
        bytes[at++] = code >>> 8;
        bytes[at++] = code & 0xff;
      } else bytes[at++] = code;
    }
    this.used = at;
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    // A Uint32Array stores the int32 of the shift modulo 2^32: the tag lands in the top 8 bits.
    this.slots[slot] = ((hash >>> OFFSET_BITS) << OFFSET_BITS) | (record + 1);
    this.count++;
  }
}

/** Whether the record at `record` is the ID (type, value). */
function matches(bytes: Uint8Array, record: number, type: number, value: string): boolean {
  const flags = bytes[record + 4]!;
  if ((flags & ~WIDE) !== type || bytes[record + 5] !== value.length) return false;
  let at = record + HEADER;
  if (flags & WIDE) {
    for (let i = 0; i < value.length; i++, at += 2)
      if (((bytes[at]! << 8) | bytes[at + 1]!) !== value.charCodeAt(i)) return false;
  } else {
    for (let i = 0; i < value.length; i++, at++) if (bytes[at] !== value.charCodeAt(i)) return false;
  }
  return true;
}

/** FNV-1a over the type and the UTF-16 code units, then murmur3's finalizer to spread the bits. */
function hashOf(type: number, value: string): number {
  let hash = Math.imul(0x811c9dc5 ^ type, 0x01000193);
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return finalize(hash);
}

function finalize(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = value >>> 24;
}
