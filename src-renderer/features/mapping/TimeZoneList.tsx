import { useMemo } from 'react';
import { timeZoneNames } from './time-zones';

/** The id of the one list of time zones every zone input of the mapping step uses. */
export const TIME_ZONE_LIST_ID = 'intake-time-zones';

/** Rendered once per mapping step, not once per column: there are ~400 zones. */
export function TimeZoneList() {
  const zones = useMemo(() => timeZoneNames(), []);
  return (
    <datalist id={TIME_ZONE_LIST_ID}>
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
