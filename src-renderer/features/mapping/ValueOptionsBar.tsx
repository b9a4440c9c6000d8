import type { ImportOptions } from '../../../src-shared/model/mapping';
import { TIME_ZONE_LIST_ID } from './TimeZoneList';

/** Below the grid, as in the platforms: how ambiguous values are read (zone, decimal mark, date order). */
export function ValueOptionsBar({
  options,
  onOptions,
}: {
  options: ImportOptions;
  onOptions(change: Partial<ImportOptions>): void;
}) {
  return (
    <div className="value-options" data-testid="value-options">
      <label title="Applies to ISO 8601 datetimes without an offset; offsets in the data win">
        Time zone
        <input
          list={TIME_ZONE_LIST_ID}
          defaultValue={options.timeZone}
          key={options.timeZone}
          aria-label="Time zone"
          onBlur={(event) => {
            const zone = event.target.value.trim();
            if (zone && zone !== options.timeZone) onOptions({ timeZone: zone });
          }}
          onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
        />
      </label>
      <label>
        Decimal mark
        <select
          value={options.decimalSeparator}
          aria-label="Decimal mark"
          onChange={(event) => onOptions({ decimalSeparator: event.target.value as '.' | ',' })}
        >
          <option value=".">dot (1,234.5)</option>
          <option value=",">comma (1.234,5)</option>
        </select>
      </label>
      <label>
        Slash dates
        <select
          value={options.dateOrder ?? ''}
          aria-label="Slash dates"
          onChange={(event) =>
            onOptions({ dateOrder: (event.target.value || null) as ImportOptions['dateOrder'] })
          }
        >
          <option value="">only unambiguous</option>
          <option value="DMY">day/month/year</option>
          <option value="MDY">month/day/year</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={options.convertMilliseconds}
          onChange={(event) => onOptions({ convertMilliseconds: event.target.checked })}
        />
        13-digit timestamps are milliseconds
      </label>
      <label title="A row with a field missing or extra may have its values in the wrong columns">
        Rows with missing or extra fields
        <select
          value={options.raggedRows ?? 'reject'}
          aria-label="Rows with missing or extra fields"
          onChange={(event) => onOptions({ raggedRows: event.target.value as 'reject' | 'fit' })}
        >
          <option value="reject">reject them</option>
          <option value="fit">fit them (blanks for missing, drop extra)</option>
        </select>
      </label>
    </div>
  );
}
