import type { Migration } from './migration'

/**
 * Two figures the policy preview read from a million events each time, kept by the import instead:
 *
 * - `activity_leads.last_delivered_at`: the lead's latest Email Delivered. "Delivered to later"
 *   was one probe of the lead's events per flagged lead; it is now a comparison of two columns.
 * - `activity_files.last_at`: the latest event (kept types) a file brought. The default "as of"
 *   day is the latest event's; `max(at)` over the events has no index to use (the bounce index is
 *   partial) and read the whole table. Events are never deleted and every stored event came with
 *   some file, so the maximum over files is the maximum over events.
 *
 * Both are filled here from what is stored, so an older database answers the same as before.
 */
export const activityAggregates: Migration = {
  version: 91,
  name: 'activity-aggregates',
  up(db) {
    db.exec(`
      ALTER TABLE activity_leads ADD COLUMN last_delivered_at INTEGER;
      ALTER TABLE activity_files ADD COLUMN last_at INTEGER;
      UPDATE activity_leads SET last_delivered_at = (
        SELECT max(at) FROM activity_events WHERE lead_id = activity_leads.id AND type = 7
      );
      UPDATE activity_files SET last_at = (SELECT max(at) FROM activity_events WHERE file_id = activity_files.id);
    `)
  },
}
