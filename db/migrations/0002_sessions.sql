-- 0002: who has a report open for editing (cchc_desktop.sessions), so a second window or a
-- second PC on a shared folder is told the report is open elsewhere instead of racing it.

CREATE TABLE sessions (
    owner TEXT PRIMARY KEY,      -- host:pid:random, one per window that opened the report
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    host TEXT NOT NULL,          -- computer name, to tell "this PC" from "another PC"
    pid INTEGER NOT NULL,        -- process id on that host: a dead pid means a stale session
    program TEXT NOT NULL DEFAULT 'window',  -- window | cli
    opened_at TEXT NOT NULL,     -- UTC, ISO 8601
    heartbeat TEXT NOT NULL      -- UTC, ISO 8601; refreshed every minute while open
);
CREATE INDEX sessions_report ON sessions(report_id);
