import type { EventItem } from '../../../src-shared/model/browse';
import { AttributeList } from './AttributeList';
import { Timestamp } from './Timestamp';

/** One event on a customer's timeline: type, time and attributes on a line. */
export function TimelineEvent({ event }: { event: EventItem }) {
  return (
    <li className="browse-timeline__event" data-testid="timeline-event">
      <div className="browse-timeline__head">
        <span className="browse-timeline__type">{event.eventType}</span>
        <Timestamp value={event.timestamp} />
      </div>
      <AttributeList attributes={event.attributes} types={event.attributeTypes} />
    </li>
  );
}
