// The event feed's vocabulary: event types, the CloudEvents 1.0 JSON shape and the cursor format.

/** Every event type Nabij publishes, without the `be.nabij.` prefix. */
export const EVENT_TYPES = [
  'request.registered',
  'request.withdrawn',
  'request.closed',
  'request.changed',
  'offer.made',
  'offer.accepted',
  'offer.declined',
  'offer.expired',
  'offer.withdrawn',
  'placement.confirmed',
  'placement.changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const TYPE_PREFIX = 'be.nabij.';

export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  /** Extension attribute: the feed position, so a consumer can store it as its cursor. */
  nabijposition: string;
  data: Record<string, unknown>;
}

export interface EventRow {
  position: number | string;
  id: string;
  type: string;
  source: string;
  subject: string;
  time: Date;
  data: Record<string, unknown>;
}

export function toCloudEvent(r: EventRow): CloudEvent {
  return {
    specversion: '1.0',
    id: r.id,
    source: r.source,
    type: TYPE_PREFIX + r.type,
    subject: r.subject,
    time: r.time.toISOString(),
    datacontenttype: 'application/json',
    nabijposition: String(r.position),
    data: r.data,
  };
}

/** A cursor is the last position read, as a decimal string; '0' is the start of the feed. Clients treat it as opaque. */
export function parseCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^[0-9]{1,15}$/.test(cursor)) return null;
  return Number(cursor);
}
