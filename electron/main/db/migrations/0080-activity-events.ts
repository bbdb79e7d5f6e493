import type { Migration } from './migration'

/**
 * Marketo's bounce activities (Bulk Activity Extract files), beside the smart-list snapshots.
 *
 * Events are many (a send and a delivery per lead per email) and overlap between files (the API's
 * date filter spans at most 31 days, so users export overlapping windows), so the table is narrow
 * and keyed by the event's own identity: `id` is Marketo's `marketoGUID` when it is a number (it
 * always has been so far), otherwise minus the row of `activity_guids` that holds the text. An
 * event imported twice is then one `INSERT OR IGNORE` on the primary key.
 *
 * Texts repeat: the Details of a bounce is stored and classified once per (text, recipient
 * provider), as the classifier's answer depends on both; the email's name once per email id.
 * Leads are keyed by Marketo's lead Id, the smart list's `Id`: a lead may exist here before (or
 * without) any snapshot naming it; readers join `leads` by identity `id:<Id>`.
 */
export const activityEvents: Migration = {
  version: 80,
  name: 'activity-events',
  up(db) {
    db.exec(`
      CREATE TABLE activity_files (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        events INTEGER NOT NULL,
        new_events INTEGER NOT NULL,
        report_json TEXT NOT NULL
      ) STRICT;

      CREATE TABLE activity_leads (
        id INTEGER PRIMARY KEY,
        email TEXT,
        domain TEXT,
        -- When the email above was seen: a later event's address wins.
        email_at INTEGER
      ) STRICT;

      CREATE TABLE activity_details (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        -- providerFromDomain() of the recipient's domain, '' when none: part of the key because
        -- the classifier reads the same words differently at different providers.
        recipient_provider TEXT NOT NULL,
        -- One recipient domain the text came with, to classify it again after an app update.
        recipient_domain TEXT,
        classifier_version TEXT NOT NULL,
        verdict TEXT NOT NULL,
        reason TEXT NOT NULL,
        severity TEXT NOT NULL,
        category TEXT NOT NULL,
        hard_bounce INTEGER NOT NULL,
        reply_code INTEGER,
        status TEXT,
        provider TEXT,
        UNIQUE (text, recipient_provider)
      ) STRICT;

      CREATE TABLE activity_mailings (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL
      ) STRICT;

      CREATE TABLE activity_guids (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE activity_events (
        id INTEGER PRIMARY KEY,
        -- activity_leads(id); the import writes the lead first. Not declared as foreign keys
        -- (nor detail_id, file_id): three parent probes per row cost a third of a million-event
        -- import, for rows only the import writes.
        lead_id INTEGER NOT NULL,
        -- Unix seconds, UTC.
        at INTEGER NOT NULL,
        -- 6 Send Email, 7 Email Delivered, 8 Email Bounced, 27 Email Bounced Soft.
        type INTEGER NOT NULL,
        category INTEGER,
        subcategory INTEGER,
        detail_id INTEGER,
        mailing_id INTEGER,
        campaign_id INTEGER,
        file_id INTEGER NOT NULL
      ) STRICT;

      -- The policies and the review list read bounces only (a small share of all events), by date.
      CREATE INDEX activity_bounces ON activity_events(at, lead_id, type, category, detail_id)
        WHERE type IN (8, 27);
      -- A lead's timeline, and "delivered to later" (one probe per flagged lead).
      CREATE INDEX activity_by_lead ON activity_events(lead_id, at, type);
    `)
  },
}
