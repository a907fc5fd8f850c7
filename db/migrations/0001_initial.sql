-- 0001: agencies, catalogues, reports, entries, history; signed-off reports locked by triggers.

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    superior TEXT NOT NULL DEFAULT '',   -- the line above the agency in the heading: UBND TỈNH …
    place TEXT NOT NULL DEFAULT ''       -- the place in the date line: Sóc Trăng, ngày …
);

-- Every catalogue a report was made on, by digest, so a report always opens with its own list.
CREATE TABLE catalogues (
    digest TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('builtin', 'imported')),
    installed_at TEXT NOT NULL
);
CREATE INDEX catalogues_id ON catalogues(id, installed_at);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    catalogue_id TEXT NOT NULL,
    catalogue_digest TEXT NOT NULL REFERENCES catalogues(digest),
    agency TEXT NOT NULL,
    superior TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    period TEXT NOT NULL,
    report_no TEXT NOT NULL DEFAULT '',
    report_date TEXT,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    signer TEXT,
    signer_title TEXT,
    signed_date TEXT,
    fingerprint TEXT,
    filled INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX reports_period ON reports(period, agency);
CREATE INDEX reports_agency ON reports(agency, period);

CREATE TABLE entries (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    value TEXT,            -- canonical text: 46104, 33.33, a choice code, or the text typed
    pending TEXT,          -- what the clerk typed that could not be accepted (kept, marked)
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (report_id, code)
) WITHOUT ROWID;

CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    code TEXT,
    field TEXT NOT NULL,   -- value | note | status | meta
    old TEXT,
    new TEXT,
    at TEXT NOT NULL
);
CREATE INDEX history_report ON history(report_id, id);

-- A signed-off report is read-only in the database itself, whoever writes to it.
CREATE TRIGGER entries_locked_insert BEFORE INSERT ON entries
WHEN (SELECT status FROM reports WHERE id = NEW.report_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'report is signed off'); END;

CREATE TRIGGER entries_locked_update BEFORE UPDATE ON entries
WHEN (SELECT status FROM reports WHERE id = OLD.report_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'report is signed off'); END;

CREATE TRIGGER entries_locked_delete BEFORE DELETE ON entries
WHEN (SELECT status FROM reports WHERE id = OLD.report_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'report is signed off'); END;

CREATE TRIGGER reports_locked_update BEFORE UPDATE ON reports
WHEN OLD.status = 'signed' AND NEW.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'report is signed off'); END;

CREATE TRIGGER reports_locked_delete BEFORE DELETE ON reports
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'report is signed off'); END;
