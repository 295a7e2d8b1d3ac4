-- Traffic summed per space and month, kept in step with `traffic` by triggers, so long periods
-- (12 months, all time) read one row per space and month instead of one per day.
CREATE TABLE traffic_monthly (
    space_id     INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    month        TEXT NOT NULL,
    api_requests INTEGER NOT NULL,
    total_bytes  INTEGER NOT NULL,
    PRIMARY KEY (space_id, month)
) WITHOUT ROWID;

INSERT INTO traffic_monthly (space_id, month, api_requests, total_bytes)
SELECT space_id, substr(date, 1, 7), SUM(api_requests), SUM(total_bytes) FROM traffic GROUP BY space_id, substr(date, 1, 7);

CREATE TRIGGER traffic_monthly_insert AFTER INSERT ON traffic BEGIN
    INSERT INTO traffic_monthly (space_id, month, api_requests, total_bytes)
    VALUES (NEW.space_id, substr(NEW.date, 1, 7), NEW.api_requests, NEW.total_bytes)
    ON CONFLICT (space_id, month) DO UPDATE SET
        api_requests = api_requests + excluded.api_requests,
        total_bytes = total_bytes + excluded.total_bytes;
END;

CREATE TRIGGER traffic_monthly_delete AFTER DELETE ON traffic BEGIN
    UPDATE traffic_monthly SET api_requests = api_requests - OLD.api_requests, total_bytes = total_bytes - OLD.total_bytes
    WHERE space_id = OLD.space_id AND month = substr(OLD.date, 1, 7);
END;

CREATE TRIGGER traffic_monthly_update AFTER UPDATE ON traffic BEGIN
    UPDATE traffic_monthly SET api_requests = api_requests - OLD.api_requests, total_bytes = total_bytes - OLD.total_bytes
    WHERE space_id = OLD.space_id AND month = substr(OLD.date, 1, 7);
    INSERT INTO traffic_monthly (space_id, month, api_requests, total_bytes)
    VALUES (NEW.space_id, substr(NEW.date, 1, 7), NEW.api_requests, NEW.total_bytes)
    ON CONFLICT (space_id, month) DO UPDATE SET
        api_requests = api_requests + excluded.api_requests,
        total_bytes = total_bytes + excluded.total_bytes;
END;
