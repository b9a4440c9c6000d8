import { useState } from 'react';
import { dateOrderOffer } from '../../../src-shared/cleanup/fix-all';
import type { ImportMapping } from '../../../src-shared/model/mapping';

interface Props {
  mapping: ImportMapping;
  /** The first rows of the file, as the preview read them (the evidence). */
  sampleRows: readonly (readonly string[])[];
  /** Sets import-wide options (here the date order). */
  onOptions(change: Partial<ImportMapping['options']>): void;
}

const ORDER_WORDS = { DMY: 'day/month/year', MDY: 'month/day/year' } as const;

/**
 * The fix-all offer for slash dates: when the date columns' values read only one way
 * ("25/12/2026" only as day/month/year) and the import reads dates otherwise, one click sets the
 * import's date order. Offered, never applied silently; asked once per file: "no" keeps it
 * dismissed while this draft is open.
 */
export function DateOrderOffer({ mapping, sampleRows, onOptions }: Props) {
  const [declined, setDeclined] = useState(false);
  const offer = declined ? null : dateOrderOffer(mapping, sampleRows);
  if (!offer) return null;
  const words = ORDER_WORDS[offer.order];
  return (
    <span className="cleanup-bar__offer-group" data-testid="date-order-offer">
      <button
        type="button"
        className="cleanup-bar__offer"
        onClick={() => onOptions({ dateOrder: offer.order })}
        title={`Every slash date of these columns that reads only one way reads as ${words}`}
      >
        {offer.columns.join(', ')} {offer.columns.length === 1 ? 'reads' : 'read'} only as {words} (
        {offer.example}): read dates as {words}
      </button>
      <button type="button" className="link" aria-label={`Not ${words}`} onClick={() => setDeclined(true)}>
        no
      </button>
    </span>
  );
}
